package dev.kfp4j.processor.spec;

import static dev.kfp4j.processor.spec.Node.map;
import static dev.kfp4j.wire.StepArguments.COLLECT;
import static dev.kfp4j.wire.StepArguments.COLLECT_MODE;
import static dev.kfp4j.wire.StepArguments.CONTEXTS;
import static dev.kfp4j.wire.StepArguments.INPUTS;
import static dev.kfp4j.wire.StepArguments.ITEMS;
import static dev.kfp4j.wire.StepArguments.ITEMS_MODE;
import static dev.kfp4j.wire.StepArguments.OUTPUT;
import static dev.kfp4j.wire.StepArguments.OUTPUT_CONTEXT;
import static dev.kfp4j.wire.StepArguments.PARAM;
import static dev.kfp4j.wire.StepArguments.ROOT;
import static dev.kfp4j.wire.StepArguments.RUN_ID;
import static dev.kfp4j.wire.StepArguments.TASK;

import dev.kfp4j.processor.model.Binding;
import dev.kfp4j.processor.model.Channels;
import dev.kfp4j.processor.model.ComponentModel;
import dev.kfp4j.processor.model.Names;
import dev.kfp4j.processor.model.PipelineGraph;
import dev.kfp4j.processor.model.PipelineModel;
import dev.kfp4j.processor.model.Port;
import dev.kfp4j.processor.model.Predicate;
import dev.kfp4j.processor.model.Source;
import dev.kfp4j.processor.model.Task;
import dev.kfp4j.processor.model.Tasks;
import dev.kfp4j.wire.EnvironmentVariables;
import dev.kfp4j.wire.InputBindings;
import dev.kfp4j.wire.Json;
import dev.kfp4j.wire.WorkflowNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a pipeline as a standalone Argo {@code Workflow}. A first task, {@value #INIT}, stores the
 * pipeline's parameters and emits the run's context; every component task receives the contexts of
 * the tasks it depends on, its task name and its input bindings, runs the generated entrypoint, and
 * outputs its updated context from a file. Storage credentials come from a Kubernetes Secret by name.
 */
public final class ArgoWorkflowWriter {

  /** The name of the task and template that start a run. */
  public static final String INIT = Names.INIT;
  /** The file each step writes its output context to. */
  public static final String CONTEXT_FILE = "/tmp/kfp4j/context.json";

  private static final String ROOT_PREFIX = "";
  /*
   * A nested pipeline's DAG template takes the run's contexts and its value-name prefix besides the
   * pipeline's own inputs; a '-' keeps these names apart from Java parameter names.
   */
  private static final String CONTEXTS_INPUT = "kfp4j-contexts";
  private static final String PREFIX_INPUT = "kfp4j-prefix";
  /** A component template's input carrying the display name of the call, for its pod annotation. */
  private static final String DISPLAY_NAME_INPUT = "kfp4j-display-name";
  private static final String NESTED_PREFIX = "{{inputs.parameters." + PREFIX_INPUT + "}}";
  /** A loop's iterations with a parallelism limit get a template of their own; it takes the items list. */
  private static final String ITEMS_INPUT = "kfp4j-items";
  private static final String ITEMS_SUFFIX = "-items";
  private static final String COLLECT_SUFFIX = "-collect";
  private static final String LIMIT_SUFFIX = "-iterations";
  /** The file a loop's items step writes the items (one input binding per iteration) to. */
  public static final String ITEMS_FILE = "/tmp/kfp4j/items.json";
  /** The folder a condition chain's operands step writes one file per operand to ({@code operand-0}, …). */
  public static final String OPERANDS_DIR = "/tmp/kfp4j/operands";
  private static final String OPERAND = "operand-";

  private final SpecSettings settings;

  /** The graph whose templates {@link #templates} holds. */
  private PipelineGraph templatesGraph;
  private List<Object> builtTemplates;

  public ArgoWorkflowWriter(SpecSettings settings) {
    this.settings = settings;
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
    return dagName(pipeline);
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
          .append(Json.string(valueName(graph, root, producer.task(), producer.output())));
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
    spec.put("entrypoint", dagName(root));
    java.util.LinkedHashSet<String> pullSecrets = new java.util.LinkedHashSet<>();
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
   * The workflow's templates, in the order they are written. The limit checks and {@link #write} ask for one
   * graph's templates in turn: they are built once (the last graph's are kept, never changed once built).
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
    List<Object> scopes = new ArrayList<>();
    templates.add(dag(graph, root, true, scopes));
    graph.nested().values().forEach(nested -> templates.add(dag(graph, nested, false, scopes)));
    templates.addAll(scopes);
    templates.add(initTemplate(graph));
    boolean loops = java.util.stream.Stream.concat(java.util.stream.Stream.of(root), graph.nested().values().stream())
        .flatMap(p -> Tasks.all(p.tasks()).stream()).anyMatch(t -> t instanceof Task.Loop);
    if (loops) {
      templates.add(loopTemplate(graph, Names.LOOP_ITEMS, List.of(ITEMS_MODE,
          CONTEXTS, "{{inputs.parameters.contexts}}",
          ITEMS, "{{inputs.parameters.items}}", OUTPUT, ITEMS_FILE), List.of("contexts", "items"),
          map("parameters", List.of(map("name", "items", "valueFrom", map("path", ITEMS_FILE))))));
    }
    boolean collects = java.util.stream.Stream.concat(java.util.stream.Stream.of(root), graph.nested().values().stream())
        .flatMap(p -> Tasks.all(p.tasks()).stream()).anyMatch(t -> t instanceof Task.Loop l && !l.collected().isEmpty());
    boolean selects = java.util.stream.Stream.concat(java.util.stream.Stream.of(root), graph.nested().values().stream())
        .flatMap(p -> Tasks.all(p.tasks()).stream()).anyMatch(t -> t instanceof Task.Condition c && !c.oneOfs().isEmpty());
    if (selects) {
      templates.add(stepTemplate(graph, Names.CONDITION_SELECT, WorkflowNames.CONDITION_MAIN, List.of("select", "--contexts",
          "{{inputs.parameters.contexts}}", "--task", "{{inputs.parameters.task}}", "--select",
          "{{inputs.parameters.select}}", "--output-context", CONTEXT_FILE),
          List.of("contexts", "task", "select"), contextOutput()));
    }
    if (collects) {
      templates.add(loopTemplate(graph, Names.LOOP_COLLECT, List.of(COLLECT_MODE, CONTEXTS,
          "{{inputs.parameters.contexts}}", TASK, "{{inputs.parameters.task}}", ITEMS,
          "{{inputs.parameters.items}}", COLLECT, "{{inputs.parameters.collect}}", OUTPUT_CONTEXT, CONTEXT_FILE),
          List.of("contexts", "task", "items", "collect"), contextOutput()));
    }
    java.util.Set<String> displayNamed = displayNamedExecutors(graph);
    graph.executors().forEach((key, executor) -> {
      if (executor.component().isContainerStep()) {
        templates.addAll(ContainerStepSpecs.argoTemplates(key, executor, displayNamed.contains(key), DISPLAY_NAME_INPUT, javaImage(graph),
            settings.command(ContainerStepSpecs.VALUES_MAIN), CONTEXT_FILE, this::container));
      } else {
        templates.add(componentTemplate(graph, key, executor, displayNamed.contains(key)));
      }
    });
    return templates;
  }

  /** Which DAG a task is written into: the root pipeline's, a nested pipeline's, or a loop body's. */
  private enum Kind { ROOT, NESTED, LOOP }

  /**
   * A DAG being written: its pipeline, its kind, and the names of the tasks it holds.
   *
   * @param itemInputs each loop's item input name, by loop name
   */
  private record Scope(PipelineModel pipeline, Kind kind, Set<String> local, Map<String, String> itemInputs) {

    static Scope of(PipelineModel pipeline, Kind kind, List<Task> tasks) {
      Map<String, String> itemInputs = new HashMap<>();
      for (Task task : Tasks.all(pipeline.tasks())) {
        if (task instanceof Task.Loop loop) {
          itemInputs.put(loop.name(), loop.itemInput());
        }
      }
      Set<String> local = new HashSet<>();
      tasks.forEach(task -> local.add(task.name()));
      return new Scope(pipeline, kind, local, itemInputs);
    }

    String prefix() {
      return kind == Kind.ROOT ? ROOT_PREFIX : NESTED_PREFIX;
    }
  }

  private Map<String, Object> dag(PipelineGraph graph, PipelineModel pipeline, boolean isRoot, List<Object> templates) {
    Scope scope = Scope.of(pipeline, isRoot ? Kind.ROOT : Kind.NESTED, pipeline.tasks());
    List<Object> tasks = new ArrayList<>();
    if (isRoot) {
      List<Object> arguments = new ArrayList<>();
      for (Port input : pipeline.inputs()) {
        arguments.add(map("name", input.name(), "value", "{{workflow.parameters." + input.name() + "}}"));
      }
      Map<String, Object> init = map("name", INIT, "template", INIT);
      if (!arguments.isEmpty()) {
        init.put("arguments", map("parameters", arguments));
      }
      tasks.add(init);
    }
    tasks.addAll(tasks(graph, pipeline.tasks(), scope, templates));
    Map<String, Object> template = map("name", dagName(pipeline));
    if (!isRoot) {
      List<Object> inputs = new ArrayList<>();
      inputs.add(map("name", CONTEXTS_INPUT));
      inputs.add(map("name", PREFIX_INPUT));
      pipeline.inputs().forEach(input -> inputs.add(map("name", input.name())));
      template.put("inputs", map("parameters", inputs));
    }
    template.put("dag", map("tasks", tasks));
    if (!pipeline.outputs().isEmpty()) {
      List<Object> outputs = new ArrayList<>();
      for (Binding output : pipeline.outputs()) {
        Source.TaskOutput producer = (Source.TaskOutput) output.source();
        outputs.add(map("name", output.name(), "valueFrom", map("parameter", contextOf(pipeline, producer))));
      }
      template.put("outputs", map("parameters", outputs));
    }
    return template;
  }

  /** The DAG tasks of {@code tasks}; a loop adds its body's templates to {@code templates}. */
  private List<Object> tasks(PipelineGraph graph, List<Task> tasks, Scope scope, List<Object> templates) {
    PipelineModel pipeline = scope.pipeline();
    List<Object> specs = new ArrayList<>();
    for (Task task : tasks) {
      String contexts = contexts(task, scope);
      task.accept(new Task.Visitor<Void>() {
        @Override
        public Void componentCall(Task.ComponentCall call) {
          List<Object> arguments = new ArrayList<>();
          arguments.add(map("name", "contexts", "value", contexts));
          arguments.add(map("name", "task", "value", scope.prefix() + call.name()));
          Map<String, String> inputs = new LinkedHashMap<>();
          for (Binding input : call.inputs()) {
            inputs.put(input.name(), binding(graph, input.source(), scope));
          }
          arguments.add(map("name", "inputs", "value", InputBindings.object(inputs)));
          if (!call.options().displayName().isEmpty()) {
            arguments.add(map("name", DISPLAY_NAME_INPUT, "value", call.options().displayName()));
          }
          specs.add(dagTask(call, graph.key(call), arguments, scope));
          return null;
        }

        @Override
        public Void pipelineCall(Task.PipelineCall call) {
          List<Object> arguments = new ArrayList<>();
          arguments.add(map("name", CONTEXTS_INPUT, "value", contexts));
          arguments.add(map("name", PREFIX_INPUT, "value", scope.prefix() + call.name() + "/"));
          for (Binding input : call.inputs()) {
            arguments.add(map("name", input.name(), "value", binding(graph, input.source(), scope)));
          }
          specs.add(dagTask(call, dagName(graph.pipeline(call.pipeline())), arguments, scope));
          return null;
        }

        @Override
        public Void loop(Task.Loop loop) {
          specs.addAll(loopTasks(graph, loop, scope, contexts, templates));
          return null;
        }

        @Override
        public Void condition(Task.Condition condition) {
          specs.addAll(conditionTasks(graph, condition, scope, contexts, templates));
          return null;
        }

        @Override
        public Void exitHandler(Task.ExitHandler handler) {
          specs.add(exitHandlerTask(graph, handler, scope, contexts, templates));
          return null;
        }
      });
    }
    return specs;
  }

  /**
   * A loop in its parent DAG: a step listing one input binding per item ({@code <loop>-items}), the body's DAG
   * template run once per item with {@code withParam}, and, if the loop collects results, a step gathering them
   * into lists ({@code <loop>-collect}). Items travel as bindings (an address and an index), never inline.
   */
  private List<Object> loopTasks(PipelineGraph graph, Task.Loop loop, Scope scope, String contexts,
      List<Object> templates) {
    String key = graph.scopeKey(scope.pipeline(), loop);
    String items = binding(graph, loop.items(), scope);
    List<Object> specs = new ArrayList<>();
    Map<String, Object> list = map("name", loop.name() + ITEMS_SUFFIX, "template", Names.LOOP_ITEMS);
    List<String> first = dependencies(loop, scope);
    if (!first.isEmpty()) {
      list.put("dependencies", first);
    }
    list.put("arguments", map("parameters", List.of(map("name", "contexts", "value", contexts),
        map("name", "items", "value", items))));
    specs.add(list);

    String itemsList = "{{tasks." + loop.name() + ITEMS_SUFFIX + ".outputs.parameters.items}}";
    List<Object> arguments = new ArrayList<>();
    arguments.add(map("name", CONTEXTS_INPUT, "value", contexts));
    for (Binding input : loop.inputs()) {
      arguments.add(map("name", input.name(), "value", binding(graph, input.source(), scope)));
    }
    Map<String, Object> iterations = map("name", loop.name());
    if (loop.parallelism() > 0) {
      // Argo limits the tasks running at once inside one DAG template: the iterations get one of their own.
      iterations.put("template", key + LIMIT_SUFFIX);
      arguments.add(map("name", PREFIX_INPUT, "value", scope.prefix() + loop.name() + "/"));
      arguments.add(map("name", ITEMS_INPUT, "value", itemsList));
      templates.add(limitTemplate(key, loop));
    } else {
      iterations.put("template", key);
      iterations.put("withParam", itemsList);
      arguments.add(map("name", PREFIX_INPUT, "value", scope.prefix() + loop.name() + "/{{item.index}}/"));
      arguments.add(map("name", loop.itemInput(), "value", "{{item.binding}}"));
    }
    iterations.put("dependencies", List.of(loop.name() + ITEMS_SUFFIX));
    iterations.put("arguments", map("parameters", arguments));
    specs.add(iterations);
    templates.add(bodyTemplate(graph, key, loop, scope, templates));

    if (!loop.collected().isEmpty()) {
      Scope body = Scope.of(scope.pipeline(), Kind.LOOP, loop.body());
      StringBuilder collect = new StringBuilder("{");
      for (Task.Collected collected : loop.collected()) {
        collect.append(collect.length() > 1 ? "," : "").append(Json.string(collected.name())).append(':')
            .append(Json.string(valueName(graph, body, collected.producer().task(), collected.producer().output())));
      }
      specs.add(map("name", loop.name() + COLLECT_SUFFIX, "template", Names.LOOP_COLLECT,
          "dependencies", List.of(loop.name()),
          "arguments", map("parameters", List.of(map("name", "contexts", "value", contexts),
              map("name", "task", "value", scope.prefix() + loop.name()),
              map("name", "items", "value", items),
              map("name", "collect", "value", collect.append('}').toString())))));
    }
    return specs;
  }

  /**
   * A condition chain in its parent DAG: a step reading the run values its conditions compare
   * ({@code <chain>-operands}, which writes each as a {@code when} literal), one task per branch running the
   * branch's DAG template {@code when} its trigger holds, and, if the chain has one-of values, a step storing the
   * value of the branch that ran under the chain's name ({@code <chain>}).
   */
  private List<Object> conditionTasks(PipelineGraph graph, Task.Condition condition, Scope scope, String contexts,
      List<Object> templates) {
    String key = graph.scopeKey(scope.pipeline(), condition.name());
    List<Object> specs = new ArrayList<>();
    List<Source> runValues = new ArrayList<>();
    for (Task.Branch branch : condition.branches()) {
      branch.trigger().operands().stream().map(Predicate.Operand::source)
          .filter(source -> !(source instanceof Source.Constant) && !runValues.contains(source))
          .forEach(runValues::add);
    }
    List<String> before = dependencies(condition, scope);
    String operandsTask = condition.name() + Names.OPERANDS_SUFFIX;
    if (!runValues.isEmpty()) {
      StringBuilder inputs = new StringBuilder("{");
      for (int i = 0; i < runValues.size(); i++) {
        inputs.append(i > 0 ? "," : "").append(Json.string(OPERAND + i)).append(':')
            .append(binding(graph, runValues.get(i), scope));
      }
      Map<String, Object> operands = map("name", operandsTask, "template", key + Names.OPERANDS_SUFFIX);
      if (!before.isEmpty()) {
        operands.put("dependencies", before);
      }
      operands.put("arguments", map("parameters", List.of(map("name", "contexts", "value", contexts),
          map("name", "inputs", "value", inputs.append('}').toString()))));
      specs.add(operands);
      templates.add(operandsTemplate(graph, key, runValues.size()));
    }
    String base = scope.prefix() + (condition.grouped() ? condition.name() + "/" : "");
    List<String> branchTasks = new ArrayList<>();
    for (Task.Branch branch : condition.branches()) {
      List<Object> arguments = new ArrayList<>();
      arguments.add(map("name", CONTEXTS_INPUT, "value", contexts));
      arguments.add(map("name", PREFIX_INPUT, "value", base + branch.name() + "/"));
      for (Binding input : branch.inputs()) {
        arguments.add(map("name", input.name(), "value", binding(graph, input.source(), scope)));
      }
      String branchKey = graph.scopeKey(scope.pipeline(), branch.name());
      Map<String, Object> task = map("name", branch.name(), "template", branchKey);
      List<String> dependencies = new ArrayList<>(before);
      if (!runValues.isEmpty()) {
        dependencies.add(operandsTask);
      }
      if (!dependencies.isEmpty()) {
        task.put("dependencies", dependencies);
      }
      task.put("when", ConditionText.when(branch.trigger(),
          source -> "{{tasks." + operandsTask + ".outputs.parameters." + OPERAND + runValues.indexOf(source) + "}}"));
      task.put("arguments", map("parameters", arguments));
      specs.add(task);
      branchTasks.add(branch.name());
      Scope body = Scope.of(scope.pipeline(), Kind.LOOP, branch.body());
      List<Object> inputs = new ArrayList<>();
      inputs.add(map("name", CONTEXTS_INPUT));
      inputs.add(map("name", PREFIX_INPUT));
      branch.inputs().forEach(input -> inputs.add(map("name", input.name())));
      templates.add(map("name", branchKey, "inputs", map("parameters", inputs),
          "dag", map("tasks", tasks(graph, branch.body(), body, templates))));
    }
    if (!condition.oneOfs().isEmpty()) {
      StringBuilder select = new StringBuilder("{");
      for (Task.OneOf oneOf : condition.oneOfs()) {
        List<String> candidates = new ArrayList<>();
        for (int i = 0; i < condition.branches().size(); i++) {
          Task.Branch branch = condition.branches().get(i);
          String output = oneOf.branchOutputs().get(i);
          Source.TaskOutput producer = branch.outputs().stream().filter(c -> c.name().equals(output)).findFirst()
              .orElseThrow().producer();
          candidates.add(Json.string(base + branch.name() + "/"
              + valueName(graph, scope.pipeline(), producer.task(), producer.output())));
        }
        select.append(select.length() > 1 ? "," : "").append(Json.string(oneOf.name())).append(":[")
            .append(String.join(",", candidates)).append(']');
      }
      specs.add(map("name", condition.name(), "template", Names.CONDITION_SELECT, "dependencies", branchTasks,
          "arguments", map("parameters", List.of(map("name", "contexts", "value", contexts),
              map("name", "task", "value", scope.prefix() + condition.name()),
              map("name", "select", "value", select.append('}').toString())))));
    }
    return specs;
  }

  /**
   * An exit handler in its parent DAG: a task running the try block's DAG template, with an exit hook running the
   * clean-up tasks' DAG template ({@code <key>-finally}) once the task ended, succeeded or failed. The clean-up
   * tasks' values are named as if they ran in the parent DAG (the hook gets the parent's prefix).
   */
  private Map<String, Object> exitHandlerTask(PipelineGraph graph, Task.ExitHandler handler, Scope scope,
      String contexts, List<Object> templates) {
    String key = graph.scopeKey(scope.pipeline(), handler);
    List<Object> arguments = new ArrayList<>();
    arguments.add(map("name", CONTEXTS_INPUT, "value", contexts));
    arguments.add(map("name", PREFIX_INPUT, "value", scope.prefix() + handler.name() + "/"));
    for (Binding input : handler.inputs()) {
      arguments.add(map("name", input.name(), "value", binding(graph, input.source(), scope)));
    }
    List<Object> hookArguments = new ArrayList<>();
    hookArguments.add(map("name", CONTEXTS_INPUT, "value", contexts(handler.cleanupInputs(), scope)));
    hookArguments.add(map("name", PREFIX_INPUT, "value", scope.prefix()));
    for (Binding input : handler.cleanupInputs()) {
      hookArguments.add(map("name", input.name(), "value", binding(graph, input.source(), scope)));
    }
    templates.add(scopeTemplate(key, handler.inputs(),
        tasks(graph, handler.body(), Scope.of(scope.pipeline(), Kind.LOOP, handler.body()), templates)));
    templates.add(scopeTemplate(key + Names.FINALLY_SUFFIX, handler.cleanupInputs(),
        tasks(graph, handler.cleanup(), Scope.of(scope.pipeline(), Kind.LOOP, handler.cleanup()), templates)));
    Map<String, Object> task = map("name", handler.name(), "template", key);
    List<String> dependencies = dependencies(handler, scope);
    if (!dependencies.isEmpty()) {
      task.put("dependencies", dependencies);
    }
    task.put("arguments", map("parameters", arguments));
    task.put("hooks", map("exit", map("template", key + Names.FINALLY_SUFFIX,
        "arguments", map("parameters", hookArguments))));
    return task;
  }

  /** A DAG template of a scope: the run's contexts, the value-name prefix and each outside value as inputs. */
  private static Map<String, Object> scopeTemplate(String name, List<Binding> channels, List<Object> tasks) {
    List<Object> inputs = new ArrayList<>();
    inputs.add(map("name", CONTEXTS_INPUT));
    inputs.add(map("name", PREFIX_INPUT));
    channels.forEach(input -> inputs.add(map("name", input.name())));
    return map("name", name, "inputs", map("parameters", inputs), "dag", map("tasks", tasks));
  }

  /** The step reading a chain's run-value operands: one output parameter per operand, a {@code when} literal. */
  private Map<String, Object> operandsTemplate(PipelineGraph graph, String key, int count) {
    List<Object> outputs = new ArrayList<>();
    List<String> args = new ArrayList<>(List.of("operands", "--contexts", "{{inputs.parameters.contexts}}", "--inputs",
        "{{inputs.parameters.inputs}}"));
    for (int i = 0; i < count; i++) {
      outputs.add(map("name", OPERAND + i, "valueFrom", map("path", OPERANDS_DIR + "/" + OPERAND + i)));
      args.addAll(List.of("--" + OPERAND + i, OPERANDS_DIR + "/" + OPERAND + i));
    }
    return stepTemplate(graph, key + Names.OPERANDS_SUFFIX, WorkflowNames.CONDITION_MAIN, args,
        List.of("contexts", "inputs"), map("parameters", outputs));
  }

  /** One iteration of a loop: a DAG template with every outside value and the item as inputs. */
  private Map<String, Object> bodyTemplate(PipelineGraph graph, String key, Task.Loop loop, Scope outer,
      List<Object> templates) {
    Scope scope = Scope.of(outer.pipeline(), Kind.LOOP, loop.body());
    List<Object> inputs = new ArrayList<>();
    inputs.add(map("name", CONTEXTS_INPUT));
    inputs.add(map("name", PREFIX_INPUT));
    loop.inputs().forEach(input -> inputs.add(map("name", input.name())));
    inputs.add(map("name", loop.itemInput()));
    return map("name", key, "inputs", map("parameters", inputs),
        "dag", map("tasks", tasks(graph, loop.body(), scope, templates)));
  }

  /** The iterations of a loop with a parallelism limit, in a DAG template of their own that carries the limit. */
  private static Map<String, Object> limitTemplate(String key, Task.Loop loop) {
    List<Object> inputs = new ArrayList<>();
    List<Object> arguments = new ArrayList<>();
    inputs.add(map("name", CONTEXTS_INPUT));
    inputs.add(map("name", PREFIX_INPUT));
    inputs.add(map("name", ITEMS_INPUT));
    arguments.add(map("name", CONTEXTS_INPUT, "value", "{{inputs.parameters." + CONTEXTS_INPUT + "}}"));
    arguments.add(map("name", PREFIX_INPUT, "value", NESTED_PREFIX + "{{item.index}}/"));
    for (Binding input : loop.inputs()) {
      inputs.add(map("name", input.name()));
      arguments.add(map("name", input.name(), "value", "{{inputs.parameters." + input.name() + "}}"));
    }
    arguments.add(map("name", loop.itemInput(), "value", "{{item.binding}}"));
    Map<String, Object> iteration = map("name", "iteration", "template", key,
        "withParam", "{{inputs.parameters." + ITEMS_INPUT + "}}", "arguments", map("parameters", arguments));
    return map("name", key + LIMIT_SUFFIX, "inputs", map("parameters", inputs), "parallelism", loop.parallelism(),
        "dag", map("tasks", List.of(iteration)));
  }

  /** A DAG task running {@code template}: its name, the run's start and its producers as dependencies, its arguments. */
  private static Map<String, Object> dagTask(Task task, String template, List<Object> arguments, Scope scope) {
    Map<String, Object> spec = map("name", task.name(), "template", template);
    List<String> dependencies = dependencies(task, scope);
    if (!dependencies.isEmpty()) {
      spec.put("dependencies", dependencies);
    }
    spec.put("arguments", map("parameters", arguments));
    return spec;
  }

  /** The DAG tasks a task waits for: the run's start (in the root DAG) and its producers in the same DAG. */
  private static List<String> dependencies(Task task, Scope scope) {
    List<String> dependencies = new ArrayList<>();
    if (scope.kind() == Kind.ROOT) {
      dependencies.add(INIT);
    }
    for (String dependency : task.dependencies()) {
      if (scope.local().contains(dependency)) {
        dependencies.addAll(finalTasksOf(scope.pipeline(), dependency));
      }
    }
    return dependencies;
  }

  /**
   * The DAG tasks that end task {@code name}: a collecting loop's gathering step; the branches of a chain of
   * conditions without one-of values (a skipped branch counts as done); else the task itself.
   */
  private static List<String> finalTasksOf(PipelineModel pipeline, String name) {
    Task task = pipeline.task(name).orElseThrow();
    if (task instanceof Task.Loop loop && !loop.collected().isEmpty()) {
      return List.of(name + COLLECT_SUFFIX);
    }
    if (task instanceof Task.Condition condition && condition.grouped() && condition.oneOfs().isEmpty()) {
      return condition.branches().stream().map(Task.Branch::name).toList();
    }
    return List.of(name);
  }

  /** A JSON array of the contexts a task needs: the run's start, and those of the tasks whose outputs it uses. */
  private static String contexts(Task task, Scope scope) {
    return contexts(task.inputs(), scope);
  }

  private static String contexts(List<Binding> bindings, Scope scope) {
    Set<String> contexts = new LinkedHashSet<>();
    contexts.add(scope.kind() == Kind.ROOT ? "{{tasks." + INIT + ".outputs.parameters.context}}"
        : "{{inputs.parameters." + CONTEXTS_INPUT + "}}");
    for (Binding input : bindings) {
      if (input.source() instanceof Source.TaskOutput producer && scope.local().contains(producer.task())) {
        contexts.add(contextOf(scope.pipeline(), producer));
      }
    }
    return "[" + String.join(",", contexts) + "]";
  }

  /** The Argo expression of the context that holds a task output. */
  private static String contextOf(PipelineModel pipeline, Source.TaskOutput producer) {
    // A component task outputs its whole context; a nested pipeline outputs one context per output; a loop's
    // gathering step outputs the context with its lists.
    Task task = pipeline.task(producer.task()).orElseThrow();
    String output = task instanceof Task.PipelineCall ? producer.output() : "context";
    return "{{tasks." + finalTasksOf(pipeline, producer.task()).get(0) + ".outputs.parameters." + output + "}}";
  }

  /**
   * An input binding as JSON, seen from {@code scope}: {@code {"from":"<value name>"}}, {@code {"value":<constant>}},
   * or the binding a nested DAG received as an input parameter ({@code {"of":<binding>,"path":[…]}} to select a
   * record component of a loop item).
   */
  private static String binding(PipelineGraph graph, Source source, Scope scope) {
    if (source instanceof Source.Parameter parameter) {
      return switch (scope.kind()) {
        case ROOT -> InputBindings.from(parameter.name());
        case NESTED -> "{{inputs.parameters." + parameter.name() + "}}";
        case LOOP -> "{{inputs.parameters." + Channels.of(source, scope.itemInputs()) + "}}";
      };
    }
    if (source instanceof Source.TaskOutput producer) {
      if (!scope.local().contains(producer.task())) {
        return "{{inputs.parameters." + Channels.of(source, scope.itemInputs()) + "}}";
      }
      return InputBindings.from(scope.prefix() + valueName(graph, scope, producer.task(), producer.output()));
    }
    if (source instanceof Source.LoopItem item) {
      String whole = "{{inputs.parameters." + Channels.of(source, scope.itemInputs()) + "}}";
      if (item.fields().isEmpty()) {
        return whole;
      }
      return InputBindings.select(whole, item.fields());
    }
    // '{' only occurs inside JSON strings of a scalar constant; \u007b keeps Argo from reading "{{" as a tag.
    return InputBindings.value(((Source.Constant) source).json().replace("{", "\\u007b"));
  }

  /** The context value name of a task output, relative to its DAG ({@code div.Output}, {@code stats/div.Output}). */
  private static String valueName(PipelineGraph graph, Scope scope, String task, String output) {
    return valueName(graph, scope.pipeline(), task, output);
  }

  /** The context value name of a task output, relative to its pipeline ({@code div.Output}, {@code stats/div.Output}). */
  static String valueName(PipelineGraph graph, PipelineModel pipeline, String task, String output) {
    if (!(pipeline.task(task).orElseThrow() instanceof Task.PipelineCall producer)) {
      return task + "." + output;
    }
    PipelineModel nested = graph.pipeline(producer.pipeline());
    Source.TaskOutput inner = (Source.TaskOutput) nested.outputs().stream()
        .filter(b -> b.name().equals(output)).findFirst().orElseThrow().source();
    return task + "/" + valueName(graph, nested, inner.task(), inner.output());
  }

  private Map<String, Object> loopTemplate(PipelineGraph graph, String name, List<String> args, List<String> inputs,
      Map<String, Object> outputs) {
    return stepTemplate(graph, name, WorkflowNames.LOOP_MAIN, args, inputs, outputs);
  }

  private Map<String, Object> stepTemplate(PipelineGraph graph, String name, String mainClass, List<String> args,
      List<String> inputs, Map<String, Object> outputs) {
    Map<String, Object> template = map("name", name);
    template.put("inputs", map("parameters", inputs.stream().map(input -> (Object) map("name", input)).toList()));
    PipelineModel root = graph.root();
    String image = root.image().isEmpty() ? settings.defaultImage(root.name()) : root.image();
    template.put("container", container(image, mainClass, args));
    template.put("outputs", outputs);
    return template;
  }

  private Map<String, Object> initTemplate(PipelineGraph graph) {
    PipelineModel root = graph.root();
    List<String> args = new ArrayList<>(List.of(RUN_ID, "{{workflow.name}}",
        ROOT, settings.storageRoot() + "/{{workflow.name}}/", OUTPUT_CONTEXT, CONTEXT_FILE));
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
    template.put("container", container(javaImage(graph), WorkflowNames.INIT_MAIN, args));
    template.put("outputs", contextOutput());
    return template;
  }

  private Map<String, Object> componentTemplate(PipelineGraph graph, String key, PipelineGraph.Executor executor,
      boolean displayNamed) {
    ComponentModel component = executor.component();
    Map<String, Object> template = map("name", key);
    List<Object> inputs = new ArrayList<>(List.of(map("name", "contexts"), map("name", "task"), map("name", "inputs")));
    if (displayNamed) {
      inputs.add(map("default", "", "name", DISPLAY_NAME_INPUT));
    }
    template.put("inputs", map("parameters", inputs));
    Map<String, Object> container = container(graph.image(executor, settings.defaultImage(graph.root().name())),
        component.entrypoint().canonicalName(), List.of(CONTEXTS, "{{inputs.parameters.contexts}}",
            TASK, "{{inputs.parameters.task}}", INPUTS, "{{inputs.parameters.inputs}}",
            OUTPUT_CONTEXT, CONTEXT_FILE));
    ArgoOptions.container(container, executor.options());
    template.put("container", container);
    template.put("outputs", contextOutput());
    ArgoOptions.template(template, executor.options());
    if (displayNamed) {
      ArgoOptions.displayName(template, DISPLAY_NAME_INPUT);
    }
    return template;
  }

  /** The keys of the templates that some call with a {@code @DisplayName} runs. */
  private static java.util.Set<String> displayNamedExecutors(PipelineGraph graph) {
    java.util.Set<String> keys = new java.util.TreeSet<>();
    for (Task.ComponentCall call : graph.componentCalls()) {
      if (!call.options().displayName().isEmpty()) {
        keys.add(graph.key(call));
      }
    }
    return keys;
  }

  /** The image of the run's own steps (the start, and the value transfers of container steps). */
  private String javaImage(PipelineGraph graph) {
    PipelineModel root = graph.root();
    return root.image().isEmpty() ? settings.defaultImage(root.name()) : root.image();
  }

  private Map<String, Object> container(String image, String mainClass, List<String> args) {
    return container(image, settings.command(mainClass), args);
  }

  private Map<String, Object> container(String image, List<String> command, List<String> args) {
    List<Object> env = new ArrayList<>();
    env.add(map("name", EnvironmentVariables.STORAGE_ROOTS, "value", settings.storageRoot() + "/"));
    if (!settings.s3Endpoint().isEmpty()) {
      env.add(map("name", EnvironmentVariables.S3_ENDPOINT, "value", settings.s3Endpoint()));
    }
    for (String variable : EnvironmentVariables.STORAGE_CREDENTIALS) {
      env.add(map("name", variable, "valueFrom", map("secretKeyRef",
          map("key", variable, "name", settings.storageSecret(), "optional", true))));
    }
    return map("args", args, "command", command, "env", env, "image", image);
  }

  private static Map<String, Object> contextOutput() {
    return map("parameters", List.of(map("name", "context", "valueFrom", map("path", CONTEXT_FILE))));
  }

  private static String dagName(PipelineModel pipeline) {
    return Names.DAG_PREFIX + pipeline.name();
  }
}
