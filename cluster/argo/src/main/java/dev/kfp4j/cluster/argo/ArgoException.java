package dev.kfp4j.cluster.argo;

import dev.kfp4j.runtime.secret.Redaction;

/**
 * A one-line error from talking to Argo Workflows on Kubernetes: what failed and where (verb,
 * resource, namespace), never a credential. Its {@link #kind()} says what sort of failure it is, so a
 * caller (the {@code kfp4j} command's exit code, say) need not read the message.
 */
public class ArgoException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What sort of failure. */
  public enum Kind {
    /** No such pipeline, workflow file, workflow or namespace. */
    NOT_FOUND,
    /** The workflow spec cannot be loaded or submitted as it is. */
    BAD_SPEC,
    /** A parameter, label, name or Secret given by the caller does not fit the workflow. */
    BAD_PARAMETER,
    /** A file or storage value could not be read. */
    IO,
    /** The cluster refused the call, failed, or could not be reached. */
    CLUSTER,
    /** Watching ended before the workflow did. */
    TIMEOUT
  }

  private final Kind kind;

  /** A cluster error with its one-line message. */
  public ArgoException(String message) {
    this(Kind.CLUSTER, message);
  }

  /** A cluster error with its one-line message and the exception behind it. */
  public ArgoException(String message, Throwable cause) {
    this(Kind.CLUSTER, message, cause);
  }

  /** An error of {@code kind} with its one-line message. */
  public ArgoException(Kind kind, String message) {
    super(Redaction.redact(message));
    this.kind = kind;
  }

  /** An error of {@code kind} with its one-line message and the exception behind it. */
  public ArgoException(Kind kind, String message, Throwable cause) {
    super(Redaction.redact(message), cause);
    this.kind = kind;
  }

  /** What sort of failure this is. */
  public Kind kind() {
    return kind;
  }
}
