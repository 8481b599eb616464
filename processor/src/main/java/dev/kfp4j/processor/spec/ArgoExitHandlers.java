package dev.kfp4j.processor.spec;

import static dev.kfp4j.processor.spec.Node.map;

import dev.kfp4j.processor.model.Names;
import dev.kfp4j.processor.model.PipelineGraph;
import dev.kfp4j.processor.model.Task;
import java.util.List;
import java.util.Map;

/**
 * Exit handlers in an Argo workflow: in the parent DAG, a task running the try block's DAG template, with an exit
 * hook running the clean-up tasks' DAG template ({@code <key>-finally}) once the task ended, succeeded or failed.
 * The clean-up tasks' values are named as if they ran in the parent DAG (the hook gets the parent's prefix).
 */
final class ArgoExitHandlers {

  private ArgoExitHandlers() {}

  /** The DAG task of an exit handler in its parent DAG; the body's and clean-up's templates go to {@code dag}. */
  static Map<String, Object> task(ArgoDagWriter dag, Task.ExitHandler handler, ArgoScope scope, String contexts) {
    PipelineGraph graph = dag.graph();
    String key = graph.scopeKey(scope.pipeline(), handler);
    List<Object> arguments = scope.arguments(graph, contexts, scope.prefix() + handler.name() + "/", handler.inputs());
    List<Object> hookArguments = scope.arguments(graph, scope.contexts(handler.cleanupInputs()), scope.prefix(),
        handler.cleanupInputs());
    dag.addTemplate(ArgoScope.template(key, handler.inputs(),
        dag.tasks(handler.body(), scope.body(handler.body()))));
    dag.addTemplate(ArgoScope.template(key + Names.FINALLY_SUFFIX, handler.cleanupInputs(),
        dag.tasks(handler.cleanup(), scope.body(handler.cleanup()))));
    Map<String, Object> task = scope.dagTask(handler, key, arguments);
    task.put("hooks", map("exit", map("template", key + Names.FINALLY_SUFFIX,
        "arguments", map("parameters", hookArguments))));
    return task;
  }
}
