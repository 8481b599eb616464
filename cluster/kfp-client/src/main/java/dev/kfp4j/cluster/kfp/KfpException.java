package dev.kfp4j.cluster.kfp;

import dev.kfp4j.runtime.secret.Redaction;

/**
 * A one-line error from the Kubeflow Pipelines API: the call, the HTTP status and the server's message,
 * never a token or cookie. Its {@link #kind()} says what sort of failure it is, so a caller (the
 * {@code kfp4j} command's exit code, say) need not read the message.
 */
public class KfpException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What sort of failure. */
  public enum Kind {
    /** No such pipeline (on the classpath or as a file), experiment, run or version (HTTP 404). */
    NOT_FOUND,
    /** The pipeline spec cannot be loaded as a KFP v2 {@code PipelineSpec}. */
    BAD_SPEC,
    /** A parameter value or option given by the caller does not fit. */
    BAD_PARAMETER,
    /** A local file could not be read. */
    IO,
    /** The API refused the call, failed, or could not be reached. */
    CLUSTER,
    /** Waiting ended before the run did. */
    TIMEOUT
  }

  private final Kind kind;
  private final int status;

  /** An API error with the HTTP status (0 when no response came): {@link Kind#NOT_FOUND} for 404. */
  public KfpException(String message, int status) {
    this(status == 404 ? Kind.NOT_FOUND : Kind.CLUSTER, message, status, null);
  }

  /** An API error with the HTTP status (0 when no response came) and its cause. */
  public KfpException(String message, int status, Throwable cause) {
    this(status == 404 ? Kind.NOT_FOUND : Kind.CLUSTER, message, status, cause);
  }

  /** An error of {@code kind} that no HTTP response carried. */
  public KfpException(Kind kind, String message) {
    this(kind, message, 0, null);
  }

  /** An error of {@code kind} that no HTTP response carried, with its cause. */
  public KfpException(Kind kind, String message, Throwable cause) {
    this(kind, message, 0, cause);
  }

  private KfpException(Kind kind, String message, int status, Throwable cause) {
    super(Redaction.redact(message), cause);
    this.kind = kind;
    this.status = status;
  }

  /** What sort of failure this is. */
  public Kind kind() {
    return kind;
  }

  /** The HTTP status of the failed call, or 0 when there was no response. */
  public int status() {
    return status;
  }
}
