package dev.kfp4j.processor.spec;

import dev.kfp4j.processor.model.Task;
import dev.kfp4j.processor.model.TaskOptions;
import java.util.LinkedHashMap;
import java.util.Map;

/** Component calls in a KFP IR DAG: a task running the component's executor, with its caching and retry options. */
final class KfpComponents {

  private KfpComponents() {}

  /** The DAG task of a component call. */
  static Map<String, Object> task(KfpDagWriter dag, Task.ComponentCall call, KfpScope scope) {
    TaskOptions options = call.options();
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("cachingOptions", Node.map("enableCache", options.cacheEnabled()));
    spec.put("componentRef", Node.map("name", "comp-" + dag.graph().key(call)));
    scope.putWiring(spec, call);
    putRetry(spec, options);
    spec.put("taskInfo", Node.map("name", options.displayName().isEmpty() ? call.name() : options.displayName()));
    return spec;
  }

  /** A task's {@code retryPolicy}, when its options retry it. */
  static void putRetry(Map<String, Object> task, TaskOptions options) {
    if (options.retry() != null && options.retry().count() > 0) {
      task.put("retryPolicy", KfpOptions.retryPolicy(options.retry()));
    }
  }
}
