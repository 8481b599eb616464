package dev.kfp4j.processor.spec;

import static dev.kfp4j.processor.spec.Node.map;
import static dev.kfp4j.wire.StepArguments.OUTPUT_CONTEXT;
import static dev.kfp4j.wire.StepArguments.PARAM;
import static dev.kfp4j.wire.StepArguments.ROOT;
import static dev.kfp4j.wire.StepArguments.RUN_ID;

import dev.kfp4j.processor.model.Binding;
import dev.kfp4j.processor.model.Names;
import dev.kfp4j.processor.model.PipelineGraph;
import dev.kfp4j.processor.model.PipelineModel;
import dev.kfp4j.processor.model.Port;
import dev.kfp4j.processor.model.Source;
import dev.kfp4j.processor.model.Task;
import dev.kfp4j.processor.model.Tasks;
import dev.kfp4j.wire.Json;
import dev.kfp4j.wire.WorkflowNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes a pipeline as a standalone Argo {@code Workflow}. A first task, {@value #INIT}, stores the
 * pipeline's parameters and emits the run's context; every component task receives the contexts of
 * the tasks it depends on, its task name and its input bindings, runs its entrypoint (generated or shared), and
 * outputs its updated context from a file. Storage credentials come from a Kubernetes Secret by name.
 *
 * <p>This class writes the workflow around the tasks: its metadata, arguments, the run's first step and the order
 * of the templates. Each kind of task is written by a class of its own ({@link ArgoDagWriter} dispatches), over
 * {@link ArgoScope} (values, contexts and dependencies as seen from one DAG) and {@link ArgoSteps} (containers).
 */
public final class ArgoWorkflowWriter {

  /** The name of the task and template that start a run. */
  public static final String INIT = Names.INIT;
  /** The file each step writes its output context to. */
  public static final String CONTEXT_FILE = "/tmp/kfp4j/context.json";

  private final ArgoSteps steps;

  /** The graph whose templates {@link #templates} holds. */
  private PipelineGraph templatesGraph;
  private List<Object> builtTemplates;

  public ArgoWorkflowWriter(SpecSettings settings) {
    this.steps = new ArgoSteps(settings);
  }

  /** How many templates {@link #write} writes: every DAG, step and loop template of the workflow. */
  int templateCount(PipelineGraph graph) {
    return templates(graph).size();
  }

  /**
   * How many tasks each DAG template {@link #write} writes has ({@value #INIT} included), by template name: every
   * pipeline's DAG and every loop body's.
   */
  Map<String, Integer> dagTaskCounts(PipelineGraph graph) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Object template : templates(graph)) {
      Map<?, ?> fields = (Map<?, ?>) template;
      if (fields.get("dag") instanceof Map<?, ?> dag && dag.get("tasks") instanceof List<?> tasks) {
        counts.put((String) fields.get("name"), tasks.size());
      }
    }
    return counts;
  }

  /** The name of the DAG template of {@code pipeline}. */
  static String dagTemplateName(PipelineModel pipeline) {
    return ArgoPipelines.dagName(pipeline);
  }

  /** The Workflow as YAML. */
  public String write(PipelineGraph graph) {
    PipelineModel root = graph.root();
    List<Object> templates = templates(graph);

    Map<String, Object> annotations = map();
    StringBuilder outputs = new StringBuilder("{");
    for (Binding output : root.outputs()) {
      Source.TaskOutput producer = (Source.TaskOutput) output.source();
      outputs.append(outputs.length() > 1 ? "," : "").append(Json.string(output.name())).append(':')
          .append(Json.string(ArgoScope.valueName(graph, root, producer.task(), producer.output())));
    }
    annotations.put(WorkflowNames.OUTPUTS_ANNOTATION, outputs.append('}').toString());
    if (!root.description().isEmpty()) {
      annotations.put("workflows.argoproj.io/description", root.description());
    }
    String prefix = root.name().length() > 57 ? root.name().substring(0, 57) : root.name();
    Map<String, Object> metadata = map(
        "annotations", annotations,
        "generateName", prefix.replaceAll("-+$", "") + "-",
        "labels", map(WorkflowNames.PIPELINE_LABEL, root.name()));

    List<Object> parameters = new ArrayList<>();
    for (Port input : root.inputs()) {
      parameters.add(map("name", input.name(), "value", WorkflowNames.REQUIRED));
    }
    Map<String, Object> spec = map();
    if (!parameters.isEmpty()) {
      spec.put("arguments", map("parameters", parameters));
    }
    spec.put("entrypoint", ArgoPipelines.dagName(root));
    Set<String> pullSecrets = new LinkedHashSet<>();
    graph.executors().values().forEach(executor -> pullSecrets.addAll(executor.options().imagePullSecrets()));
    if (!pullSecrets.isEmpty()) {
      // Argo sets image pull secrets for the whole workflow only: every task may use each one.
      List<Object> secrets = new ArrayList<>();
      pullSecrets.forEach(secret -> secrets.add(map("name", secret)));
      spec.put("imagePullSecrets", secrets);
    }
    spec.put("templates", templates);
    Map<String, Object> workflow = map(
        "apiVersion", "argoproj.io/v1alpha1",
        "kind", "Workflow",
        "metadata", metadata,
        "spec", spec);
    return Yaml.write("Argo Workflow for pipeline " + root.name() + ". Generated by kfp4j from "
        + root.qualifiedMethod() + "; do not edit.\nSubmit: argo submit workflow.yaml -p <parameter>=<value>", workflow);
  }

  /**
   * The workflow's templates, in the order they are written: the pipelines' DAGs, the scopes' DAGs and steps, the
   * run's first step, the loops' and conditions' shared steps, then one template per component and options. The
   * limit checks and {@link #write} ask for one graph's templates in turn: they are built once (the last graph's
   * are kept, never changed once built).
   */
  private List<Object> templates(PipelineGraph graph) {
    if (graph != templatesGraph) {
      builtTemplates = buildTemplates(graph);
      templatesGraph = graph;
    }
    return builtTemplates;
  }

  private List<Object> buildTemplates(PipelineGraph graph) {
    PipelineModel root = graph.root();
    List<Object> templates = new ArrayList<>();
    ArgoDagWriter dags = new ArgoDagWriter(graph, steps);
    templates.add(ArgoPipelines.dagTemplate(dags, root, true));
    graph.nested().values().forEach(nested -> templates.add(ArgoPipelines.dagTemplate(dags, nested, false)));
    templates.addAll(dags.templates());
    templates.add(initTemplate(graph));
    List<Task> all = Stream.concat(Stream.of(root), graph.nested().values().stream())
        .flatMap(pipeline -> Tasks.all(pipeline.tasks()).stream()).toList();
    ArgoLoops.itemsTemplate(steps, graph, all).ifPresent(templates::add);
    ArgoConditions.selectTemplate(steps, graph, all).ifPresent(templates::add);
    ArgoLoops.collectTemplate(steps, graph, all).ifPresent(templates::add);
    templates.addAll(ArgoComponents.templates(steps, graph));
    return templates;
  }

  /** The run's first step: it checks and stores the pipeline's parameters and outputs the run's first context. */
  private Map<String, Object> initTemplate(PipelineGraph graph) {
    PipelineModel root = graph.root();
    List<String> args = new ArrayList<>(List.of(RUN_ID, "{{workflow.name}}",
        ROOT, steps.settings().storageRoot() + "/{{workflow.name}}/", OUTPUT_CONTEXT, CONTEXT_FILE));
    List<Object> inputs = new ArrayList<>();
    for (Port input : root.inputs()) {
      // A Path parameter is an address to import: the init step checks it and puts it in the context as is.
      String kind = input.type().isArtifact() ? WorkflowNames.ARTIFACT_KIND : input.type().kind().name();
      args.addAll(List.of(PARAM, input.name(), kind, "{{inputs.parameters." + input.name() + "}}"));
      inputs.add(map("name", input.name()));
    }
    Map<String, Object> template = map("name", INIT);
    if (!inputs.isEmpty()) {
      template.put("inputs", map("parameters", inputs));
    }
    template.put("container", steps.container(steps.javaImage(graph), WorkflowNames.INIT_MAIN, args));
    template.put("outputs", ArgoSteps.contextOutput());
    return template;
  }
}
