package dev.kfp4j.local.run;

/** Where a task of a local run stands. */
public enum TaskState {
  /** Waiting for the tasks it depends on, or for a free slot. */
  PENDING,
  /** Its entrypoint is running (possibly a retry). */
  RUNNING,
  /** Not run: an earlier execution with the same component and input values was reused. */
  CACHED,
  /** Ran and stored its outputs. */
  SUCCEEDED,
  /** Failed on its last attempt. */
  FAILED,
  /** Not run because a task it depends on failed. */
  SKIPPED,
  /** Stopped because the run was interrupted (Ctrl-C, SIGTERM). */
  CANCELLED;

  /** Whether the task's outputs are available to its dependents. */
  public boolean done() {
    return this == CACHED || this == SUCCEEDED;
  }

  /** Whether the task will not change state any more in this run. */
  public boolean finished() {
    return this != PENDING && this != RUNNING;
  }

  /** Lower-case name, as shown. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
