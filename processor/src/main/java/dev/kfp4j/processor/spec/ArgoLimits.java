package dev.kfp4j.processor.spec;

import dev.kfp4j.processor.diagnostic.Diagnostics;
import dev.kfp4j.processor.diagnostic.Message;
import dev.kfp4j.processor.model.PipelineGraph;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import javax.lang.model.element.Element;

/**
 * Argo's engine limits, checked on the counts the {@link ArgoWorkflowWriter} gives for the workflow it would
 * write, so that a pipeline too large for Argo is a compile error instead of a rejected submission.
 */
public final class ArgoLimits {

  /** Argo's limit on templates in one workflow. */
  public static final int MAX_TEMPLATES = 200;
  /** Argo's limit on tasks in one DAG. */
  public static final int MAX_TASKS_PER_DAG = 200;

  private ArgoLimits() {}

  /** Reports on {@code origin} each limit the workflow {@code argo} writes for {@code graph} would exceed; whether it is within all of them. */
  public static boolean check(ArgoWorkflowWriter argo, PipelineGraph graph, Element origin, Diagnostics diagnostics) {
    boolean ok = true;
    int templates = argo.templateCount(graph);
    if (templates > MAX_TEMPLATES) {
      diagnostics.error(origin, Message.TOO_MANY_TEMPLATES, graph.root().name(), templates, MAX_TEMPLATES);
      ok = false;
    }
    Map<String, String> pipelines = new LinkedHashMap<>();
    Stream.concat(Stream.of(graph.root()), graph.nested().values().stream())
        .forEach(pipeline -> pipelines.put(ArgoWorkflowWriter.dagTemplateName(pipeline), pipeline.name()));
    for (Map.Entry<String, Integer> dag : argo.dagTaskCounts(graph).entrySet()) {
      if (dag.getValue() > MAX_TASKS_PER_DAG) {
        String pipeline = pipelines.get(dag.getKey());
        String what = pipeline != null ? "pipeline '" + pipeline + "'"
            : "the DAG '" + dag.getKey() + "' of pipeline '" + graph.root().name() + "' (a loop's body)";
        diagnostics.error(origin, Message.TOO_MANY_TASKS, what, dag.getValue(), MAX_TASKS_PER_DAG);
        ok = false;
      }
    }
    return ok;
  }
}
