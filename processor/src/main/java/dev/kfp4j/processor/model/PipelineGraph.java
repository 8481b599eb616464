package dev.kfp4j.processor.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One pipeline with everything its specs need: the nested pipelines it reaches and a unique key per
 * component it runs ({@code add}; {@code add-2} when two classes both have a component {@code add}).
 *
 * @param root the pipeline being written
 * @param nested every pipeline reached through nested calls, by name
 * @param componentKeys component (by qualified method) → its unique key, in first-use order
 * @param components key → component
 */
public record PipelineGraph(PipelineModel root, Map<String, PipelineModel> nested, Map<String, String> componentKeys,
    Map<String, ComponentModel> components) {

  /** Builds the graph of {@code root}; {@code pipelines} holds every pipeline model by name. */
  public static PipelineGraph of(PipelineModel root, Map<String, PipelineModel> pipelines) {
    Map<String, PipelineModel> nested = new TreeMap<>();
    Map<String, String> keys = new LinkedHashMap<>();
    Map<String, ComponentModel> components = new LinkedHashMap<>();
    List<PipelineModel> queue = new ArrayList<>(List.of(root));
    while (!queue.isEmpty()) {
      PipelineModel pipeline = queue.remove(0);
      for (Task task : pipeline.tasks()) {
        if (task.isPipeline()) {
          if (!nested.containsKey(task.pipeline())) {
            PipelineModel child = pipelines.get(task.pipeline());
            nested.put(task.pipeline(), child);
            queue.add(child);
          }
        } else if (!keys.containsKey(task.component().qualifiedMethod())) {
          String key = task.component().name();
          for (int n = 2; components.containsKey(key); n++) {
            key = task.component().name() + "-" + n;
          }
          keys.put(task.component().qualifiedMethod(), key);
          components.put(key, task.component());
        }
      }
    }
    return new PipelineGraph(root, nested, keys, components);
  }

  /** The key of a task's component. */
  public String key(ComponentModel component) {
    return componentKeys.get(component.qualifiedMethod());
  }

  /** The pipeline a nested task runs. */
  public PipelineModel pipeline(String name) {
    return name.equals(root.name()) ? root : nested.get(name);
  }

  /** The type of output {@code output} of task {@code task} in {@code pipeline}. */
  public JavaValueType outputType(PipelineModel pipeline, String task, String output) {
    Task producer = pipeline.task(task).orElseThrow();
    if (producer.isPipeline()) {
      return pipeline(producer.pipeline()).outputs().stream().filter(b -> b.name().equals(output))
          .findFirst().orElseThrow().type();
    }
    return producer.component().output(output).orElseThrow().type();
  }

  /** The image of a component: its own, else the pipeline's, else {@code fallback}. */
  public String image(ComponentModel component, String fallback) {
    if (!component.image().isEmpty()) {
      return component.image();
    }
    if (!root.image().isEmpty()) {
      return root.image();
    }
    return fallback;
  }
}
