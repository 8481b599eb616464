package dev.kfp4j.local.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kfp4j.local.error.LocalRunException;
import dev.kfp4j.local.plan.PlannedCondition;
import dev.kfp4j.local.plan.PlannedLoop;
import dev.kfp4j.runtime.context.ContextException;
import dev.kfp4j.runtime.context.RunContext;
import dev.kfp4j.runtime.storage.Storage;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One chain of conditions' turn: evaluates each branch's condition on the run's values, shows the branches whose
 * condition is false as skipped, plans and runs the others, and gives each one-of output the value of the branch
 * that ran (under {@code <chain>.<output>}, as the Argo step does).
 */
final class ConditionRunner {

  private final RunSetup setup;
  private final Map<String, String> contexts;
  private final RunEngine engine;

  ConditionRunner(RunSetup setup, Map<String, String> contexts, RunEngine engine) {
    this.setup = setup;
    this.contexts = contexts;
    this.engine = engine;
  }

  TaskOutcome run(PlannedCondition chain) throws InterruptedException {
    Instant started = Instant.now();
    if (setup.control().cancelled()) {
      return new TaskOutcome(chain.path(), TaskState.PENDING, 0, null, null, null, 0);
    }
    try (Storage storage = Storage.create(List.of(setup.root()), setup.settings())) {
      RunContext context = LoopRunner.context(setup, contexts, chain.dependencies());
      List<PlannedCondition.Branch> taken = new ArrayList<>();
      for (PlannedCondition.Branch branch : chain.branches()) {
        Map<String, JsonNode> values = new HashMap<>();
        for (String input : branch.condition().inputs()) {
          Optional<JsonNode> value = BindingValues.read(branch.inputs().get(input), context, storage);
          if (value.isEmpty()) {
            return failed(chain, started, "kfp4j: condition '" + branch.path() + "': input '" + input + "' has no value");
          }
          values.put(input, value.get());
        }
        if (branch.condition().holds(values::get)) {
          taken.add(branch);
        }
      }
      boolean lone = chain.branches().size() == 1 && chain.branches().get(0).path().equals(chain.path());
      if (!lone) {
        engine.emit(chain.path(), TaskState.RUNNING, 1, taken.isEmpty() ? "no branch's condition holds"
            : "running " + String.join(", ", taken.stream().map(PlannedCondition.Branch::name).toList()));
      }
      for (PlannedCondition.Branch branch : chain.branches()) {
        if (!taken.contains(branch)) {
          engine.emit(branch.path(), TaskState.SKIPPED, 0, "condition false: " + branch.condition());
        }
      }
      if (lone && taken.isEmpty()) {
        return finish(chain, started, context, false); // shown as skipped; what waits for it may go on
      }
      if (lone) {
        engine.emit(chain.path(), TaskState.RUNNING, 1, "condition true");
      }
      RunContext updated = context;
      for (PlannedCondition.Branch branch : taken) {
        PlannedLoop.Iteration tasks = branch.plan().get();
        if (!engine.schedule(tasks.tasks(), tasks.loops(), setup.parallelism())) {
          if (setup.control().cancelled()) {
            engine.emit(chain.path(), TaskState.CANCELLED, 1, "run interrupted");
            return new TaskOutcome(chain.path(), TaskState.CANCELLED, 1, started, Instant.now(), "run interrupted", 0);
          }
          return failed(chain, started, "kfp4j: condition '" + branch.path() + "': a task of the branch failed");
        }
        for (Map.Entry<String, Map<String, String>> oneOf : chain.outputs().entrySet()) {
          String output = oneOf.getValue().get(branch.name());
          String valueName = output == null ? null : tasks.collected().get(output);
          if (valueName == null || updated.address(chain.valueName(oneOf.getKey())).isPresent()) {
            continue;
          }
          String producer = valueName.substring(0, valueName.lastIndexOf('.'));
          URI address = RunContext.parse(contexts.get(producer)).address(valueName).orElseThrow(() -> new IOException(
              "the context of '" + producer + "' has no value '" + valueName + "'"));
          updated = updated.with(chain.valueName(oneOf.getKey()), address);
        }
      }
      for (String oneOf : chain.outputs().keySet()) {
        if (updated.address(chain.valueName(oneOf)).isEmpty()) {
          return failed(chain, started, "kfp4j: condition '" + chain.path() + "': no branch ran, so one-of output '"
              + oneOf + "' has no value");
        }
      }
      return finish(chain, started, updated, true);
    } catch (IOException | ContextException | LocalRunException | IllegalArgumentException e) {
      return failed(chain, started, "kfp4j: condition '" + chain.path() + "': " + e.getMessage());
    }
  }

  private TaskOutcome finish(PlannedCondition chain, Instant started, RunContext context, boolean show)
      throws ContextException, IOException {
    String json = context.toJson();
    RunDirectory.writeAtomically(setup.directory().context(chain.path()), (json + "\n").getBytes(StandardCharsets.UTF_8));
    contexts.put(chain.path(), json);
    if (show) {
      engine.emit(chain.path(), TaskState.SUCCEEDED, 1, "");
    }
    return new TaskOutcome(chain.path(), TaskState.SUCCEEDED, 1, started, Instant.now(), null, 0);
  }

  private TaskOutcome failed(PlannedCondition chain, Instant started, String error) {
    engine.emit(chain.path(), TaskState.FAILED, 1, error);
    return new TaskOutcome(chain.path(), TaskState.FAILED, 1, started, Instant.now(), error, -1);
  }
}
