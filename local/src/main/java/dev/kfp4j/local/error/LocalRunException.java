package dev.kfp4j.local.error;

/** A run could not be started or continued; the message is one line naming what and where. */
public class LocalRunException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What went wrong, so the command line can pick an exit code. */
  public enum Kind {
    /** No pipeline of that name or path, or no run of that id. */
    NOT_FOUND,
    /** The pipeline spec is malformed or uses something the local runner does not run. */
    BAD_SPEC,
    /** A pipeline parameter is unknown, missing or of the wrong type. */
    BAD_PARAMETER,
    /** An entrypoint (a generated class, or a component the shared entrypoint runs) is not on the classpath or not usable. */
    CLASSPATH,
    /** The run directory, cache or storage could not be read or written. */
    IO
  }

  private final Kind kind;

  public LocalRunException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public LocalRunException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** What went wrong. */
  public Kind kind() {
    return kind;
  }
}
