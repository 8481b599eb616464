package dev.kfp4j.cli;

import dev.kfp4j.local.LocalRunException;

/** Exit codes of the {@code kfp4j} command. */
public final class ExitCodes {

  /** The command did what was asked (for {@code run}: every task succeeded or was cached). */
  public static final int OK = 0;
  /** The run ran and a task failed (its dependents were skipped). */
  public static final int RUN_FAILED = 1;
  /** The command line was wrong: unknown option, or an unknown, missing or mistyped pipeline parameter. */
  public static final int USAGE = 2;
  /** No such pipeline (by name on the classpath, or file) or no such run. */
  public static final int NOT_FOUND = 3;
  /** The pipeline spec cannot be run, or its entrypoint classes are not on the classpath. */
  public static final int BAD_PIPELINE = 4;
  /** The run folder, cache or storage could not be read or written. */
  public static final int IO = 5;
  /** The run was interrupted (Ctrl-C); the JVM reports 143 for SIGTERM. */
  public static final int INTERRUPTED = 130;

  private ExitCodes() {}

  /** The exit code for a runner error. */
  public static int of(LocalRunException e) {
    return switch (e.kind()) {
      case NOT_FOUND -> NOT_FOUND;
      case BAD_SPEC, CLASSPATH -> BAD_PIPELINE;
      case BAD_PARAMETER -> USAGE;
      case IO -> IO;
    };
  }

}
