package dev.kfp4j.local;

import dev.kfp4j.local.cache.CacheStore;
import dev.kfp4j.local.error.LocalRunException;
import dev.kfp4j.local.exec.Entrypoints;
import dev.kfp4j.local.exec.RunControl;
import dev.kfp4j.local.exec.TaskExecutor;
import dev.kfp4j.local.plan.Plan;
import dev.kfp4j.local.plan.PlannedLoop;
import dev.kfp4j.local.plan.PlannedTask;
import dev.kfp4j.local.run.RunDirectory;
import dev.kfp4j.local.run.RunEngine;
import dev.kfp4j.local.run.RunRecord;
import dev.kfp4j.local.run.RunSetup;
import dev.kfp4j.local.run.TaskOutcome;
import dev.kfp4j.local.run.TaskState;
import dev.kfp4j.runtime.context.ContextException;
import dev.kfp4j.runtime.context.RunContext;
import dev.kfp4j.runtime.entrypoint.InitMain;
import dev.kfp4j.runtime.entrypoint.InitStep;
import dev.kfp4j.runtime.storage.Addresses;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** One run (or resume) from its first step to its record: init, schedule, collect, write run.json. */
final class Execution {

  private static final long STOP_WAIT_SECONDS = 20;

  private final RunOptions options;
  private final Plan plan;
  private final Parameters parameters;
  private final Entrypoints entrypoints;
  private final RunDirectory directory;
  private final RunRecord previous;

  Execution(RunOptions options, Plan plan, Parameters parameters, Entrypoints entrypoints,
      RunDirectory directory, RunRecord previous) {
    this.options = options;
    this.plan = plan;
    this.parameters = parameters;
    this.entrypoints = entrypoints;
    this.directory = directory;
    this.previous = previous;
  }

  RunResult run() {
    URI root = previous != null ? URI.create(previous.root()) : root();
    Path initFile = directory.context(RunDirectory.INIT);
    String initContext;
    try {
      initContext = previous != null && Files.isRegularFile(initFile) ? read(initFile) : init(root, initFile);
    } catch (LocalRunException e) {
      if (previous == null) {
        // Listed by 'kfp4j runs' as failed, rather than left as a folder without a record.
        String now = Instant.now().toString();
        directory.write(new RunRecord(directory.runId(), plan.name(), plan.source(),
            options.inProcess() ? "in-process" : "subprocess", root.toString(), parameters.text(),
            "failed", now, null, now, ProcessHandle.current().pid(), plan.outputs(), Map.of()));
      }
      directory.close();
      throw e;
    }
    Map<String, String> reused = previous == null ? Map.of() : reusable();
    RunControl control = new RunControl();
    TaskExecutor executor = options.executor(control);
    String mode = executor.mode();
    RunSetup setup = new RunSetup(plan, directory, root, options.settings(), executor, entrypoints,
        new CacheStore(options.cacheDirectory()), !options.noCache(), options.parallelism(), control,
        options.listener(), initContext, reused, previous != null,
        new dev.kfp4j.local.container.ContainerStepRunner(options.containers(), control, Path.of("").toAbsolutePath()));
    Instant started = Instant.now();
    RunRecord record = new RunRecord(directory.runId(), plan.name(), plan.source(), mode, root.toString(), parameters.text(),
        "running", previous != null && previous.startedAt() != null ? previous.startedAt() : started.toString(),
        previous != null ? started.toString() : null, null, ProcessHandle.current().pid(), plan.outputs(), Map.of());
    directory.write(record);
    List<String> paths = plan.tasks().stream().map(PlannedTask::path).toList();
    RunInfo info = new RunInfo(directory.runId(), plan.name(), directory.path(), root, paths, mode, options.parallelism(),
        previous != null, ignoredLocally(plan, executor.setsEnvironment(),
        options.containers().mode() == dev.kfp4j.local.container.ContainerRuntime.Mode.HOST));
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      control.cancel();
      try {
        // Let the run end its tasks and write its record; if it cannot (the JVM is ending because
        // something called System.exit), record it as failed rather than leave it 'running'.
        if (!finished.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
          directory.write(record.with("failed", Instant.now().toString(), Map.of()));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "kfp4j-stop");
    if (options.stopOnSignal()) {
      Runtime.getRuntime().addShutdownHook(hook);
    }
    try {
      options.listener().started(info);
      RunEngine.Outcome outcome = new RunEngine(setup).run();
      Instant ended = Instant.now();
      RunResult.State state = control.cancelled() ? RunResult.State.CANCELLED
          : outcome.states().values().stream().allMatch(TaskState::done) ? RunResult.State.SUCCEEDED : RunResult.State.FAILED;
      Map<String, TaskResult> tasks = new LinkedHashMap<>();
      Map<String, RunRecord.TaskRecord> taskRecords = new TreeMap<>();
      List<String> all = new ArrayList<>(paths);
      // Loops and their iterations' tasks are planned as they run: they come after the plan's tasks.
      outcome.states().keySet().stream().filter(path -> !paths.contains(path)).sorted().forEach(all::add);
      for (String path : all) {
        TaskResult result = result(path, outcome, reused.containsKey(path));
        tasks.put(path, result);
        taskRecords.put(path, new RunRecord.TaskRecord(result.state().label(), result.attempts(),
            result.started().map(Instant::toString).orElse(null), result.ended().map(Instant::toString).orElse(null),
            result.error().orElse(null), result.exitCode(), directory.path().relativize(result.log()).toString(),
            result.reused()));
      }
      directory.write(record.with(state.name().toLowerCase(java.util.Locale.ROOT), ended.toString(), taskRecords));
      RunResult result = new RunResult(info, state, started, ended, tasks, outcome.events(), outputs(outcome.contexts()),
          options.settings());
      options.listener().finished(result);
      return result;
    } finally {
      directory.close();
      finished.countDown();
      if (options.stopOnSignal()) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // The JVM is shutting down: the hook is what stopped this run.
        }
      }
    }
  }

  private TaskResult result(String path, RunEngine.Outcome outcome, boolean reused) {
    TaskState state = outcome.states().get(path);
    TaskOutcome task = outcome.outcomes().get(path);
    Path log = directory.log(path);
    if (task == null) {
      return new TaskResult(path, state, 0, Optional.empty(), Optional.empty(), Optional.empty(), 0, log, reused);
    }
    return new TaskResult(path, state, task.attempts(), Optional.ofNullable(task.started()),
        Optional.ofNullable(task.ended()), Optional.ofNullable(task.error()), task.exitCode(), log, reused);
  }

  private Map<String, URI> outputs(Map<String, String> contexts) {
    Map<String, URI> outputs = new TreeMap<>();
    plan.outputs().forEach((name, valueName) -> {
      String producer = valueName.substring(0, valueName.lastIndexOf('.'));
      String context = contexts.get(producer);
      if (context != null) {
        try {
          RunContext.parse(context).address(valueName).ifPresent(address -> outputs.put(name, address));
        } catch (ContextException e) {
          throw new LocalRunException(LocalRunException.Kind.IO, "output context of task '" + producer + "': " + e.getMessage(), e);
        }
      }
    });
    return outputs;
  }

  private URI root() {
    if (options.root() != null) {
      return Addresses.resolve(options.root(), directory.runId() + "/");
    }
    try {
      Files.createDirectories(directory.values());
    } catch (IOException e) {
      throw new LocalRunException(LocalRunException.Kind.IO, "cannot create " + directory.values() + ": " + e, e);
    }
    return directory.values().toUri();
  }

  /** The init step of a cluster run, called in this JVM: stores each parameter and writes the first context. */
  private String init(URI root, Path initFile) {
    try {
      java.util.Set<String> imports = new java.util.TreeSet<>();
      plan.parameters().values().stream().filter(p -> p.kind().equals(InitMain.ARTIFACT)).forEach(p -> imports.add(p.name()));
      return InitStep.init(directory.runId(), root, parameters.values(), imports, List.of(root), options.settings(),
          initFile).toJson();
    } catch (ContextException e) {
      throw new LocalRunException(LocalRunException.Kind.BAD_PARAMETER, "init: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new LocalRunException(LocalRunException.Kind.IO, "init: " + e.getMessage(), e);
    }
  }

  /** Tasks of the resumed run that succeeded (their output context exists) and whose dependencies did too. */
  private Map<String, String> reusable() {
    Map<String, String> reused = new LinkedHashMap<>();
    for (PlannedTask task : plan.tasks()) {
      Path context = directory.context(task.path());
      if (Files.isRegularFile(context) && reused.keySet().containsAll(task.dependencies())) {
        String text = read(context);
        try {
          RunContext.parse(text);
          reused.put(task.path(), text);
        } catch (ContextException e) {
          // Not a context a task wrote whole: run the task again.
        }
      }
    }
    return reused;
  }

  /**
   * The options no task here honours, each named once with the tasks that set it (a loop body task with an
   * asterisk for its iteration number): CPU requests, accelerators, scheduling, pod metadata; the CPU limit except in
   * podman/docker containers; in-process,
   * a Java task's environment variables and memory limit; in host mode, a container step's memory limit; Secret
   * volumes except in podman/docker containers.
   */
  static List<String> ignoredLocally(Plan plan, boolean setsEnvironment, boolean hostContainers) {
    Map<String, PlannedTask> tasks = new LinkedHashMap<>();
    everyTask(plan.tasks(), plan.loops(), path -> path, tasks);
    Map<String, List<String>> byOption = new java.util.TreeMap<>();
    tasks.forEach((shown, task) -> {
      List<String> ignored = new java.util.ArrayList<>(task.options().ignored());
      boolean container = task.container().isPresent();
      if (!setsEnvironment && !container) {
        if (!task.options().env().isEmpty() || !task.options().secretEnv().isEmpty()) {
          ignored.add("env (in-process)");
        }
        if (task.options().memoryLimitBytes() != null) {
          ignored.add("memoryLimit (in-process)");
        }
      }
      if (task.options().cpuLimit() != null && (hostContainers || !container)) {
        ignored.add("cpuLimit");
      }
      if (hostContainers && container && task.options().memoryLimitBytes() != null) {
        ignored.add("memoryLimit (container step in host mode)");
      }
      if (!task.options().secretVolumes().isEmpty() && (hostContainers || !container)) {
        ignored.add("secret volumes (only podman/docker containers mount them)");
      }
      ignored.forEach(option -> byOption.computeIfAbsent(option, o -> new java.util.ArrayList<>()).add(shown));
    });
    List<String> lines = new java.util.ArrayList<>();
    byOption.forEach((option, names) -> lines.add(option + " (" + String.join(", ", names) + ")"));
    return lines;
  }

  /**
   * The tasks and, planned once for their first item, the loop bodies' tasks, and every branch's tasks, by the path
   * shown for them.
   */
  private static void everyTask(List<PlannedTask> tasks, Map<String, dev.kfp4j.local.plan.PlannedScope> loops,
      java.util.function.UnaryOperator<String> shown, Map<String, PlannedTask> into) {
    tasks.forEach(task -> into.putIfAbsent(shown.apply(task.path()), task));
    for (dev.kfp4j.local.plan.PlannedScope scope : loops.values()) {
      if (scope instanceof dev.kfp4j.local.plan.PlannedCondition chain) {
        for (dev.kfp4j.local.plan.PlannedCondition.Branch branch : chain.branches()) {
          PlannedLoop.Iteration planned = branch.plan().get();
          everyTask(planned.tasks(), planned.loops(), shown, into);
        }
        continue;
      }
      PlannedLoop loop = (PlannedLoop) scope;
      String first = loop.path() + "/0/";
      PlannedLoop.Iteration iteration = loop.iteration().apply(0);
      everyTask(iteration.tasks(), iteration.loops(), path -> shown.apply(path.startsWith(first)
          ? loop.path() + "/*/" + path.substring(first.length()) : path), into);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new LocalRunException(LocalRunException.Kind.IO, "cannot read " + file + ": " + e, e);
    }
  }
}
