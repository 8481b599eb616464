package dev.kfp4j.processor.spec;

import static dev.kfp4j.processor.spec.Node.map;

import dev.kfp4j.processor.model.Names;
import dev.kfp4j.processor.model.PipelineGraph;
import dev.kfp4j.processor.model.Predicate;
import dev.kfp4j.processor.model.Source;
import dev.kfp4j.processor.model.Task;
import dev.kfp4j.wire.Json;
import dev.kfp4j.wire.WorkflowNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Condition chains in an Argo workflow: in the parent DAG, a step reading the run values the conditions compare
 * ({@code <chain>-operands}, which writes each as a {@code when} literal), one task per branch running the branch's
 * DAG template {@code when} its trigger holds, and, if the chain has one-of values, a step storing the value of the
 * branch that ran under the chain's name ({@code <chain>}). Both steps run the runtime's {@code ConditionMain}.
 */
final class ArgoConditions {

  /** The folder a condition chain's operands step writes one file per operand to ({@code operand-0}, …). */
  static final String OPERANDS_DIR = "/tmp/kfp4j/operands";
  private static final String OPERAND = "operand-";

  private ArgoConditions() {}

  /** The DAG tasks of a condition chain in its parent DAG; the branches' templates go to {@code dag}. */
  static List<Object> tasks(ArgoDagWriter dag, Task.Condition condition, ArgoScope scope, String contexts) {
    PipelineGraph graph = dag.graph();
    String key = graph.scopeKey(scope.pipeline(), condition.name());
    List<Object> specs = new ArrayList<>();
    List<Source> runValues = new ArrayList<>();
    for (Task.Branch branch : condition.branches()) {
      branch.trigger().operands().stream().map(Predicate.Operand::source)
          .filter(source -> !(source instanceof Source.Constant) && !runValues.contains(source))
          .forEach(runValues::add);
    }
    List<String> before = scope.dependencies(condition);
    String operandsTask = condition.name() + Names.OPERANDS_SUFFIX;
    if (!runValues.isEmpty()) {
      StringBuilder inputs = new StringBuilder("{");
      for (int i = 0; i < runValues.size(); i++) {
        inputs.append(i > 0 ? "," : "").append(Json.string(OPERAND + i)).append(':')
            .append(scope.binding(graph, runValues.get(i)));
      }
      Map<String, Object> operands = map("name", operandsTask, "template", key + Names.OPERANDS_SUFFIX);
      if (!before.isEmpty()) {
        operands.put("dependencies", before);
      }
      operands.put("arguments", map("parameters", List.of(map("name", "contexts", "value", contexts),
          map("name", "inputs", "value", inputs.append('}').toString()))));
      specs.add(operands);
      dag.addTemplate(operandsTemplate(dag.steps(), graph, key, runValues.size()));
    }
    String base = scope.prefix() + (condition.grouped() ? condition.name() + "/" : "");
    List<String> branchTasks = new ArrayList<>();
    for (Task.Branch branch : condition.branches()) {
      List<Object> arguments = scope.arguments(graph, contexts, base + branch.name() + "/", branch.inputs());
      String branchKey = graph.scopeKey(scope.pipeline(), branch.name());
      Map<String, Object> task = map("name", branch.name(), "template", branchKey);
      List<String> dependencies = new ArrayList<>(before);
      if (!runValues.isEmpty()) {
        dependencies.add(operandsTask);
      }
      if (!dependencies.isEmpty()) {
        task.put("dependencies", dependencies);
      }
      task.put("when", ConditionText.when(branch.trigger(),
          source -> "{{tasks." + operandsTask + ".outputs.parameters." + OPERAND + runValues.indexOf(source) + "}}"));
      task.put("arguments", map("parameters", arguments));
      specs.add(task);
      branchTasks.add(branch.name());
      dag.addTemplate(ArgoScope.template(branchKey, branch.inputs(), dag.tasks(branch.body(), scope.body(branch.body()))));
    }
    if (!condition.oneOfs().isEmpty()) {
      specs.add(map("name", condition.name(), "template", Names.CONDITION_SELECT, "dependencies", branchTasks,
          "arguments", map("parameters", List.of(map("name", "contexts", "value", contexts),
              map("name", "task", "value", scope.prefix() + condition.name()),
              map("name", "select", "value", select(graph, condition, scope, base))))));
    }
    return specs;
  }

  /** The one-of values of a chain as JSON: each, the value names it may take, one per branch. */
  private static String select(PipelineGraph graph, Task.Condition condition, ArgoScope scope, String base) {
    StringBuilder select = new StringBuilder("{");
    for (Task.OneOf oneOf : condition.oneOfs()) {
      List<String> candidates = new ArrayList<>();
      for (int i = 0; i < condition.branches().size(); i++) {
        Task.Branch branch = condition.branches().get(i);
        String output = oneOf.branchOutputs().get(i);
        Source.TaskOutput producer = branch.outputs().stream().filter(c -> c.name().equals(output)).findFirst()
            .orElseThrow().producer();
        candidates.add(Json.string(base + branch.name() + "/"
            + ArgoScope.valueName(graph, scope.pipeline(), producer.task(), producer.output())));
      }
      select.append(select.length() > 1 ? "," : "").append(Json.string(oneOf.name())).append(":[")
          .append(String.join(",", candidates)).append(']');
    }
    return select.append('}').toString();
  }

  /** The step reading a chain's run-value operands: one output parameter per operand, a {@code when} literal. */
  private static Map<String, Object> operandsTemplate(ArgoSteps steps, PipelineGraph graph, String key, int count) {
    List<Object> outputs = new ArrayList<>();
    List<String> args = new ArrayList<>(List.of("operands", "--contexts", "{{inputs.parameters.contexts}}", "--inputs",
        "{{inputs.parameters.inputs}}"));
    for (int i = 0; i < count; i++) {
      outputs.add(map("name", OPERAND + i, "valueFrom", map("path", OPERANDS_DIR + "/" + OPERAND + i)));
      args.addAll(List.of("--" + OPERAND + i, OPERANDS_DIR + "/" + OPERAND + i));
    }
    return steps.stepTemplate(graph, key + Names.OPERANDS_SUFFIX, WorkflowNames.CONDITION_MAIN, args,
        List.of("contexts", "inputs"), map("parameters", outputs));
  }

  /** The template of the steps storing a chain's one-of values, if {@code tasks} (every task) hold such a chain. */
  static Optional<Map<String, Object>> selectTemplate(ArgoSteps steps, PipelineGraph graph, List<Task> tasks) {
    if (tasks.stream().noneMatch(task -> task instanceof Task.Condition condition && !condition.oneOfs().isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(steps.stepTemplate(graph, Names.CONDITION_SELECT, WorkflowNames.CONDITION_MAIN, List.of("select",
        "--contexts", "{{inputs.parameters.contexts}}", "--task", "{{inputs.parameters.task}}", "--select",
        "{{inputs.parameters.select}}", "--output-context", ArgoWorkflowWriter.CONTEXT_FILE),
        List.of("contexts", "task", "select"), ArgoSteps.contextOutput()));
  }
}
