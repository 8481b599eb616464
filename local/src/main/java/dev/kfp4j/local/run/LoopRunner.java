package dev.kfp4j.local.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.kfp4j.local.error.LocalRunException;
import dev.kfp4j.local.plan.PlannedLoop;
import dev.kfp4j.runtime.context.ContextException;
import dev.kfp4j.runtime.context.RunContext;
import dev.kfp4j.runtime.entrypoint.LoopMain;
import dev.kfp4j.runtime.storage.Storage;
import dev.kfp4j.runtime.value.ValueCodec;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One loop's turn: reads the list it iterates over, plans and runs each iteration (at most its parallelism, or
 * the run's, at once), and once every iteration succeeded gathers each collected output into one list value,
 * {@code <root>/<loop>/<output>.json}, as the Argo step does. A failed iteration fails the loop after the other
 * iterations finished.
 */
final class LoopRunner {

  private final RunSetup setup;
  private final Map<String, String> contexts;
  private final RunEngine engine;

  LoopRunner(RunSetup setup, Map<String, String> contexts, RunEngine engine) {
    this.setup = setup;
    this.contexts = contexts;
    this.engine = engine;
  }

  TaskOutcome run(PlannedLoop loop) throws InterruptedException {
    Instant started = Instant.now();
    if (setup.control().cancelled()) {
      return new TaskOutcome(loop.path(), TaskState.PENDING, 0, null, null, null, 0);
    }
    try (Storage storage = Storage.create(List.of(setup.root()), setup.settings())) {
      RunContext context = context(loop);
      Optional<JsonNode> items = BindingValues.read(loop.items(), context, storage);
      if (items.isEmpty() || !items.get().isArray()) {
        return failed(loop, started, "kfp4j: loop '" + loop.path() + "': its items are "
            + (items.isEmpty() ? "missing" : "not a list but " + items.get().getNodeType()));
      }
      int count = items.get().size();
      engine.loopStarted(loop.path(), count);
      engine.emit(loop.path(), TaskState.RUNNING, 1, count + " iteration" + (count == 1 ? "" : "s"));
      int limit = loop.parallelism() > 0 ? Math.min(loop.parallelism(), setup.parallelism()) : setup.parallelism();
      List<PlannedLoop.Iteration> iterations = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        iterations.add(loop.iteration().apply(i));
      }
      List<Integer> failed = new ArrayList<>();
      ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(limit, count)));
      try {
        List<Future<Boolean>> runs = new ArrayList<>();
        for (PlannedLoop.Iteration iteration : iterations) {
          runs.add(pool.submit(() -> engine.schedule(iteration.tasks(), iteration.loops(), setup.parallelism())));
        }
        for (int i = 0; i < runs.size(); i++) {
          if (!runs.get(i).get()) {
            failed.add(i);
          }
        }
      } catch (ExecutionException e) {
        throw new LocalRunException(LocalRunException.Kind.IO, "loop '" + loop.path() + "': " + e.getCause(), e.getCause());
      } finally {
        pool.shutdownNow();
      }
      if (setup.control().cancelled()) {
        engine.emit(loop.path(), TaskState.CANCELLED, 1, "run interrupted");
        return new TaskOutcome(loop.path(), TaskState.CANCELLED, 1, started, Instant.now(), "run interrupted", 0);
      }
      if (!failed.isEmpty()) {
        return failed(loop, started, "kfp4j: loop '" + loop.path() + "': iteration" + (failed.size() == 1 ? " " : "s ")
            + failed + " of " + count + " failed");
      }
      String json = gather(loop, iterations, context, storage).toJson();
      RunDirectory.writeAtomically(setup.directory().context(loop.path()), (json + "\n").getBytes(StandardCharsets.UTF_8));
      contexts.put(loop.path(), json);
      engine.emit(loop.path(), TaskState.SUCCEEDED, 1, "");
      return new TaskOutcome(loop.path(), TaskState.SUCCEEDED, 1, started, Instant.now(), null, 0);
    } catch (IOException | ContextException | LocalRunException e) {
      return failed(loop, started, "kfp4j: loop '" + loop.path() + "': " + e.getMessage());
    }
  }

  private TaskOutcome failed(PlannedLoop loop, Instant started, String error) {
    engine.emit(loop.path(), TaskState.FAILED, 1, error);
    return new TaskOutcome(loop.path(), TaskState.FAILED, 1, started, Instant.now(), error, -1);
  }

  /** The run's start merged with the contexts of the tasks the loop depends on. */
  private RunContext context(PlannedLoop loop) throws ContextException {
    return context(setup, contexts, loop.dependencies());
  }

  /** The run's start merged with the contexts of {@code dependencies}. */
  static RunContext context(RunSetup setup, Map<String, String> contexts, java.util.Set<String> dependencies)
      throws ContextException {
    List<RunContext> parsed = new ArrayList<>();
    parsed.add(RunContext.parse(setup.initContext()));
    for (String dependency : dependencies) {
      parsed.add(RunContext.parse(contexts.get(dependency)));
    }
    return RunContext.merge(parsed);
  }

  /** Each collected output as one list, stored where the Argo step stores it. */
  private RunContext gather(PlannedLoop loop, List<PlannedLoop.Iteration> iterations, RunContext context, Storage storage)
      throws IOException, ContextException {
    RunContext updated = context;
    for (String output : loop.outputs()) {
      ArrayNode values = JsonNodeFactory.instance.arrayNode();
      for (PlannedLoop.Iteration iteration : iterations) {
        String valueName = iteration.collected().get(output);
        String producer = valueName.substring(0, valueName.lastIndexOf('.'));
        URI address = RunContext.parse(contexts.get(producer)).address(valueName).orElseThrow(() -> new IOException(
            "the context of '" + producer + "' has no value '" + valueName + "'"));
        try (InputStream in = storage.read(address)) {
          values.add(ValueCodec.get().mapper().readTree(in));
        }
      }
      URI address = LoopMain.valueAddress(setup.root(), loop.valueName(output));
      byte[] bytes = ValueCodec.get().mapper().writeValueAsBytes(values);
      storage.write(address, out -> out.write(bytes));
      updated = updated.with(loop.valueName(output), address);
    }
    return updated;
  }
}
