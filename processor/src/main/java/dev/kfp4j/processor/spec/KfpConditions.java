package dev.kfp4j.processor.spec;

import dev.kfp4j.processor.model.Binding;
import dev.kfp4j.processor.model.PipelineGraph;
import dev.kfp4j.processor.model.Port;
import dev.kfp4j.processor.model.Source;
import dev.kfp4j.processor.model.Task;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Conditions in a KFP IR DAG, as KFP's compiler writes them: a lone {@code if} is a task running its branch's DAG
 * component under a {@code triggerPolicy}; a group of branches is a task running a DAG of one such task per
 * branch, with the group's one-of values as its outputs ({@code valueFromOneof}).
 */
final class KfpConditions {

  private KfpConditions() {}

  /** The DAG task of a condition in its parent DAG; its DAG components go to {@code dag}. */
  static Map<String, Object> task(KfpDagWriter dag, Task.Condition condition, KfpScope scope) {
    PipelineGraph graph = dag.graph();
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("componentRef", Node.map("name", "comp-" + graph.scopeKey(scope.pipeline(), condition.name())));
    scope.putWiring(spec, condition.dependencies(), condition.inputs());
    spec.put("taskInfo", Node.map("name", condition.name()));
    if (!condition.grouped()) {
      Task.Branch branch = condition.branches().get(0);
      dag.addComponent(graph.scopeKey(scope.pipeline(), branch.name()), branchComponent(dag, branch, scope));
      spec.put("triggerPolicy", Node.map("condition", ConditionText.cel(branch.trigger(), scope.itemInputs())));
      return spec;
    }
    KfpScope group = new KfpScope(scope.pipeline(), new HashSet<>(condition.branches().stream()
        .map(Task.Branch::name).toList()), false, scope.itemInputs());
    Map<String, Object> tasks = new TreeMap<>();
    for (Task.Branch branch : condition.branches()) {
      dag.addComponent(graph.scopeKey(scope.pipeline(), branch.name()), branchComponent(dag, branch, scope));
      Map<String, Object> task = new LinkedHashMap<>();
      task.put("componentRef", Node.map("name", "comp-" + graph.scopeKey(scope.pipeline(), branch.name())));
      group.putWiring(task, new TreeSet<>(), branch.inputs());
      task.put("taskInfo", Node.map("name", branch.name()));
      task.put("triggerPolicy", Node.map("condition", ConditionText.cel(branch.trigger(), scope.itemInputs())));
      tasks.put(branch.name(), task);
    }
    Map<String, Object> groupDag = new LinkedHashMap<>();
    if (!condition.oneOfs().isEmpty()) {
      groupDag.put("outputs", oneOfOutputs(condition));
    }
    groupDag.put("tasks", tasks);
    Map<String, Object> component = new LinkedHashMap<>();
    component.put("dag", groupDag);
    KfpIrWriter.putDefinitions(component, KfpIrWriter.ports(condition.inputs()),
        condition.oneOfs().stream().map(o -> new Port(o.name(), o.type())).toList());
    dag.addComponent(graph.scopeKey(scope.pipeline(), condition.name()), component);
    return spec;
  }

  /** A group's outputs: each one-of value, selected from whichever branch ran. */
  private static Map<String, Object> oneOfOutputs(Task.Condition condition) {
    Map<String, Object> parameters = new TreeMap<>();
    Map<String, Object> artifacts = new TreeMap<>();
    for (Task.OneOf oneOf : condition.oneOfs()) {
      boolean artifact = oneOf.type().isArtifact();
      List<Object> selectors = new ArrayList<>();
      for (int i = 0; i < condition.branches().size(); i++) {
        selectors.add(Node.map(artifact ? "outputArtifactKey" : "outputParameterKey", oneOf.branchOutputs().get(i),
            "producerSubtask", condition.branches().get(i).name()));
      }
      (artifact ? artifacts : parameters).put(oneOf.name(), Node.map("valueFromOneof",
          Node.map(artifact ? "artifactSelectors" : "parameterSelectors", selectors)));
    }
    Map<String, Object> outputs = Node.artifactsAndParameters(artifacts, parameters);
    return outputs;
  }

  /** One branch's body as a DAG component, with every outside value as an input and its one-of values as outputs. */
  private static Map<String, Object> branchComponent(KfpDagWriter dag, Task.Branch branch, KfpScope outer) {
    Map<String, Object> component = new LinkedHashMap<>();
    List<Binding> outputs = branch.outputs().stream()
        .map(c -> new Binding(c.name(), c.type(), (Source) c.producer())).toList();
    Map<String, Object> branchDag = dag.dag(branch.body(), outer.body(branch.body()), branch.outputs().stream()
        .map(c -> Map.entry(c.name(), c.producer())).toList());
    KfpDagWriter.artifactOutputs(branchDag, outputs);
    component.put("dag", branchDag);
    KfpIrWriter.putDefinitions(component, KfpIrWriter.ports(branch.inputs()),
        branch.outputs().stream().map(c -> new Port(c.name(), c.type())).toList());
    return component;
  }
}
