package dev.kfp4j.processor.spec;

import dev.kfp4j.processor.model.Binding;
import dev.kfp4j.processor.model.PipelineGraph;
import dev.kfp4j.processor.model.Source;
import dev.kfp4j.processor.model.Task;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the DAGs of one KFP IR pipeline spec, each kind of task by its own class ({@link KfpComponents},
 * {@link KfpPipelines}, {@link KfpLoops}, {@link KfpConditions}, {@link KfpExitHandlers}). A kind of task that opens
 * a scope of its own adds the scope's DAG component (a loop's iteration, a branch, …) to the spec's components.
 */
final class KfpDagWriter {

  private final PipelineGraph graph;
  private final Map<String, Object> components;

  KfpDagWriter(PipelineGraph graph, Map<String, Object> components) {
    this.graph = graph;
    this.components = components;
  }

  PipelineGraph graph() {
    return graph;
  }

  /** Adds the DAG component of a scope a task runs, as {@code comp-<key>}. */
  void addComponent(String key, Map<String, Object> component) {
    components.put("comp-" + key, component);
  }

  /** A {@code dag}: its tasks, and its outputs (name → the task output it passes on). */
  Map<String, Object> dag(List<Task> tasks, KfpScope scope, List<Map.Entry<String, Source.TaskOutput>> outputs) {
    Map<String, Object> specs = new TreeMap<>();
    for (Task task : tasks) {
      specs.putAll(tasks(task, scope));
    }
    Map<String, Object> dag = new LinkedHashMap<>();
    if (!outputs.isEmpty()) {
      Map<String, Object> parameters = new TreeMap<>();
      outputs.forEach(output -> parameters.put(output.getKey(), Node.map("valueFromParameter",
          Node.map("outputParameterKey", output.getValue().output(), "producerSubtask", output.getValue().task()))));
      dag.put("outputs", Node.map("parameters", parameters));
    }
    dag.put("tasks", specs);
    return dag;
  }

  /** The DAG tasks {@code task} is written as in {@code scope}, by name (an exit handler is written as several). */
  Map<String, Object> tasks(Task task, KfpScope scope) {
    return task.accept(new Task.Visitor<Map<String, Object>>() {
      @Override
      public Map<String, Object> componentCall(Task.ComponentCall call) {
        return Node.map(call.name(), KfpComponents.task(KfpDagWriter.this, call, scope));
      }

      @Override
      public Map<String, Object> pipelineCall(Task.PipelineCall call) {
        return Node.map(call.name(), KfpPipelines.task(call, scope));
      }

      @Override
      public Map<String, Object> loop(Task.Loop loop) {
        return Node.map(loop.name(), KfpLoops.task(KfpDagWriter.this, loop, scope));
      }

      @Override
      public Map<String, Object> condition(Task.Condition condition) {
        return Node.map(condition.name(), KfpConditions.task(KfpDagWriter.this, condition, scope));
      }

      @Override
      public Map<String, Object> exitHandler(Task.ExitHandler handler) {
        return KfpExitHandlers.tasks(KfpDagWriter.this, handler, scope);
      }
    });
  }

  /** Moves a DAG's artifact outputs from {@code parameters} to {@code artifacts}, selected as KFP does. */
  @SuppressWarnings("unchecked")
  static void artifactOutputs(Map<String, Object> dag, List<Binding> outputs) {
    if (!(dag.get("outputs") instanceof Map<?, ?> declared)) {
      return;
    }
    Map<String, Object> parameters = (Map<String, Object>) ((Map<String, Object>) declared).get("parameters");
    Map<String, Object> artifacts = new TreeMap<>();
    for (Binding output : outputs) {
      if (output.type().isArtifact() && output.source() instanceof Source.TaskOutput producer) {
        parameters.remove(output.name());
        artifacts.put(output.name(), Node.map("artifactSelectors", List.of(
            Node.map("outputArtifactKey", producer.output(), "producerSubtask", producer.task()))));
      }
    }
    Map<String, Object> both = Node.artifactsAndParameters(artifacts, parameters);
    dag.put("outputs", both);
  }
}
