package dev.kfp4j.runtime.entrypoint;

/** Exit codes of a generated entrypoint. */
public final class ExitCode {

  /** The component ran and its outputs and output context are stored. */
  public static final int OK = 0;
  /** The command line was wrong (unknown flag, missing context). */
  public static final int USAGE = 2;
  /** The context or executor input was malformed, or carried a credential. */
  public static final int BAD_CONTEXT = 3;
  /** An input was missing, unreadable, refused, malformed or of the wrong type. */
  public static final int BAD_INPUT = 4;
  /** The user's method threw. */
  public static final int COMPONENT_FAILED = 5;
  /** An output could not be encoded or stored. */
  public static final int OUTPUT_FAILED = 6;
  /** A bug in kfp4j itself (the message names the exception; please report it). */
  public static final int INTERNAL_ERROR = 70;

  private ExitCode() {}
}
