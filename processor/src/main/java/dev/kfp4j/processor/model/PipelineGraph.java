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
 * @param scopeKeys {@code <pipeline>/<task>} of each scope task (a loop) → its unique key
 */
public record PipelineGraph(PipelineModel root, Map<String, PipelineModel> nested, Map<String, String> componentKeys,
    Map<String, ComponentModel> components, Map<String, Executor> executors, Map<String, String> scopeKeys) {

  /** A component with the options of its container: what one executor or template runs. */
  public record Executor(ComponentModel component, TaskOptions options) {

    /**
     * Component-wise equality, as a record's, but cheap when the components differ: a record's generated
     * {@code equals} compares the fields last to first, so two different components were compared through
     * their options, ports and types before their names. Every call of a pipeline is matched against the
     * executors found so far.
     */
    @Override
    public boolean equals(Object other) {
      return other instanceof Executor executor
          && (component == executor.component || component.methodName().equals(executor.component.methodName())
              && component.owner().equals(executor.component.owner()) && component.equals(executor.component))
          && options.equals(executor.options);
    }

    @Override
    public int hashCode() {
      return 31 * component.hashCode() + options.hashCode();
    }
  }

  /** Builds the graph of {@code root}; {@code pipelines} holds every pipeline model by name. */
  public static PipelineGraph of(PipelineModel root, Map<String, PipelineModel> pipelines) {
    Map<String, PipelineModel> nested = new TreeMap<>();
    List<ComponentModel> used = new ArrayList<>();
    List<Executor> variants = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    ArrayDeque<PipelineModel> queue = new ArrayDeque<>(List.of(root));
    while (!queue.isEmpty()) {
      for (Task task : Tasks.all(queue.poll().tasks())) {
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

          @Override
          public Void loop(Task.Loop loop) {
            return null; // its body's tasks are visited on their own
          }

          @Override
          public Void condition(Task.Condition condition) {
            return null; // its branches' tasks are visited on their own
          }

          @Override
          public Void exitHandler(Task.ExitHandler handler) {
            return null; // its body's and clean-up's tasks are visited on their own
          }
        });
      }
    }
    // One namespace for the names both specs derive from keys: KFP's comp-<key> for components and
    // nested pipelines alike, Argo's templates <key>, pipeline-<pipeline> and kfp4j-init.
    Set<String> taken = new HashSet<>(Set.of(Names.INIT, Names.LOOP_ITEMS, Names.LOOP_COLLECT, Names.CONDITION_SELECT,
        Names.DAG_PREFIX + root.name()));
    for (String pipeline : nested.keySet()) {
      taken.add(pipeline);
      taken.add(Names.DAG_PREFIX + pipeline);
    }
    // Scopes (loop bodies, conditions and their branches) get keys too: KFP's comp-for-loop-1, Argo's template for-loop-1; a nested pipeline
    // may have a for-loop-1 of its own.
    Map<String, String> scopeKeys = new LinkedHashMap<>();
    List<PipelineModel> written = new ArrayList<>(List.of(root));
    written.addAll(nested.values());
    for (PipelineModel pipeline : written) {
      for (Task task : Tasks.all(pipeline.tasks())) {
        List<String> scopes = new ArrayList<>();
        if (task instanceof Task.Loop || task instanceof Task.ExitHandler) {
          scopes.add(task.name());
        } else if (task instanceof Task.Condition condition) {
          scopes.add(condition.name());
          condition.branches().stream().map(Task.Branch::name).filter(b -> !b.equals(condition.name()))
              .forEach(scopes::add);
        }
        for (String scope : scopes) {
          // A condition's key also names its Argo operands template, an exit handler's its finally template.
          String extra = task instanceof Task.ExitHandler ? Names.FINALLY_SUFFIX : Names.OPERANDS_SUFFIX;
          boolean chain = (task instanceof Task.Condition || task instanceof Task.ExitHandler) && scope.equals(task.name());
          String key = scope;
          for (int n = 2; taken.contains(key) || chain && taken.contains(key + extra); n++) {
            key = Names.withSuffix(scope, n);
          }
          taken.add(key);
          if (chain) {
            taken.add(key + extra);
          }
          scopeKeys.put(pipeline.name() + "/" + scope, key);
        }
      }
    }
    Map<String, String> keys = new LinkedHashMap<>();
    Map<String, ComponentModel> components = new LinkedHashMap<>();
    for (ComponentModel component : used) {
      String key = component.name();
      for (int n = 2; !claim(taken, key, component); n++) {
        key = Names.withSuffix(component.name(), n);
      }
      keys.put(component.qualifiedMethod(), key);
      components.put(key, component);
    }
    Map<String, Executor> executors = new LinkedHashMap<>();
    Set<String> primaryTaken = new HashSet<>();
    for (Executor variant : variants) {
      String key = keys.get(variant.component().qualifiedMethod());
      if (!primaryTaken.add(key)) {
        String name = variant.component().name();
        for (int n = 2; !claim(taken, key = Names.withSuffix(name, n), variant.component()); n++) {
          // the next free suffix
        }
      }
      executors.put(key, variant);
    }
    return new PipelineGraph(root, nested, keys, components, executors, scopeKeys);
  }

  /** Claims a key and, for a plain container step, the names of the Argo templates it adds ({@code <key>-run}, …). */
  private static boolean claim(Set<String> taken, String key, ComponentModel component) {
    List<String> names = new ArrayList<>(List.of(key));
    if (isPlain(component)) {
      PLAIN_PARTS.forEach(part -> names.add(key + part));
    }
    if (names.stream().anyMatch(taken::contains)) {
      return false;
    }
    taken.addAll(names);
    return true;
  }

  private static boolean isPlain(ComponentModel component) {
    return component.container().filter(c -> c.protocol() == ContainerSpec.Protocol.PLAIN).isPresent();
  }

  /**
   * Suffixes of the Argo templates a plain container step may add besides its own (a step with artifacts uses
   * {@code -fetch} and {@code -run} only); {@code ArgoLimits} counts the templates actually written.
   */
  public static final List<String> PLAIN_PARTS = List.of("-fetch", "-run", "-store");

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

  /** Every component call of the root and the nested pipelines (loop bodies included), each pipeline's in body order. */
  public List<Task.ComponentCall> componentCalls() {
    List<Task.ComponentCall> calls = new ArrayList<>();
    List<PipelineModel> pipelines = new ArrayList<>(List.of(root));
    pipelines.addAll(nested.values());
    for (PipelineModel pipeline : pipelines) {
      for (Task task : Tasks.all(pipeline.tasks())) {
        if (task instanceof Task.ComponentCall call) {
          calls.add(call);
        }
      }
    }
    return calls;
  }

  /** The unique key of a scope task (a loop) of {@code pipeline}: its component and template name. */
  public String scopeKey(PipelineModel pipeline, Task task) {
    return scopeKey(pipeline, task.name());
  }

  /** The unique key of a scope (a loop, a condition, a branch) of {@code pipeline}, by its name. */
  public String scopeKey(PipelineModel pipeline, String scope) {
    return scopeKeys.get(pipeline.name() + "/" + scope);
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
