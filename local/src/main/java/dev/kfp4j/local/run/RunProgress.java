package dev.kfp4j.local.run;

/**
 * What the run engine reports while a run goes: task state changes, loops' iteration counts and warnings.
 * {@link dev.kfp4j.local.RunListener} extends it with the run's start and end; called from the runner's threads,
 * one call at a time.
 */
public interface RunProgress {

  /** A task changed state. */
  default void event(RunEvent event) {}

  /**
   * A loop read its items and is about to run {@code iterations} iterations; iteration {@code i}'s tasks are
   * {@code <loop>/<i>/<task>}.
   */
  default void loop(String loop, int iterations) {}

  /** Something the user should know that does not fail the run (a cache entry that did not verify, …); one line. */
  default void warning(String message) {}
}
