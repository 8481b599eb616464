package dev.kfp4j.local;

/** Follows a local run as it goes (progress display, tests). Called from the runner's threads, one event at a time. */
public interface RunListener {

  /** The run has started: its plan is known and its directory exists. */
  default void started(RunInfo run) {}

  /** A task changed state. */
  default void event(RunEvent event) {}

  /**
   * A loop read its items and is about to run {@code iterations} iterations; iteration {@code i}'s tasks are
   * {@code <loop>/<i>/<task>}.
   */
  default void loop(String loop, int iterations) {}

  /** Something the user should know that does not fail the run (a cache entry that did not verify, …); one line. */
  default void warning(String message) {}

  /** The run has ended (succeeded, failed or was interrupted). */
  default void finished(RunResult result) {}
}
