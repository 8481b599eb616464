package dev.kfp4j.cluster.kfp;

import dev.kfp4j.runtime.secret.Redaction;

/**
 * A one-line error from the Kubeflow Pipelines API: the call, the HTTP status and the server's message,
 * never a token or cookie.
 */
public class KfpException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  /** An error with the HTTP status (0 when no response came). */
  public KfpException(String message, int status) {
    super(Redaction.redact(message));
    this.status = status;
  }

  /** An error with the HTTP status (0 when no response came) and its cause. */
  public KfpException(String message, int status, Throwable cause) {
    super(Redaction.redact(message), cause);
    this.status = status;
  }

  /** The HTTP status of the failed call, or 0 when there was no response. */
  public int status() {
    return status;
  }
}
