package dev.kfp4j.cluster.argo;

import dev.kfp4j.runtime.secret.Redaction;

/**
 * A one-line error from talking to Argo Workflows on Kubernetes: what failed and where (verb,
 * resource, namespace), never a credential.
 */
public class ArgoException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An error with its one-line message. */
  public ArgoException(String message) {
    super(Redaction.redact(message));
  }

  /** An error with its one-line message and the exception behind it. */
  public ArgoException(String message, Throwable cause) {
    super(Redaction.redact(message), cause);
  }
}
