package dev.kfp4j.local.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kfp4j.local.LocalRunException;
import dev.kfp4j.local.plan.Plan.Parameter;
import dev.kfp4j.local.plan.PlannedTask.RetryPolicy;
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
  private static final List<String> UNSUPPORTED_TASK_FIELDS = List.of("triggerPolicy", "iteratorPolicy",
      "parameterIterator", "artifactIterator");

  private final JsonNode components;
  private final JsonNode executors;
  private final String source;
  private final RetryPolicy retryDefaults;
  private final List<PlannedTask> tasks = new ArrayList<>();

  private Planner(JsonNode spec, String source, RetryPolicy retryDefaults) {
    this.components = spec.path("components");
    this.executors = spec.path("deploymentSpec").path("executors");
    this.source = source;
    this.retryDefaults = retryDefaults;
  }

  /**
   * The plan of the pipeline {@code spec} (the parsed IR).
   *
   * @param retryDefaults backoff used when a task's retry policy gives none (its retry count is ignored)
   */
  public static Plan plan(JsonNode spec, String source, RetryPolicy retryDefaults) {
    return new Planner(spec, source, retryDefaults).plan(spec);
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
      parameters.put(entry.getKey(), new Parameter(entry.getKey(), definition.path("parameterType").asText("STRING"),
          defaultValue));
      environment.put(entry.getKey(), new Source.From(entry.getKey(), null));
    });
    Map<String, Resolved> resolved = flatten(root.path("dag"), "", environment, Set.of());
    Map<String, String> outputs = new TreeMap<>();
    Map<String, String> outputKinds = new TreeMap<>();
    root.path("outputDefinitions").path("parameters").fields()
        .forEachRemaining(entry -> outputKinds.put(entry.getKey(), entry.getValue().path("parameterType").asText()));
    root.path("dag").path("outputs").path("parameters").fields().forEachRemaining(entry -> {
      Source.From from = dagOutput(resolved, entry.getValue(), "pipeline output '" + entry.getKey() + "'");
      outputs.put(entry.getKey(), from.valueName());
    });
    return new Plan(name, spec.path("pipelineInfo").path("description").asText(""), source, parameters, tasks, outputs,
        outputKinds);
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
      if (task.path("inputs").has("artifacts")) {
        throw bad("task '" + path + "' has artifact inputs, which the local runner does not run yet");
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
        if (source instanceof Source.From from && from.producer() != null) {
          dependencies.add(from.producer());
        }
      });
      if (!task.has("dependentTasks")) {
        dependencies.addAll(inherited); // a nested pipeline's first tasks wait for what the nested task waits for
      }
      checkBound(component, inputs, path);
      if (component.has("dag")) {
        int before = tasks.size();
        Map<String, Resolved> inner = flatten(component.path("dag"), path + "/", inputs, dependencies);
        Map<String, Source.From> outputs = new LinkedHashMap<>();
        component.path("dag").path("outputs").path("parameters").fields().forEachRemaining(entry ->
            outputs.put(entry.getKey(), dagOutput(inner, entry.getValue(), "output '" + entry.getKey() + "' of '" + path + "'")));
        Set<String> leaves = new LinkedHashSet<>();
        tasks.subList(before, tasks.size()).forEach(planned -> leaves.add(planned.path()));
        resolved.put(name, new Resolved(outputs, leaves));
      } else {
        resolved.put(name, leaf(task, component, componentKey, path, inputs, dependencies));
      }
    }
    return resolved;
  }

  private Resolved leaf(JsonNode task, JsonNode component, String componentKey, String path,
      Map<String, Source> inputs, Set<String> dependencies) {
    String label = component.path("executorLabel").asText("");
    JsonNode command = executors.path(label).path("container").path("command");
    if (!command.isArray() || command.isEmpty()) {
      throw bad("component '" + componentKey + "' (task '" + path + "') has no container command in deploymentSpec."
          + "executors." + label);
    }
    String entrypoint = command.get(command.size() - 1).asText();
    List<String> outputNames = new ArrayList<>();
    component.path("outputDefinitions").path("parameters").fieldNames().forEachRemaining(outputNames::add);
    if (component.path("outputDefinitions").has("artifacts")) {
      throw bad("component '" + componentKey + "' has artifact outputs, which the local runner does not run yet");
    }
    boolean cache = task.path("cachingOptions").path("enableCache").asBoolean(true);
    PlannedTask planned = new PlannedTask(path, componentKey.startsWith("comp-") ? componentKey.substring(5) : componentKey,
        entrypoint, inputs, outputNames, dependencies, cache, retry(task.path("retryPolicy")));
    tasks.add(planned);
    Map<String, Source.From> outputs = new LinkedHashMap<>();
    outputNames.forEach(output -> outputs.put(output, new Source.From(planned.valueName(output), path)));
    return new Resolved(outputs, Set.of(path));
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
    if (!from.isObject()) {
      throw bad(what + " is defined in a way the local runner does not run yet: " + spec);
    }
    return output(resolved, from.path("producerSubtask").asText(), from.path("outputParameterKey").asText(), what);
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
