package dev.kfp4j.processor.spec;

import dev.kfp4j.processor.model.Task;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Exit handlers in a KFP IR DAG, as KFP's compiler writes them: a task running the try block's DAG component, and
 * beside it, in the same DAG, the clean-up tasks as exit tasks of that group.
 */
final class KfpExitHandlers {

  private KfpExitHandlers() {}

  /** The exit handler's task and its clean-up tasks, by name; the body's DAG component goes to {@code dag}. */
  static Map<String, Object> tasks(KfpDagWriter dag, Task.ExitHandler handler, KfpScope scope) {
    Map<String, Object> tasks = new TreeMap<>();
    tasks.put(handler.name(), task(dag, handler, scope));
    for (Task cleanup : handler.cleanup()) {
      tasks.put(cleanup.name(), exitTask(dag.tasks(cleanup, scope).get(cleanup.name()), handler));
    }
    return tasks;
  }

  private static Map<String, Object> task(KfpDagWriter dag, Task.ExitHandler handler, KfpScope scope) {
    String key = dag.graph().scopeKey(scope.pipeline(), handler);
    Map<String, Object> component = new LinkedHashMap<>();
    component.put("dag", dag.dag(handler.body(), scope.body(handler.body()), List.of()));
    KfpIrWriter.putDefinitions(component, KfpIrWriter.ports(handler.inputs()), List.of());
    dag.addComponent(key, component);
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("componentRef", Node.map("name", "comp-" + key));
    scope.putWiring(spec, handler);
    spec.put("taskInfo", Node.map("name", handler.name()));
    return spec;
  }

  /**
   * A clean-up task as KFP's compiler writes an exit task: it also depends on the exit handler's group, and runs
   * once all it depends on completed, failed or not ({@code ALL_UPSTREAM_TASKS_COMPLETED}).
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> exitTask(Object task, Task.ExitHandler handler) {
    Map<String, Object> spec = (Map<String, Object>) task;
    SortedSet<String> dependencies = new TreeSet<>(List.of(handler.name()));
    if (spec.get("dependentTasks") instanceof List<?> existing) {
      dependencies.addAll((List<String>) existing);
    }
    Map<String, Object> ordered = new LinkedHashMap<>();
    spec.forEach((key, value) -> {
      if (key.equals("inputs") || key.equals("taskInfo") || key.equals("retryPolicy")) {
        ordered.putIfAbsent("dependentTasks", List.copyOf(dependencies));
      }
      if (!key.equals("dependentTasks")) {
        ordered.put(key, value);
      }
    });
    ordered.putIfAbsent("dependentTasks", List.copyOf(dependencies));
    ordered.put("triggerPolicy", Node.map("strategy", "ALL_UPSTREAM_TASKS_COMPLETED"));
    return ordered;
  }
}
