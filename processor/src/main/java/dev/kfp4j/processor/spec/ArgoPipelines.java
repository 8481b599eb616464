package dev.kfp4j.processor.spec;

import static dev.kfp4j.processor.spec.Node.map;

import dev.kfp4j.processor.model.Binding;
import dev.kfp4j.processor.model.Names;
import dev.kfp4j.processor.model.PipelineModel;
import dev.kfp4j.processor.model.Port;
import dev.kfp4j.processor.model.Source;
import dev.kfp4j.processor.model.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pipelines in an Argo workflow: a pipeline's DAG template (the root's starts with the run's first task, a nested
 * one's takes the run's contexts and a value-name prefix), and the DAG task of a call of a nested pipeline.
 */
final class ArgoPipelines {

  private ArgoPipelines() {}

  /** The name of the DAG template of {@code pipeline}. */
  static String dagName(PipelineModel pipeline) {
    return Names.DAG_PREFIX + pipeline.name();
  }

  /** The DAG template of {@code pipeline}, the root's or a nested one's. */
  static Map<String, Object> dagTemplate(ArgoDagWriter dag, PipelineModel pipeline, boolean isRoot) {
    ArgoScope scope = ArgoScope.of(pipeline, isRoot ? ArgoScope.Kind.ROOT : ArgoScope.Kind.NESTED, pipeline.tasks());
    List<Object> tasks = new ArrayList<>();
    if (isRoot) {
      List<Object> arguments = new ArrayList<>();
      for (Port input : pipeline.inputs()) {
        arguments.add(map("name", input.name(), "value", "{{workflow.parameters." + input.name() + "}}"));
      }
      Map<String, Object> init = map("name", ArgoWorkflowWriter.INIT, "template", ArgoWorkflowWriter.INIT);
      if (!arguments.isEmpty()) {
        init.put("arguments", map("parameters", arguments));
      }
      tasks.add(init);
    }
    tasks.addAll(dag.tasks(pipeline.tasks(), scope));
    Map<String, Object> template = map("name", dagName(pipeline));
    if (!isRoot) {
      template.put("inputs", ArgoScope.inputs(pipeline.inputs().stream().map(Port::name).toList()));
    }
    template.put("dag", map("tasks", tasks));
    if (!pipeline.outputs().isEmpty()) {
      List<Object> outputs = new ArrayList<>();
      for (Binding output : pipeline.outputs()) {
        Source.TaskOutput producer = (Source.TaskOutput) output.source();
        outputs.add(map("name", output.name(), "valueFrom", map("parameter", ArgoScope.contextOf(pipeline, producer))));
      }
      template.put("outputs", map("parameters", outputs));
    }
    return template;
  }

  /** The DAG task of a call of a nested pipeline: it runs the callee's DAG template under the call's prefix. */
  static Map<String, Object> task(ArgoDagWriter dag, Task.PipelineCall call, ArgoScope scope, String contexts) {
    List<Object> arguments = scope.arguments(dag.graph(), contexts, scope.prefix() + call.name() + "/", call.inputs());
    return scope.dagTask(call, dagName(dag.graph().pipeline(call.pipeline())), arguments);
  }
}
