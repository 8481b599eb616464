package dev.kfp4j.cli;

import dev.kfp4j.local.error.LocalRunException;

/**
 * The exit codes of every {@code kfp4j} command, local and cluster alike: one table, so that a script
 * reads {@code 3} as "no such thing" whichever command it ran.
 */
public final class Kfp4jExitCodes {

  /** The command did what was asked (a run it waited for succeeded, or every local task succeeded or was cached). */
  public static final int OK = 0;
  /** The run ran and did not succeed: a local task failed (its dependents were skipped), or the Argo workflow or
   *  KFP run it waited for failed, errored or was stopped. */
  public static final int RUN_FAILED = 1;
  /** The command line was wrong: unknown option or bad value, or an unknown, missing or mistyped pipeline parameter. */
  public static final int USAGE = 2;
  /** No such pipeline (by name on the classpath, or file), local run, workflow, KFP run or experiment. */
  public static final int NOT_FOUND = 3;
  /**
   * The pipeline spec cannot be run or submitted, or what its steps run is not on the classpath (a generated
   * entrypoint class, or a component's class or descriptor for the shared entrypoint).
   */
  public static final int BAD_PIPELINE = 4;
  /** A run folder, cache, file or storage value could not be read or written. */
  public static final int IO = 5;
  /** The cluster or the KFP API refused the call, failed, or could not be reached. */
  public static final int CLUSTER = 6;
  /** Waiting for a workflow or KFP run ended (--timeout) before the run did; it may still be going. */
  public static final int TIMEOUT = 7;
  /** The command was interrupted (Ctrl-C); the JVM reports 143 for SIGTERM. */
  public static final int INTERRUPTED = 130;

  /** The table as {@code kfp4j --help} shows it. */
  static final String[] TABLE = {
      "  0  success (every task succeeded or was cached; a run waited for succeeded)",
      "  1  a run ran and failed (a local task, an Argo workflow or a KFP run)",
      "  2  usage: bad option, or an unknown, missing or mistyped --param",
      "  3  no such pipeline, run, workflow or experiment",
      "  4  the pipeline cannot be run (unsupported spec, missing entrypoint class or component)",
      "  5  run folder, cache, file or storage not readable or writable",
      "  6  the cluster or the KFP API refused, failed or was not reachable",
      "  7  --timeout reached while waiting (the run may still be going)",
      "130  interrupted (Ctrl-C); 143 for SIGTERM"};

  private Kfp4jExitCodes() {}

  /**
   * The exit code for a cluster client's error kind ({@code ArgoException.Kind}, {@code KfpException.Kind}:
   * the two clients name their kinds alike, and neither depends on the other or on this module).
   */
  public static int ofClientError(Enum<?> kind) {
    return switch (kind.name()) {
      case "NOT_FOUND" -> NOT_FOUND;
      case "BAD_SPEC" -> BAD_PIPELINE;
      case "BAD_PARAMETER" -> USAGE;
      case "IO" -> IO;
      case "TIMEOUT" -> TIMEOUT;
      default -> CLUSTER;
    };
  }

  /** The exit code for a local runner error. */
  public static int of(LocalRunException e) {
    return switch (e.kind()) {
      case NOT_FOUND -> NOT_FOUND;
      case BAD_SPEC, CLASSPATH -> BAD_PIPELINE;
      case BAD_PARAMETER -> USAGE;
      case IO -> IO;
    };
  }
}
