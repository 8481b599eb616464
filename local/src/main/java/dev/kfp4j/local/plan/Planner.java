package dev.kfp4j.local.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kfp4j.local.error.LocalRunException;
import dev.kfp4j.local.plan.Plan.Parameter;
import dev.kfp4j.local.plan.PlannedTask.RetryPolicy;
import dev.kfp4j.runtime.entrypoint.InitMain;
import dev.kfp4j.wire.ComponentAddress;
import dev.kfp4j.wire.EnvironmentVariables;
import dev.kfp4j.wire.ParameterKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a KFP v2 IR {@code PipelineSpec} into a {@link Plan}: each nested pipeline (a {@code dag}
 * component) is flattened into its container tasks, named {@code <nestedTask>/<task>} as on a cluster,
 * and every input is resolved to a run value or a constant.
 */
public final class Planner {

  // IR task fields the runner does not carry out yet; refusing them beats silently running something else.
  private static final List<String> UNSUPPORTED_TASK_FIELDS = List.of("artifactIterator");
  private static final java.util.regex.Pattern SELECTOR = java.util.regex.Pattern.compile(
      "parseJson\\(string_value\\)((\\[\"[^\"]+\"\\])+)");

  /** How {@link Plan#outputKinds()} marks an artifact output: this prefix, then its schema title. */
  public static final String ARTIFACT_KIND_PREFIX = "artifact:";

  private final JsonNode components;
  private final JsonNode executors;
  private final String source;
  private final RetryPolicy retryDefaults;
  private final JsonNode platformExecutors;
  private final Duration defaultTimeout;
  private final boolean entrypointsInImages;
  private final List<PlannedTask> tasks = new ArrayList<>();
  private final Set<String> imported = new java.util.TreeSet<>();
  private final Map<String, PlannedScope> loops = new LinkedHashMap<>();

  private Planner(JsonNode components, JsonNode executors, JsonNode platformExecutors, String source,
      RetryPolicy retryDefaults, Duration defaultTimeout, boolean entrypointsInImages) {
    this.components = components;
    this.executors = executors;
    this.platformExecutors = platformExecutors;
    this.defaultTimeout = defaultTimeout;
    this.source = source;
    this.retryDefaults = retryDefaults;
    this.entrypointsInImages = entrypointsInImages;
  }

  /**
   * The plan of the pipeline {@code spec} (the parsed IR).
   *
   * @param retryDefaults backoff used when a task's retry policy gives none (its retry count is ignored)
   */
  public static Plan plan(JsonNode spec, String source, RetryPolicy retryDefaults) {
    return plan(spec, source, retryDefaults, TaskOptions.DEFAULT_TIMEOUT, false);
  }

  /**
   * The same, each task limited to {@code defaultTimeout} per attempt unless its spec sets a timeout
   * ({@code activeDeadlineSeconds}); with {@code entrypointsInImages}, Java entrypoints become container tasks
   * too: their executor's image and command ({@code java -cp /app/… <Entrypoint>}, or {@code … SharedEntrypoint
   * com.acme.Average#add}), run with the context protocol, which every kfp4j entrypoint speaks.
   */
  public static Plan plan(JsonNode spec, String source, RetryPolicy retryDefaults, Duration defaultTimeout,
      boolean entrypointsInImages) {
    // The Kubernetes platform spec: pipeline.yaml's second document, attached under 'platforms' by SpecDocuments.
    return new Planner(spec.path("components"), spec.path("deploymentSpec").path("executors"),
        spec.path("platforms").path("kubernetes").path("deploymentSpec").path("executors"), source, retryDefaults,
        defaultTimeout, entrypointsInImages).plan(spec);
  }

  private Plan plan(JsonNode spec) {
    String name = spec.path("pipelineInfo").path("name").asText("");
    if (name.isEmpty()) {
      throw bad("has no pipelineInfo.name; is it a KFP v2 pipeline spec?");
    }
    JsonNode root = spec.path("root");
    if (!root.path("dag").isObject()) {
      throw bad("has no root.dag");
    }
    Map<String, Parameter> parameters = new TreeMap<>();
    Map<String, Source> environment = new LinkedHashMap<>();
    root.path("inputDefinitions").path("parameters").fields().forEachRemaining(entry -> {
      JsonNode definition = entry.getValue();
      Optional<String> defaultValue = definition.has("defaultValue")
          ? Optional.of(definition.get("defaultValue").toString()) : Optional.empty();
      parameters.put(entry.getKey(), new Parameter(entry.getKey(), definition.path("parameterType").asText(ParameterKind.STRING.name()),
          defaultValue));
      environment.put(entry.getKey(), new Source.From(entry.getKey(), null));
    });
    Map<String, Resolved> resolved = flatten(root.path("dag"), "", environment, Set.of());
    for (String importedName : imported) {
      Parameter parameter = parameters.get(importedName);
      parameters.put(importedName, new Parameter(importedName, InitMain.ARTIFACT, parameter.defaultValue()));
    }
    Map<String, String> outputs = new TreeMap<>();
    Map<String, String> outputKinds = new TreeMap<>();
    root.path("outputDefinitions").path("parameters").fields()
        .forEachRemaining(entry -> outputKinds.put(entry.getKey(), entry.getValue().path("parameterType").asText()));
    root.path("outputDefinitions").path("artifacts").fields().forEachRemaining(entry -> outputKinds.put(entry.getKey(),
        ARTIFACT_KIND_PREFIX + entry.getValue().path("artifactType").path("schemaTitle").asText("system.Artifact")));
    dagOutputs(root.path("dag").path("outputs")).forEach((output, definition) -> {
      Source.From from = dagOutput(resolved, definition, "pipeline output '" + output + "'");
      outputs.put(output, from.valueName());
    });
    return new Plan(name, spec.path("pipelineInfo").path("description").asText(""), source, parameters, tasks, outputs,
        outputKinds, loops);
  }

  /** A DAG task once planned: where each of its outputs lives and which container tasks it stands for. */
  private record Resolved(Map<String, Source.From> outputs, Set<String> leaves) {}

  private Map<String, Resolved> flatten(JsonNode dag, String prefix, Map<String, Source> environment,
      Set<String> inherited) {
    Map<String, Resolved> resolved = new LinkedHashMap<>();
    JsonNode dagTasks = dag.path("tasks");
    for (String name : TopologicalOrder.of(dagTasks, prefix, source)) {
      JsonNode task = dagTasks.get(name);
      String path = prefix + name;
      for (String field : UNSUPPORTED_TASK_FIELDS) {
        if (task.has(field)) {
          throw bad("task '" + path + "' uses " + field + ", which the local runner does not run yet");
        }
      }
      String componentKey = task.path("componentRef").path("name").asText("");
      JsonNode component = components.path(componentKey);
      if (!component.isObject()) {
        throw bad("task '" + path + "' refers to component '" + componentKey + "', which the spec does not define");
      }
      Map<String, Source> inputs = sources(task, path, environment, resolved);
      Set<String> dependencies = new LinkedHashSet<>();
      for (JsonNode dependency : task.path("dependentTasks")) {
        Resolved before = resolved.get(dependency.asText());
        if (before == null) {
          throw bad("task '" + path + "' depends on unknown task '" + dependency.asText() + "'");
        }
        dependencies.addAll(before.leaves());
      }
      inputs.values().forEach(source -> {
        String producer = Source.producerOf(source);
        if (producer != null) {
          dependencies.add(producer);
        }
      });
      if (!task.has("dependentTasks")) {
        dependencies.addAll(inherited); // a nested pipeline's first tasks wait for what the nested task waits for
      }
      String strategy = task.path("triggerPolicy").path("strategy").asText("ALL_UPSTREAM_TASKS_SUCCEEDED");
      if (!strategy.equals("ALL_UPSTREAM_TASKS_SUCCEEDED") && !strategy.equals("ALL_UPSTREAM_TASKS_COMPLETED")) {
        throw bad("task '" + path + "' uses triggerPolicy.strategy " + strategy + ", which the local runner does not "
            + "run yet");
      }
      boolean afterFailure = strategy.equals("ALL_UPSTREAM_TASKS_COMPLETED");
      if (afterFailure && (component.has("dag") || task.has("parameterIterator") || task.path("triggerPolicy").has("condition"))) {
        throw bad("task '" + path + "' runs after its dependencies completed but is not a single step, which the local "
            + "runner does not run yet");
      }
      if (task.path("triggerPolicy").has("condition")) {
        resolved.put(name, chain(path, dependencies, Map.of(), List.of(new BranchSpec(name, path, task, inputs))));
        continue;
      }
      if (isBranchGroup(component)) {
        List<BranchSpec> branches = new ArrayList<>();
        component.path("dag").path("tasks").fields().forEachRemaining(entry -> branches.add(new BranchSpec(
            entry.getKey(), path + "/" + entry.getKey(), entry.getValue(),
            sources(entry.getValue(), path + "/" + entry.getKey(), inputs, Map.of()))));
        resolved.put(name, chain(path, dependencies, oneOfs(component, path), branches));
        continue;
      }
      if (task.has("parameterIterator")) {
        resolved.put(name, loop(task, component, path, inputs, dependencies));
        continue;
      }
      checkBound(component, inputs, path);
      if (executors.path(component.path("executorLabel").asText("")).has("importer")) {
        resolved.put(name, importer(component, inputs, path));
        continue;
      }
      if (component.has("dag")) {
        int before = tasks.size();
        List<String> loopsBefore = new ArrayList<>(loops.keySet());
        Map<String, Resolved> inner = flatten(component.path("dag"), path + "/", inputs, dependencies);
        Map<String, Source.From> outputs = new LinkedHashMap<>();
        dagOutputs(component.path("dag").path("outputs")).forEach((output, spec) ->
            outputs.put(output, dagOutput(inner, spec, "output '" + output + "' of '" + path + "'")));
        Set<String> leaves = new LinkedHashSet<>();
        tasks.subList(before, tasks.size()).forEach(planned -> leaves.add(planned.path()));
        loops.keySet().stream().filter(loop -> !loopsBefore.contains(loop)).forEach(leaves::add);
        resolved.put(name, new Resolved(outputs, leaves));
      } else {
        resolved.put(name, leaf(task, component, componentKey, path, inputs, dependencies, afterFailure));
      }
    }
    return resolved;
  }

  /**
   * An importer task ({@code dsl.importer}) whose address is a pipeline parameter: nothing runs; its
   * {@code artifact} output is that parameter's value, which the run's start checks and puts in the
   * context as an address (the parameter's kind becomes {@code ARTIFACT}).
   */
  private Resolved importer(JsonNode component, Map<String, Source> inputs, String path) {
    JsonNode importer = executors.path(component.path("executorLabel").asText()).path("importer");
    String uriInput = importer.path("artifactUri").path("runtimeParameter").asText("");
    Source uri = inputs.get(uriInput);
    if (!(uri instanceof Source.From from) || from.producer() != null) {
      throw bad("importer task '" + path + "' takes its address from something other than a pipeline parameter,"
          + " which the local runner does not run yet");
    }
    imported.add(from.valueName());
    Map<String, Source.From> outputs = new LinkedHashMap<>();
    component.path("outputDefinitions").path("artifacts").fieldNames()
        .forEachRemaining(output -> outputs.put(output, (Source.From) uri));
    return new Resolved(outputs, Set.of());
  }

  /** A DAG's outputs, parameters and artifacts alike: each is a value of the run. */
  private static Map<String, JsonNode> dagOutputs(JsonNode outputs) {
    Map<String, JsonNode> all = new TreeMap<>();
    outputs.path("parameters").fields().forEachRemaining(entry -> all.put(entry.getKey(), entry.getValue()));
    outputs.path("artifacts").fields().forEachRemaining(entry -> all.put(entry.getKey(), entry.getValue()));
    return all;
  }

  /** One branch of a chain: its task in the spec and the values its inputs take. */
  private record BranchSpec(String name, String path, JsonNode task, Map<String, Source> inputs) {}

  /**
   * Whether a DAG component is a group of condition branches (KFP's {@code condition-branches-N}): every task of
   * it runs on a condition of its own and none waits for another, so running each whose condition holds is what
   * the group means.
   */
  private static boolean isBranchGroup(JsonNode component) {
    JsonNode tasks = component.path("dag").path("tasks");
    if (!tasks.isObject() || tasks.isEmpty()) {
      return false;
    }
    for (JsonNode branch : tasks) {
      if (!branch.path("triggerPolicy").has("condition") || branch.has("dependentTasks")) {
        return false;
      }
    }
    return true;
  }

  /** A group's one-of outputs: each output → the branch output (by branch task) that holds its value. */
  private Map<String, Map<String, String>> oneOfs(JsonNode component, String path) {
    Map<String, Map<String, String>> oneOfs = new TreeMap<>();
    dagOutputs(component.path("dag").path("outputs")).forEach((output, spec) -> {
      JsonNode oneOf = spec.path("valueFromOneof");
      JsonNode selectors = oneOf.has("parameterSelectors") ? oneOf.get("parameterSelectors")
          : oneOf.path("artifactSelectors");
      if (!selectors.isArray() || selectors.isEmpty()) {
        throw bad("output '" + output + "' of '" + path + "' is not a one-of value, which a group of condition "
            + "branches outputs");
      }
      Map<String, String> branches = new LinkedHashMap<>();
      selectors.forEach(selector -> branches.put(selector.path("producerSubtask").asText(),
          selector.has("outputParameterKey") ? selector.path("outputParameterKey").asText()
              : selector.path("outputArtifactKey").asText()));
      oneOfs.put(output, branches);
    });
    return oneOfs;
  }

  /** A chain of conditions: planned now as a whole, the tasks of a branch once its condition held. */
  private Resolved chain(String path, Set<String> dependencies, Map<String, Map<String, String>> oneOfs,
      List<BranchSpec> specs) {
    List<PlannedCondition.Branch> branches = new ArrayList<>();
    for (BranchSpec spec : specs) {
      String text = spec.task().path("triggerPolicy").path("condition").asText("");
      TriggerCondition condition;
      try {
        condition = TriggerCondition.parse(text);
      } catch (IllegalArgumentException e) {
        throw bad("task '" + spec.path() + "': " + e.getMessage());
      }
      for (String input : condition.inputs()) {
        if (!spec.inputs().containsKey(input)) {
          throw bad("task '" + spec.path() + "': its condition reads input '" + input + "', which the task does not have");
        }
      }
      String componentKey = spec.task().path("componentRef").path("name").asText("");
      JsonNode component = components.path(componentKey);
      if (!component.path("dag").isObject()) {
        throw bad("condition task '" + spec.path() + "' runs '" + componentKey + "', which is not a DAG component");
      }
      JsonNode dag = component.path("dag");
      Map<String, Source> environment = new LinkedHashMap<>(spec.inputs());
      branches.add(new PlannedCondition.Branch(spec.name(), spec.path(), condition, spec.inputs(), () -> {
        Planner branch = new Planner(components, executors, platformExecutors, source, retryDefaults, defaultTimeout,
            entrypointsInImages);
        Map<String, Resolved> inner = branch.flatten(dag, spec.path() + "/", environment, Set.of());
        Map<String, String> outputs = new LinkedHashMap<>();
        dagOutputs(dag.path("outputs")).forEach((output, outputSpec) -> outputs.put(output,
            branch.dagOutput(inner, outputSpec, "output '" + output + "' of '" + spec.path() + "'").valueName()));
        return new PlannedLoop.Iteration(branch.tasks, branch.loops, outputs);
      }));
    }
    PlannedCondition chain = new PlannedCondition(path, dependencies, oneOfs, branches);
    loops.put(path, chain);
    Map<String, Source.From> outputs = new LinkedHashMap<>();
    oneOfs.keySet().forEach(output -> outputs.put(output, new Source.From(chain.valueName(output), path)));
    return new Resolved(outputs, Set.of(path));
  }

  /** A loop: planned now as a whole, its iterations when it runs and its list is known. */
  private Resolved loop(JsonNode task, JsonNode component, String path, Map<String, Source> inputs,
      Set<String> dependencies) {
    JsonNode iterator = task.get("parameterIterator");
    String itemInput = iterator.path("itemInput").asText("");
    JsonNode items = iterator.path("items");
    Source list;
    if (items.has("raw")) {
      try {
        list = new Source.Constant(new com.fasterxml.jackson.databind.ObjectMapper().readTree(items.get("raw").asText()));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw bad("task '" + path + "' has raw items that are not JSON: " + e.getOriginalMessage());
      }
    } else {
      list = inputs.get(items.path("inputParameter").asText());
      if (list == null) {
        throw bad("task '" + path + "' iterates over '" + items.path("inputParameter").asText() + "', which is not one of "
            + "its inputs");
      }
    }
    if (!component.has("dag") || itemInput.isEmpty()) {
      throw bad("task '" + path + "' iterates, but its component is not a DAG with an item input");
    }
    JsonNode dag = component.path("dag");
    Map<String, Source> environment = new LinkedHashMap<>(inputs);
    List<String> outputNames = new ArrayList<>();
    dag.path("outputs").path("parameters").fieldNames().forEachRemaining(outputNames::add);
    Source itemsList = list;
    PlannedLoop loop = new PlannedLoop(path, list, task.path("iteratorPolicy").path("parallelismLimit").asInt(0),
        dependencies, outputNames, index -> {
          Planner iteration = new Planner(components, executors, platformExecutors, source, retryDefaults,
              defaultTimeout, entrypointsInImages);
          Map<String, Source> scope = new LinkedHashMap<>(environment);
          scope.put(itemInput, new Source.Selected(itemsList, List.of(index)));
          String prefix = path + "/" + index + "/";
          Map<String, Resolved> inner = iteration.flatten(dag, prefix, scope, Set.of());
          Map<String, String> collected = new LinkedHashMap<>();
          dag.path("outputs").path("parameters").fields().forEachRemaining(entry -> collected.put(entry.getKey(),
              iteration.dagOutput(inner, entry.getValue(), "output '" + entry.getKey() + "' of '" + path + "'").valueName()));
          return new PlannedLoop.Iteration(iteration.tasks, iteration.loops, collected);
        });
    loops.put(path, loop);
    Map<String, Source.From> outputs = new LinkedHashMap<>();
    outputNames.forEach(output -> outputs.put(output, new Source.From(loop.valueName(output), path)));
    return new Resolved(outputs, Set.of(path));
  }

  private Resolved leaf(JsonNode task, JsonNode component, String componentKey, String path,
      Map<String, Source> inputs, Set<String> dependencies, boolean afterFailure) {
    String label = component.path("executorLabel").asText("");
    JsonNode command = executors.path(label).path("container").path("command");
    if ((!command.isArray() || command.isEmpty()) && !executors.path(label).path("container").has("image")) {
      throw bad("component '" + componentKey + "' (task '" + path + "') has no container command in deploymentSpec."
          + "executors." + label);
    }
    java.util.Optional<ContainerTask> container = containerTask(executors.path(label).path("container"), component,
        entrypointsInImages);
    String entrypoint = command.isArray() && !command.isEmpty() && (container.isEmpty() || container.get().entrypoint())
        ? entrypoint(texts(command), componentKey, path) : "";
    List<String> outputNames = new ArrayList<>();
    component.path("outputDefinitions").path("parameters").fieldNames().forEachRemaining(outputNames::add);
    component.path("outputDefinitions").path("artifacts").fieldNames().forEachRemaining(outputNames::add);
    boolean cache = task.path("cachingOptions").path("enableCache").asBoolean(true);
    PlannedTask planned = new PlannedTask(path, componentKey.startsWith("comp-") ? componentKey.substring(5) : componentKey,
        entrypoint, inputs, outputNames, dependencies, cache, retry(task.path("retryPolicy")), container,
        TaskOptions.read(executors.path(label).path("container"), platformExecutors.path(label), defaultTimeout),
        afterFailure);
    tasks.add(planned);
    Map<String, Source.From> outputs = new LinkedHashMap<>();
    outputNames.forEach(output -> outputs.put(output, new Source.From(planned.valueName(output), path)));
    return new Resolved(outputs, Set.of(path));
  }

  /**
   * The last word of a Java step's command: a generated entrypoint class, or the address of a component that the
   * shared entrypoint, the word before it, runs ({@code … SharedEntrypoint com.acme.Average#add}).
   */
  private String entrypoint(List<String> command, String componentKey, String path) {
    String last = command.get(command.size() - 1);
    String before = command.size() > 1 ? command.get(command.size() - 2) : "";
    if (last.equals(ComponentAddress.SHARED_ENTRYPOINT)) {
      throw bad("component '" + componentKey + "' (task '" + path + "'): its command ends with the shared entrypoint "
          + "but names no component after it (expected '" + ComponentAddress.SHARED_ENTRYPOINT
          + " com.acme.Average#add'); recompile the pipeline");
    }
    if (ComponentAddress.isAddress(last) && !before.equals(ComponentAddress.SHARED_ENTRYPOINT)) {
      throw bad("component '" + componentKey + "' (task '" + path + "'): its command ends with the component address '"
          + last + "', which only " + ComponentAddress.SHARED_ENTRYPOINT + " runs, but the main class before it is '"
          + before + "'; recompile the pipeline");
    }
    return last;
  }

  /**
   * A container step's program, or empty for a Java entrypoint: one that kfp4j runs with KFP's executor protocol
   * ({@code java … Entrypoint --executor_input {{$}}}, or {@code java … SharedEntrypoint com.acme.Average#add
   * --executor_input {{$}}}); its last word is then the task's entrypoint.
   */
  private static java.util.Optional<ContainerTask> containerTask(JsonNode container, JsonNode component,
      boolean entrypointsInImages) {
    boolean context = false;
    for (JsonNode env : container.path("env")) {
      context |= env.path("name").asText().equals(ContainerTask.PROTOCOL_ENV)
          && env.path("value").asText().equals(EnvironmentVariables.CONTEXT_PROTOCOL);
    }
    List<String> command = texts(container.path("command"));
    List<String> args = texts(container.path("args"));
    boolean entrypoint = !context && args.equals(List.of("--executor_input", "{{$}}")) && !command.isEmpty()
        && command.get(0).equals("java");
    if (entrypoint && !entrypointsInImages) {
      return java.util.Optional.empty();
    }
    Map<String, String> kinds = new TreeMap<>();
    component.path("outputDefinitions").path("parameters").fields()
        .forEachRemaining(entry -> kinds.put(entry.getKey(), entry.getValue().path("parameterType").asText(ParameterKind.STRING.name())));
    component.path("outputDefinitions").path("artifacts").fields().forEachRemaining(entry -> kinds.put(entry.getKey(),
        ARTIFACT_KIND_PREFIX + entry.getValue().path("artifactType").path("schemaTitle").asText("system.Artifact")));
    if (entrypoint) {
      return java.util.Optional.of(new ContainerTask(container.path("image").asText(), command, List.of(), true, kinds,
          true));
    }
    if (context) {
      args = args.subList(0, Math.max(0, args.size() - 2)); // without --executor_input {{$}}, which is KFP's
    }
    return java.util.Optional.of(new ContainerTask(container.path("image").asText(), command, args, context, kinds));
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  private Map<String, Source> sources(JsonNode task, String path, Map<String, Source> environment,
      Map<String, Resolved> resolved) {
    Map<String, Source> inputs = new TreeMap<>();
    task.path("inputs").path("parameters").fields().forEachRemaining(entry -> {
      JsonNode spec = entry.getValue();
      String what = "input '" + entry.getKey() + "' of task '" + path + "'";
      if (spec.has("componentInputParameter")) {
        Source source = environment.get(spec.get("componentInputParameter").asText());
        if (source == null) {
          throw bad(what + " takes '" + spec.get("componentInputParameter").asText() + "', which its pipeline does not have");
        }
        if (spec.has("parameterExpressionSelector")) {
          java.util.regex.Matcher selector = SELECTOR.matcher(spec.get("parameterExpressionSelector").asText());
          if (!selector.matches()) {
            throw bad(what + " selects '" + spec.get("parameterExpressionSelector").asText() + "'; the local runner reads "
                + "only parseJson(string_value)[\"name\"]…");
          }
          List<Object> fields = new ArrayList<>();
          for (String field : selector.group(1).substring(2, selector.group(1).length() - 2).split("\"\\]\\[\"")) {
            fields.add(field);
          }
          source = new Source.Selected(source, fields);
        }
        inputs.put(entry.getKey(), source);
      } else if (spec.has("taskOutputParameter")) {
        JsonNode ref = spec.get("taskOutputParameter");
        inputs.put(entry.getKey(), output(resolved, ref.path("producerTask").asText(), ref.path("outputParameterKey").asText(), what));
      } else if (spec.path("runtimeValue").has("constant")) {
        inputs.put(entry.getKey(), new Source.Constant(spec.get("runtimeValue").get("constant")));
      } else {
        throw bad(what + " is bound in a way the local runner does not run yet: " + spec);
      }
    });
    task.path("inputs").path("artifacts").fields().forEachRemaining(entry -> {
      JsonNode spec = entry.getValue();
      String what = "input artifact '" + entry.getKey() + "' of task '" + path + "'";
      if (spec.has("componentInputArtifact")) {
        Source binding = environment.get(spec.get("componentInputArtifact").asText());
        if (binding == null) {
          throw bad(what + " takes '" + spec.get("componentInputArtifact").asText() + "', which its pipeline does not have");
        }
        inputs.put(entry.getKey(), binding);
      } else if (spec.has("taskOutputArtifact")) {
        JsonNode ref = spec.get("taskOutputArtifact");
        inputs.put(entry.getKey(), output(resolved, ref.path("producerTask").asText(), ref.path("outputArtifactKey").asText(), what));
      } else {
        throw bad(what + " is bound in a way the local runner does not run yet: " + spec);
      }
    });
    return inputs;
  }

  private void checkBound(JsonNode component, Map<String, Source> inputs, String path) {
    component.path("inputDefinitions").path("parameters").fields().forEachRemaining(entry -> {
      if (!inputs.containsKey(entry.getKey())) {
        if (entry.getValue().has("defaultValue")) {
          inputs.put(entry.getKey(), new Source.Constant(entry.getValue().get("defaultValue")));
        } else {
          throw bad("input '" + entry.getKey() + "' of task '" + path + "' is not bound and has no default");
        }
      }
    });
  }

  private Source.From dagOutput(Map<String, Resolved> resolved, JsonNode spec, String what) {
    JsonNode from = spec.path("valueFromParameter");
    if (from.isObject()) {
      return output(resolved, from.path("producerSubtask").asText(), from.path("outputParameterKey").asText(), what);
    }
    JsonNode selectors = spec.path("artifactSelectors");
    if (selectors.isArray() && selectors.size() == 1) {
      JsonNode selector = selectors.get(0);
      return output(resolved, selector.path("producerSubtask").asText(), selector.path("outputArtifactKey").asText(), what);
    }
    throw bad(what + " is defined in a way the local runner does not run yet: " + spec);
  }

  private Source.From output(Map<String, Resolved> resolved, String producer, String key, String what) {
    Resolved task = resolved.get(producer);
    if (task == null) {
      throw bad(what + " comes from task '" + producer + "', which is not defined before it");
    }
    Source.From from = task.outputs().get(key);
    if (from == null) {
      throw bad(what + " comes from output '" + key + "' of task '" + producer + "', which has outputs "
          + task.outputs().keySet());
    }
    return from;
  }

  private RetryPolicy retry(JsonNode policy) {
    int max = policy.path("maxRetryCount").asInt(0);
    if (max <= 0) {
      return RetryPolicy.NONE;
    }
    Duration backoff = policy.has("backoffDuration") ? duration(policy.get("backoffDuration").asText()) : retryDefaults.backoff();
    double factor = policy.has("backoffFactor") ? policy.get("backoffFactor").asDouble() : retryDefaults.factor();
    Duration cap = policy.has("backoffMaxDuration") ? duration(policy.get("backoffMaxDuration").asText()) : retryDefaults.maxBackoff();
    return new RetryPolicy(max, backoff, factor, cap);
  }

  /** A protobuf JSON duration: seconds with an 's' suffix ("3s", "0.5s"). */
  private Duration duration(String text) {
    if (!text.endsWith("s")) {
      throw bad("duration '" + text + "' is not in protobuf form (like \"3s\")");
    }
    try {
      return Duration.ofNanos((long) (Double.parseDouble(text.substring(0, text.length() - 1)) * 1e9));
    } catch (NumberFormatException e) {
      throw bad("duration '" + text + "' is not in protobuf form (like \"3s\")");
    }
  }

  private LocalRunException bad(String message) {
    return new LocalRunException(LocalRunException.Kind.BAD_SPEC, "pipeline spec " + source + ": " + message);
  }
}
