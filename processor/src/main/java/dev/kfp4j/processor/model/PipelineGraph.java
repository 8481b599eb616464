package dev.kfp4j.processor.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One pipeline with everything its specs need: the nested pipelines it reaches and a unique key per
 * component it runs ({@code add}; {@code add-2} when two classes both have a component {@code add}, or
 * when {@code add} is also the name of a nested pipeline or of a part the specs add themselves).
 *
 * @param root the pipeline being written
 * @param nested every pipeline reached through nested calls, by name
 * @param componentKeys component (by qualified method) → its unique key, in first-use order
 * @param components key → component
 * @param executors key → what one executor (KFP) or template (Argo) runs: a component with the options that
 *     shape its container. Calls of one component with the same such options share the component's key; each
 *     other combination gets its own key ({@code add-2}), as KFP gives each differing task its own executor
 */
public record PipelineGraph(PipelineModel root, Map<String, PipelineModel> nested, Map<String, String> componentKeys,
    Map<String, ComponentModel> components, Map<String, Executor> executors) {

  /** A component with the options of its container: what one executor or template runs. */
  public record Executor(ComponentModel component, TaskOptions options) {}

  /** Builds the graph of {@code root}; {@code pipelines} holds every pipeline model by name. */
  public static PipelineGraph of(PipelineModel root, Map<String, PipelineModel> pipelines) {
    Map<String, PipelineModel> nested = new TreeMap<>();
    List<ComponentModel> used = new ArrayList<>();
    List<Executor> variants = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    ArrayDeque<PipelineModel> queue = new ArrayDeque<>(List.of(root));
    while (!queue.isEmpty()) {
      for (Task task : queue.poll().tasks()) {
        task.accept(new Task.Visitor<Void>() {
          @Override
          public Void componentCall(Task.ComponentCall call) {
            if (seen.add(call.component().qualifiedMethod())) {
              used.add(call.component());
            }
            Executor executor = new Executor(call.component(), call.options().executorPart());
            if (!variants.contains(executor)) {
              variants.add(executor);
            }
            return null;
          }

          @Override
          public Void pipelineCall(Task.PipelineCall call) {
            if (!nested.containsKey(call.pipeline())) {
              PipelineModel child = pipelines.get(call.pipeline());
              nested.put(call.pipeline(), child);
              queue.add(child);
            }
            return null;
          }
        });
      }
    }
    // One namespace for the names both specs derive from keys: KFP's comp-<key> for components and
    // nested pipelines alike, Argo's templates <key>, pipeline-<pipeline> and kfp4j-init.
    Set<String> taken = new HashSet<>(Set.of(Names.INIT, Names.DAG_PREFIX + root.name()));
    for (String pipeline : nested.keySet()) {
      taken.add(pipeline);
      taken.add(Names.DAG_PREFIX + pipeline);
    }
    Map<String, String> keys = new LinkedHashMap<>();
    Map<String, ComponentModel> components = new LinkedHashMap<>();
    for (ComponentModel component : used) {
      String key = component.name();
      for (int n = 2; !taken.add(key); n++) {
        key = Names.withSuffix(component.name(), n);
      }
      keys.put(component.qualifiedMethod(), key);
      components.put(key, component);
    }
    Map<String, Executor> executors = new LinkedHashMap<>();
    Set<String> primaryTaken = new HashSet<>();
    for (Executor variant : variants) {
      String primary = keys.get(variant.component().qualifiedMethod());
      String key = primary;
      if (!primaryTaken.add(primary)) {
        for (int n = 2; !taken.add(key = Names.withSuffix(variant.component().name(), n)); n++) {
          // the next free suffix
        }
      }
      executors.put(key, variant);
    }
    return new PipelineGraph(root, nested, keys, components, executors);
  }

  /** The key of a component (its first executor's). */
  public String key(ComponentModel component) {
    return componentKeys.get(component.qualifiedMethod());
  }

  /** The key of the executor (KFP) or template (Argo) that runs a call. */
  public String key(Task.ComponentCall call) {
    Executor wanted = new Executor(call.component(), call.options().executorPart());
    for (Map.Entry<String, Executor> entry : executors.entrySet()) {
      if (entry.getValue().equals(wanted)) {
        return entry.getKey();
      }
    }
    throw new IllegalArgumentException("no executor for task " + call.name());
  }

  /** Every component call of the root and the nested pipelines, each pipeline's in body order. */
  public List<Task.ComponentCall> componentCalls() {
    List<Task.ComponentCall> calls = new ArrayList<>();
    List<PipelineModel> pipelines = new ArrayList<>(List.of(root));
    pipelines.addAll(nested.values());
    for (PipelineModel pipeline : pipelines) {
      for (Task task : pipeline.tasks()) {
        task.accept(new Task.Visitor<Void>() {
          @Override
          public Void componentCall(Task.ComponentCall call) {
            calls.add(call);
            return null;
          }

          @Override
          public Void pipelineCall(Task.PipelineCall call) {
            return null;
          }
        });
      }
    }
    return calls;
  }

  /** The pipeline a nested task runs. */
  public PipelineModel pipeline(String name) {
    return name.equals(root.name()) ? root : nested.get(name);
  }

  /** The image of an executor: its {@code @Image} option, else its component's image as {@link #image(ComponentModel, String)}. */
  public String image(Executor executor, String fallback) {
    return executor.options().image().isEmpty() ? image(executor.component(), fallback) : executor.options().image();
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
