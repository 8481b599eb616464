package dev.kfp4j.local.run;

import static dev.kfp4j.wire.StepArguments.CONTEXTS;
import static dev.kfp4j.wire.StepArguments.INPUTS;
import static dev.kfp4j.wire.StepArguments.OUTPUT_CONTEXT;
import static dev.kfp4j.wire.StepArguments.ROOTS;
import static dev.kfp4j.wire.StepArguments.TASK;

import dev.kfp4j.local.cache.CacheStore;
import dev.kfp4j.local.error.LocalRunException;
import dev.kfp4j.local.exec.Entrypoints;
import dev.kfp4j.local.exec.LocalSecrets;
import dev.kfp4j.local.exec.TaskExecutor;
import dev.kfp4j.local.plan.PlannedTask;
import dev.kfp4j.local.plan.Source;
import dev.kfp4j.runtime.context.ContextException;
import dev.kfp4j.runtime.context.RunContext;
import dev.kfp4j.runtime.storage.Addresses;
import dev.kfp4j.runtime.storage.Storage;
import dev.kfp4j.runtime.value.ValueCodec;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One task's turn: merge the contexts it needs, reuse a cached execution if there is one, else run
 * its entrypoint (retrying per its policy), and on success record its outputs in the cache.
 */
final class TaskRunner {

  private final RunSetup setup;
  private final Events events;
  private final Map<String, String> contexts;
  private final Set<Path> directories = ConcurrentHashMap.newKeySet();

  /** Publishes state changes. */
  interface Events {
    void emit(String task, TaskState state, int attempt, String detail);
  }

  TaskRunner(RunSetup setup, Events events, Map<String, String> contexts) {
    this.setup = setup;
    this.events = events;
    this.contexts = contexts;
  }

  TaskOutcome run(PlannedTask task) {
    if (setup.control().cancelled()) {
      return new TaskOutcome(task.path(), TaskState.PENDING, 0, null, null, null, 0);
    }
    Instant started = Instant.now();
    try (Store storage = new Store()) {
      List<String> inputContexts = new ArrayList<>();
      inputContexts.add(setup.initContext());
      for (String dependency : task.dependencies()) {
        if (contexts.containsKey(dependency) || !task.afterFailure()) {
          inputContexts.add(contexts.get(dependency)); // a clean-up task's failed or skipped dependencies left none
        }
      }
      // A container step runs its own program: no entrypoint class to load.
      Entrypoints.Entrypoint entrypoint = task.container().isPresent() ? null : setup.entrypoints().get(task.entrypoint());
      String identity;
      try {
        identity = task.container().isPresent() ? setup.containers().identity(task.container().get())
            : entrypoint.identity();
      } catch (InterruptedException e) {
        return cancelled(task, 0, started, storage);
      }
      Optional<String> key = Optional.empty();
      if (task.cache() && setup.useCache()) {
        List<RunContext> parsed = new ArrayList<>();
        for (String text : inputContexts) {
          parsed.add(RunContext.parse(text));
        }
        RunContext merged = RunContext.merge(parsed);
        key = cacheKey(task, identity, merged, storage);
        if (key.isPresent()) {
          Optional<TaskOutcome> cached = fromCache(task, key.get(), merged, storage, started);
          if (cached.isPresent()) {
            return cached.get();
          }
        }
      }
      return attempts(task, entrypoint, inputContexts, key, storage, started);
    } catch (LocalRunException | IOException | ContextException e) {
      String error = "kfp4j: " + e.getMessage();
      events.emit(task.path(), TaskState.FAILED, 0, error);
      return new TaskOutcome(task.path(), TaskState.FAILED, 0, started, Instant.now(), error, -1);
    }
  }

  /** The runner's own storage access, opened only if a task needs it (caching, clean-up): most do not. */
  final class Store implements AutoCloseable {
    private Storage storage;

    Storage get() throws IOException {
      if (storage == null) {
        storage = Storage.create(List.of(setup.root()), setup.settings());
      }
      return storage;
    }

    @Override
    public void close() throws IOException {
      if (storage != null) {
        storage.close();
      }
    }
  }

  private Optional<TaskOutcome> fromCache(PlannedTask task, String key, RunContext merged, Store storage, Instant started)
      throws IOException, ContextException {
    CacheStore.Lookup lookup = setup.cache().lookup(key);
    if (lookup instanceof CacheStore.Lookup.Invalid invalid) {
      setup.listener().warning("task '" + task.path() + "': cache entry " + setup.cache().entryDirectory(key) + " is not "
          + "used: " + invalid.reason() + "; running the task again and repairing the entry");
      return Optional.empty();
    }
    if (!(lookup instanceof CacheStore.Lookup.Hit hit) || !hit.outputs().keySet().containsAll(task.outputs())) {
      return Optional.empty();
    }
    try {
      contexts.put(task.path(), materialize(task, merged, hit.outputs(), storage));
    } catch (dev.kfp4j.runtime.artifact.ArtifactException e) {
      setup.listener().warning("task '" + task.path() + "': cached artifact not used: " + e.getMessage()
          + "; running the task again");
      return Optional.empty();
    }
    events.emit(task.path(), TaskState.CACHED, 0, "");
    return Optional.of(new TaskOutcome(task.path(), TaskState.CACHED, 0, started, Instant.now(), null, 0));
  }

  private TaskOutcome attempts(PlannedTask task, Entrypoints.Entrypoint entrypoint, List<String> inputContexts,
      Optional<String> key, Store storage, Instant started) throws IOException {
    Path contextFile = setup.directory().context(task.path());
    Path log = setup.directory().log(task.path());
    directory(log.getParent());
    directory(contextFile.getParent());
    // The run's root is the only place a task may read or write: a context never decides that.
    List<String> args = List.of(CONTEXTS, "[" + String.join(",", inputContexts) + "]", TASK, task.path(),
        INPUTS, task.inputsJson(), OUTPUT_CONTEXT, contextFile.toString(), ROOTS, setup.root().toString());
    int maxAttempts = 1 + task.retry().maxRetries();
    String error = null;
    int code = 0;
    Map<String, String> env = new LinkedHashMap<>(task.options().env());
    if (entrypoint == null) {
      // A container step's program does not inherit the runner's environment: it gets every variable it names.
      env.putAll(LocalSecrets.resolveAll(task.path(), task.options().secretEnv()));
    } else if (setup.executor().setsEnvironment()) {
      env.putAll(LocalSecrets.resolve(task.path(), task.options().secretEnv()));
    }
    TaskExecutor.Limits limits = new TaskExecutor.Limits(env, task.options().jvmOptions(), task.options().timeout());
    Instant firstStart = Instant.now();
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      if (setup.control().cancelled()) {
        return cancelled(task, attempt - 1, started, storage);
      }
      if (attempt > 1 || setup.resumed()) {
        cleanOutputs(task, storage); // what an earlier attempt may have left
      }
      String header = Logs.HEADER + task.path() + ", attempt " + attempt + " of " + maxAttempts + " ("
          + (entrypoint == null ? setup.containers().describe(task.container().orElseThrow())
              : entrypoint.name() + ", " + setup.executor().mode()) + ") ===";
      events.emit(task.path(), TaskState.RUNNING, attempt, attempt > 1 ? "retry " + (attempt - 1) + " of " + task.retry().maxRetries() : "");
      try {
        code = entrypoint == null
            ? setup.containers().run(task, inputContexts, contextFile, setup.directory().path().resolve("scratch")
                .resolve(task.path()), storage.get(), log, header, limits)
            : setup.executor().execute(entrypoint, args, log, header, limits);
      } catch (InterruptedException e) {
        return cancelled(task, attempt, started, storage);
      }
      if (code == 0 && Files.isRegularFile(contextFile)) {
        String context = Files.readString(contextFile, StandardCharsets.UTF_8).trim();
        contexts.put(task.path(), context);
        if (key.isPresent()) {
          store(task, key.get(), context, storage);
        }
        events.emit(task.path(), TaskState.SUCCEEDED, attempt, "");
        return new TaskOutcome(task.path(), TaskState.SUCCEEDED, attempt, started, Instant.now(), null, 0);
      }
      if (setup.control().cancelled()) {
        return cancelled(task, attempt, started, storage);
      }
      if (code == TaskExecutor.TIMED_OUT) {
        error = "timed out after " + human(task.options().timeout());
        Logs.append(log, "kfp4j: task '" + task.path() + "' " + error + "; stopped");
      } else {
        error = Logs.errorLine(log).orElse("exited with code " + code);
      }
      if (attempt < maxAttempts && !java.time.Duration.between(firstStart, Instant.now())
          .minus(task.retry().maxBackoff()).isNegative()) {
        // As on Argo (KFP's backoffMaxDuration): no retry starts once this long has passed since the first attempt.
        events.emit(task.path(), TaskState.RUNNING, attempt, "attempt " + attempt + " failed: " + error
            + "; no more retries: " + human(task.retry().maxBackoff()) + " have passed since the first attempt");
        maxAttempts = attempt;
        break;
      }
      if (attempt < maxAttempts) {
        events.emit(task.path(), TaskState.RUNNING, attempt, "attempt " + attempt + " failed: " + error);
        try {
          Thread.sleep(task.retry().delayBefore(attempt).toMillis());
        } catch (InterruptedException e) {
          return cancelled(task, attempt, started, storage);
        }
      }
    }
    cleanOutputs(task, storage);
    if (code == TaskExecutor.TIMED_OUT) {
      code = -1;
    }
    events.emit(task.path(), TaskState.FAILED, maxAttempts, error);
    return new TaskOutcome(task.path(), TaskState.FAILED, maxAttempts, started, Instant.now(), error, code);
  }

  /** {@code 1h}, {@code 90m}, {@code 1h30m}, {@code 45s}, {@code 1.5s}: how a duration is written in specs and messages. */
  static String human(java.time.Duration duration) {
    long millis = duration.toMillis();
    if (millis % 1000 != 0) {
      return java.math.BigDecimal.valueOf(millis).movePointLeft(3).stripTrailingZeros().toPlainString() + "s";
    }
    long seconds = millis / 1000;
    StringBuilder out = new StringBuilder();
    if (seconds >= 3600) {
      out.append(seconds / 3600).append('h');
      seconds %= 3600;
    }
    if (seconds >= 60) {
      out.append(seconds / 60).append('m');
      seconds %= 60;
    }
    if (seconds > 0 || out.length() == 0) {
      out.append(seconds).append('s');
    }
    return out.toString();
  }

  private TaskOutcome cancelled(PlannedTask task, int attempts, Instant started, Store storage) throws IOException {
    if (attempts == 0) {
      return new TaskOutcome(task.path(), TaskState.PENDING, 0, null, null, null, 0);
    }
    cleanOutputs(task, storage);
    events.emit(task.path(), TaskState.CANCELLED, attempts, "run interrupted");
    return new TaskOutcome(task.path(), TaskState.CANCELLED, attempts, started, Instant.now(), "run interrupted", 0);
  }

  /** The cache key: the component's identity and the bytes of every input value. Empty if an input is not there. */
  private Optional<String> cacheKey(PlannedTask task, String identity, RunContext merged, Store storage)
      throws IOException {
    Map<String, byte[]> values = new TreeMap<>();
    for (Map.Entry<String, Source> input : task.inputs().entrySet()) {
      if (input.getValue() instanceof Source.Constant constant) {
        values.put(input.getKey(), ValueCodec.get().mapper().writeValueAsBytes(constant.value()));
      } else if (input.getValue() instanceof Source.Selected selected) {
        Optional<com.fasterxml.jackson.databind.JsonNode> value = BindingValues.read(selected, merged, storage.get());
        if (value.isEmpty()) {
          return Optional.empty();
        }
        values.put(input.getKey(), ValueCodec.get().mapper().writeValueAsBytes(value.get()));
      } else {
        Optional<URI> address = merged.address(((Source.From) input.getValue()).valueName());
        if (address.isEmpty()) {
          return Optional.empty(); // the entrypoint will say what is missing
        }
        Optional<byte[]> artifact = ArtifactCache.keyBytes(storage.get(), address.get());
        if (artifact.isPresent()) {
          values.put(input.getKey(), artifact.get());
          continue;
        }
        try (InputStream in = storage.get().read(address.get())) {
          values.put(input.getKey(), in.readAllBytes());
        }
      }
    }
    return Optional.of(CacheStore.key(identity, values));
  }

  private String materialize(PlannedTask task, RunContext merged, Map<String, byte[]> outputs, Store storage)
      throws IOException, ContextException {
    RunContext context = merged;
    for (String output : task.outputs()) {
      byte[] bytes = outputs.get(output);
      if (ArtifactCache.referenced(bytes).isPresent()) {
        URI address = Addresses.resolve(setup.root(), task.path() + "/" + output);
        ArtifactCache.restore(bytes, address, setup.root(), setup.settings());
        context = context.with(task.valueName(output), address);
        continue;
      }
      URI address = outputAddress(task, output);
      storage.get().write(address, out -> out.write(bytes));
      context = context.with(task.valueName(output), address);
    }
    String json = context.toJson();
    RunDirectory.writeAtomically(setup.directory().context(task.path()), (json + "\n").getBytes(StandardCharsets.UTF_8));
    return json;
  }

  private void store(PlannedTask task, String key, String contextJson, Store storage) {
    try {
      RunContext context = RunContext.parse(contextJson);
      Map<String, byte[]> outputs = new LinkedHashMap<>();
      for (String output : task.outputs()) {
        URI address = context.address(task.valueName(output)).orElseThrow(() -> new IOException(
            "its output context has no value '" + task.valueName(output) + "'"));
        Optional<byte[]> artifact = ArtifactCache.reference(storage.get(), address);
        if (artifact.isPresent()) {
          outputs.put(output, artifact.get());
          continue;
        }
        try (InputStream in = storage.get().read(address)) {
          outputs.put(output, in.readAllBytes());
        }
      }
      setup.cache().store(key, task.component(), task.path(), setup.directory().runId(), outputs);
    } catch (IOException | ContextException e) {
      throw new LocalRunException(LocalRunException.Kind.IO, "task '" + task.path() + "' succeeded but its outputs could"
          + " not be cached: " + e.getMessage(), e);
    }
  }

  private URI outputAddress(PlannedTask task, String output) {
    return Addresses.resolve(setup.root(), task.path() + "/" + output + ".json");
  }

  private void directory(Path dir) throws IOException {
    if (!directories.contains(dir)) {
      Files.createDirectories(dir);
      directories.add(dir);
    }
  }

  /** Removes what an unfinished execution of the task may have left: its outputs, temporary files and context. */
  private void cleanOutputs(PlannedTask task, Store storage) throws IOException {
    Files.deleteIfExists(setup.directory().context(task.path()));
    for (String output : task.outputs()) {
      storage.get().delete(outputAddress(task, output));
    }
    if ("file".equalsIgnoreCase(setup.root().getScheme())) {
      Path dir = Path.of(Addresses.resolve(setup.root(), task.path()));
      if (Files.isDirectory(dir)) {
        try (DirectoryStream<Path> partials = Files.newDirectoryStream(dir, ".*.partial")) {
          for (Path partial : partials) {
            Files.deleteIfExists(partial);
          }
        }
      }
    }
  }
}
