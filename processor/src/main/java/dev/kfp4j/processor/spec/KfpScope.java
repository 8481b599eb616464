package dev.kfp4j.processor.spec;

import dev.kfp4j.processor.model.Binding;
import dev.kfp4j.processor.model.Channels;
import dev.kfp4j.processor.model.PipelineModel;
import dev.kfp4j.processor.model.Source;
import dev.kfp4j.processor.model.Task;
import dev.kfp4j.processor.model.Tasks;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * Where a KFP IR DAG being written is: its pipeline, the names of the tasks it holds, and whether it is the
 * pipeline's own DAG (which gets parameters by name) or a scope inside it (which gets every outside value as a
 * channel input); and how a task's dependencies and inputs are written from there.
 *
 * @param itemInputs each loop's item input name, by loop name
 */
record KfpScope(PipelineModel pipeline, Set<String> local, boolean own, Map<String, String> itemInputs) {

  static KfpScope of(PipelineModel pipeline, List<Task> tasks, boolean own) {
    Map<String, String> itemInputs = new HashMap<>();
    for (Task task : Tasks.all(pipeline.tasks())) {
      if (task instanceof Task.Loop loop) {
        itemInputs.put(loop.name(), loop.itemInput());
      }
    }
    Set<String> local = new HashSet<>();
    tasks.forEach(task -> {
      local.add(task.name());
      if (task instanceof Task.ExitHandler handler) {
        handler.cleanup().forEach(cleanup -> local.add(cleanup.name())); // they run in this DAG, after the group
      }
    });
    return new KfpScope(pipeline, local, own, itemInputs);
  }

  /** The scope of a body of tasks (a loop's, a branch's, an exit handler's) written inside this one's pipeline. */
  KfpScope body(List<Task> tasks) {
    return of(pipeline, tasks, false);
  }

  /** A task's {@code dependentTasks} (those in its own DAG) and {@code inputs}, the same for every kind of task. */
  void putWiring(Map<String, Object> spec, Task task) {
    putWiring(spec, task.dependencies(), task.inputs());
  }

  void putWiring(Map<String, Object> spec, SortedSet<String> taskDependencies, List<Binding> taskInputs) {
    List<String> dependencies = taskDependencies.stream().filter(local::contains).toList();
    if (!dependencies.isEmpty()) {
      spec.put("dependentTasks", dependencies);
    }
    Map<String, Object> parameters = new TreeMap<>();
    Map<String, Object> artifacts = new TreeMap<>();
    for (Binding input : taskInputs) {
      if (input.type().isArtifact() && (input.source() instanceof Source.Parameter
          || input.source() instanceof Source.TaskOutput o && local.contains(o.task()))) {
        artifacts.put(input.name(), artifactSource(input.source()));
      } else {
        parameters.put(input.name(), reference(input.source()));
      }
    }
    Map<String, Object> inputs = Node.artifactsAndParameters(artifacts, parameters);
    if (!inputs.isEmpty()) {
      spec.put("inputs", inputs);
    }
  }

  /** Where an artifact input comes from: the enclosing DAG's input artifact, or a task's output artifact. */
  private static Map<String, Object> artifactSource(Source source) {
    if (source instanceof Source.Parameter p) {
      return Node.map("componentInputArtifact", p.name());
    }
    Source.TaskOutput o = (Source.TaskOutput) source;
    return Node.map("taskOutputArtifact", Node.map("outputArtifactKey", o.output(), "producerTask", o.task()));
  }

  /** Where a value comes from, seen from this DAG. */
  private Map<String, Object> reference(Source source) {
    if (source instanceof Source.Constant c) {
      return Node.map("runtimeValue", Node.map("constant", new Yaml.RawJson(c.json())));
    }
    if (source instanceof Source.TaskOutput o && local.contains(o.task())) {
      return Node.map("taskOutputParameter", Node.map("outputParameterKey", o.output(), "producerTask", o.task()));
    }
    if (source instanceof Source.Parameter p && own) {
      return Node.map("componentInputParameter", p.name());
    }
    Map<String, Object> reference = Node.map("componentInputParameter", Channels.of(source, itemInputs));
    if (source instanceof Source.LoopItem item && !item.fields().isEmpty()) {
      StringBuilder selector = new StringBuilder("parseJson(string_value)");
      item.fields().forEach(field -> selector.append("[\"").append(field).append("\"]"));
      reference.put("parameterExpressionSelector", selector.toString());
    }
    return reference;
  }
}
