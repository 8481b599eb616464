package dev.kfp4j.local.run;

import dev.kfp4j.local.RunEvent;
import dev.kfp4j.local.TaskState;
import dev.kfp4j.local.plan.PlannedTask;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scheduler: starts each task once every task it depends on has succeeded (at most
 * {@code parallelism} at once), skips the dependents of a failed task while independent branches go
 * on, and stops starting tasks once the run is cancelled.
 */
public final class RunEngine {

  private final RunSetup setup;
  private final Map<String, String> contexts = new ConcurrentHashMap<>();
  private final Map<String, TaskState> states = new ConcurrentHashMap<>();
  private final Map<String, TaskOutcome> outcomes = new ConcurrentHashMap<>();
  private final List<RunEvent> events = Collections.synchronizedList(new ArrayList<>());
  private final Object emitLock = new Object();

  public RunEngine(RunSetup setup) {
    this.setup = setup;
  }

  /** What the scheduler ends with. */
  public record Outcome(Map<String, TaskState> states, Map<String, TaskOutcome> outcomes, Map<String, String> contexts,
      List<RunEvent> events) {}

  /** Runs the plan to the end (or until cancelled). */
  public Outcome run() {
    List<PlannedTask> tasks = setup.plan().tasks();
    Map<String, List<String>> dependents = new HashMap<>();
    Map<String, Integer> unmet = new HashMap<>();
    Map<String, PlannedTask> byPath = new LinkedHashMap<>();
    for (PlannedTask task : tasks) {
      byPath.put(task.path(), task);
      states.put(task.path(), TaskState.PENDING);
      task.dependencies().forEach(dependency -> dependents.computeIfAbsent(dependency, k -> new ArrayList<>()).add(task.path()));
    }
    setup.reused().forEach((path, context) -> {
      contexts.put(path, context);
      states.put(path, TaskState.SUCCEEDED);
      emit(path, TaskState.SUCCEEDED, 0, "done in an earlier attempt of this run");
    });
    for (PlannedTask task : tasks) {
      unmet.put(task.path(), (int) task.dependencies().stream().filter(d -> !states.get(d).done()).count());
    }

    TaskRunner runner = new TaskRunner(setup, this::emit, contexts);
    BlockingQueue<TaskOutcome> completed = new LinkedBlockingQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(setup.parallelism(), threads());
    int active = 0;
    try {
      for (PlannedTask task : tasks) {
        if (states.get(task.path()) == TaskState.PENDING && unmet.get(task.path()) == 0) {
          active += submit(pool, runner, task, completed);
        }
      }
      while (active > 0) {
        TaskOutcome outcome;
        try {
          outcome = completed.poll(200, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          setup.control().cancel();
          active -= pool.shutdownNow().size();
          continue;
        }
        if (outcome == null) {
          if (setup.control().cancelled() && !pool.isShutdown()) {
            // Interrupts in-process tasks and backoff waits (processes are already ended); tasks still
            // queued never start and never report, so they leave the count here.
            active -= pool.shutdownNow().size();
          }
          continue;
        }
        active--;
        outcomes.put(outcome.task(), outcome);
        states.put(outcome.task(), outcome.state());
        if (outcome.state().done()) {
          for (String dependent : dependents.getOrDefault(outcome.task(), List.of())) {
            int left = unmet.merge(dependent, -1, Integer::sum);
            if (left == 0 && states.get(dependent) == TaskState.PENDING && !setup.control().cancelled()) {
              active += submit(pool, runner, byPath.get(dependent), completed);
            }
          }
        } else if (outcome.state() == TaskState.FAILED) {
          skipDependents(outcome.task(), dependents);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return new Outcome(Map.copyOf(states), Map.copyOf(outcomes), Map.copyOf(contexts), List.copyOf(events));
  }

  private int submit(ExecutorService pool, TaskRunner runner, PlannedTask task, BlockingQueue<TaskOutcome> completed) {
    pool.execute(() -> {
      TaskOutcome outcome;
      try {
        outcome = runner.run(task);
      } catch (RuntimeException | Error e) {
        // A bug in the runner itself: fail this task visibly rather than hang the run.
        String error = "kfp4j: internal error in the local runner: " + e;
        emit(task.path(), TaskState.FAILED, 0, error);
        outcome = new TaskOutcome(task.path(), TaskState.FAILED, 0, Instant.now(), Instant.now(), error, -1);
      }
      completed.add(outcome);
    });
    return 1;
  }

  private void skipDependents(String failed, Map<String, List<String>> dependents) {
    Deque<String> queue = new ArrayDeque<>(dependents.getOrDefault(failed, List.of()));
    while (!queue.isEmpty()) {
      String task = queue.poll();
      if (states.get(task) == TaskState.PENDING) {
        states.put(task, TaskState.SKIPPED);
        emit(task, TaskState.SKIPPED, 0, "because '" + failed + "' failed");
        queue.addAll(dependents.getOrDefault(task, List.of()));
      }
    }
  }

  private void emit(String task, TaskState state, int attempt, String detail) {
    synchronized (emitLock) {
      RunEvent event = new RunEvent(Instant.now(), task, state, attempt, detail == null ? "" : detail);
      if (state == TaskState.RUNNING) {
        states.put(task, TaskState.RUNNING);
      }
      events.add(event);
      setup.directory().append(event);
      setup.listener().event(event);
    }
  }

  private static ThreadFactory threads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "kfp4j-task-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
