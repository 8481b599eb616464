package dev.kfp4j.processor.spec;

import dev.kfp4j.processor.model.Task;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Nested pipeline calls in a KFP IR DAG: a task running the nested pipeline's DAG component ({@code comp-<name>},
 * written once per pipeline by {@link KfpIrWriter}).
 */
final class KfpPipelines {

  private KfpPipelines() {}

  /** The DAG task of a nested pipeline call. */
  static Map<String, Object> task(Task.PipelineCall call, KfpScope scope) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("componentRef", Node.map("name", "comp-" + call.pipeline()));
    scope.putWiring(spec, call);
    spec.put("taskInfo", Node.map("name", call.name()));
    return spec;
  }
}
