package dev.kfp4j.local.run;

import dev.kfp4j.local.plan.PlannedCondition;
import dev.kfp4j.local.plan.PlannedLoop;
import dev.kfp4j.local.plan.PlannedScope;
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
import java.util.concurrent.Semaphore;
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
    setup.reused().forEach((path, context) -> {
      contexts.put(path, context);
      states.put(path, TaskState.SUCCEEDED);
      emit(path, TaskState.SUCCEEDED, 0, "done in an earlier attempt of this run");
    });
    runner = new TaskRunner(setup, this::emit, contexts);
    slots = new Semaphore(Math.max(1, setup.parallelism()));
    loops = new LoopRunner(setup, contexts, this);
    conditions = new ConditionRunner(setup, contexts, this);
    schedule(setup.plan().tasks(), setup.plan().loops(), setup.parallelism());
    return new Outcome(Map.copyOf(states), Map.copyOf(outcomes), Map.copyOf(contexts), List.copyOf(events));
  }

  private TaskRunner runner;
  private LoopRunner loops;
  private ConditionRunner conditions;
  /** At most {@code parallelism} task executions at once, however many loops and iterations schedule them. */
  private Semaphore slots;

  /**
   * Runs {@code tasks} and {@code loops} (the run's DAG, or one loop iteration) with {@code threads} threads,
   * each node once its dependencies succeeded; returns whether every node succeeded.
   */
  boolean schedule(List<PlannedTask> tasks, Map<String, PlannedScope> loopNodes, int threads) {
    Map<String, List<String>> dependents = new HashMap<>();
    Map<String, Integer> unmet = new HashMap<>();
    Map<String, Runnable> starts = new LinkedHashMap<>();
    Map<String, java.util.Set<String>> needs = new LinkedHashMap<>();
    tasks.forEach(task -> needs.put(task.path(), task.dependencies()));
    loopNodes.values().forEach(loop -> needs.put(loop.path(), loop.dependencies()));
    for (PlannedTask task : tasks) {
      String reused = setup.reused().containsKey(task.path()) ? setup.reused().get(task.path()) : reusable(task);
      if (reused != null && !setup.reused().containsKey(task.path())) {
        contexts.put(task.path(), reused);
        states.put(task.path(), TaskState.SUCCEEDED);
        emit(task.path(), TaskState.SUCCEEDED, 0, "done in an earlier attempt of this run");
      } else if (reused == null) {
        states.put(task.path(), TaskState.PENDING);
      }
    }
    loopNodes.keySet().forEach(path -> states.put(path, TaskState.PENDING));
    needs.forEach((path, dependencies) -> dependencies.forEach(
        dependency -> dependents.computeIfAbsent(dependency, k -> new ArrayList<>()).add(path)));
    needs.forEach((path, dependencies) -> unmet.put(path,
        (int) dependencies.stream().filter(d -> !states.getOrDefault(d, TaskState.SUCCEEDED).done()).count()));

    java.util.Set<String> afterFailure = new java.util.HashSet<>();
    tasks.stream().filter(PlannedTask::afterFailure).forEach(task -> afterFailure.add(task.path()));
    BlockingQueue<TaskOutcome> completed = new LinkedBlockingQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), threads());
    tasks.forEach(task -> starts.put(task.path(), () -> pool.execute(() -> completed.add(guarded(task.path(), () -> {
      slots.acquire();
      try {
        return runner.run(task);
      } finally {
        slots.release();
      }
    })))));
    loopNodes.values().forEach(scope -> starts.put(scope.path(), () -> pool.execute(() -> completed.add(guarded(
        scope.path(), () -> scope instanceof PlannedLoop loop ? loops.run(loop) : conditions.run((PlannedCondition) scope))))));
    int active = 0;
    try {
      for (String path : needs.keySet()) {
        if (states.get(path) == TaskState.PENDING && unmet.get(path) == 0) {
          starts.get(path).run();
          active++;
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
              starts.get(dependent).run();
              active++;
            }
          }
        } else if (outcome.state() == TaskState.FAILED) {
          // A clean-up task waits for the others that it depends on, then runs whatever happened.
          for (String cleanup : skipDependents(outcome.task(), dependents, afterFailure)) {
            int left = unmet.merge(cleanup, -1, Integer::sum);
            if (left == 0 && states.get(cleanup) == TaskState.PENDING && !setup.control().cancelled()) {
              starts.get(cleanup).run();
              active++;
            }
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return needs.keySet().stream().allMatch(path -> states.get(path).done());
  }

  /** A task of the resumed run's loops that succeeded then (its output context exists) and whose dependencies did. */
  private String reusable(PlannedTask task) {
    if (!setup.resumed()) {
      return null;
    }
    java.nio.file.Path file = setup.directory().context(task.path());
    if (!java.nio.file.Files.isRegularFile(file) || !task.dependencies().stream()
        .allMatch(d -> states.getOrDefault(d, TaskState.PENDING).done())) {
      return null;
    }
    try {
      String text = java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8).trim();
      dev.kfp4j.runtime.context.RunContext.parse(text);
      return text;
    } catch (java.io.IOException | dev.kfp4j.runtime.context.ContextException e) {
      return null; // not a context a task wrote whole: run the task again
    }
  }

  /** What a node's turn ends with, also when the runner itself fails. */
  interface Turn {
    TaskOutcome run() throws InterruptedException;
  }

  private TaskOutcome guarded(String path, Turn turn) {
    try {
      return turn.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new TaskOutcome(path, TaskState.PENDING, 0, null, null, null, 0);
    } catch (RuntimeException | Error e) {
      // A bug in the runner itself: fail this task visibly rather than hang the run.
      String error = "kfp4j: internal error in the local runner: " + e;
      emit(path, TaskState.FAILED, 0, error);
      return new TaskOutcome(path, TaskState.FAILED, 0, Instant.now(), Instant.now(), error, -1);
    }
  }

  /**
   * Marks what depends on {@code failed} as skipped, transitively; returns, once per dependency that failed or was
   * skipped, the clean-up tasks ({@code afterFailure}) reached, which are not skipped.
   */
  private List<String> skipDependents(String failed, Map<String, List<String>> dependents,
      java.util.Set<String> afterFailure) {
    List<String> reached = new ArrayList<>();
    Deque<String> queue = new ArrayDeque<>(List.of(failed));
    while (!queue.isEmpty()) {
      String from = queue.poll();
      for (String task : dependents.getOrDefault(from, List.of())) {
        if (afterFailure.contains(task)) {
          reached.add(task);
        } else if (states.get(task) == TaskState.PENDING) {
          states.put(task, TaskState.SKIPPED);
          emit(task, TaskState.SKIPPED, 0, "because '" + failed + "' failed");
          queue.add(task);
        }
      }
    }
    return reached;
  }

  void loopStarted(String loop, int iterations) {
    synchronized (emitLock) {
      setup.listener().loop(loop, iterations);
    }
  }

  void emit(String task, TaskState state, int attempt, String detail) {
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
