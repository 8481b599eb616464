package dev.kfp4j.local.exec;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Stops a run: once cancelled, no task starts and every running task process is ended with its
 * whole process tree (a component may start processes of its own).
 */
public final class RunControl {

  private static final Duration GRACE = Duration.ofSeconds(2);
  private final Set<Process> running = ConcurrentHashMap.newKeySet();
  private volatile boolean cancelled;

  /** Whether the run is being stopped. */
  public boolean cancelled() {
    return cancelled;
  }

  /** Stops the run: ends every running task process tree (SIGTERM, then SIGKILL after a grace period). */
  public void cancel() {
    cancelled = true;
    for (Process process : Set.copyOf(running)) {
      destroyTree(process);
    }
  }

  /** Registers a started task process; ends it at once if the run is already being stopped. */
  public void started(Process process) {
    running.add(process);
    if (cancelled) {
      destroyTree(process);
    }
  }

  public void ended(Process process) {
    running.remove(process);
  }

  public static void destroyTree(Process process) {
    // Children first, so none is re-parented and left running when its parent goes.
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
