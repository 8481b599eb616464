package dev.kfp4j.local;

import dev.kfp4j.local.run.RunProgress;

/**
 * Follows a local run as it goes (progress display, tests): its start and end, and in between what
 * {@link RunProgress} reports (task events, loops, warnings). Called from the runner's threads, one event at a time.
 */
public interface RunListener extends RunProgress {

  /** The run has started: its plan is known and its directory exists. */
  default void started(RunInfo run) {}

  /** The run has ended (succeeded, failed or was interrupted). */
  default void finished(RunResult result) {}
}
