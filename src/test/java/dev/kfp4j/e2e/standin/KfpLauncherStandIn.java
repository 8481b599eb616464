package dev.kfp4j.e2e.standin;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TEST STAND-IN for Kubeflow Pipelines' driver and launcher — NOT KFP. There is no KFP backend here, so this
 * plays the part of the v2 driver and launcher for a compiled IR ({@code PipelineSpec}): for each task of the
 * root DAG in {@code dependentTasks} order (sub-DAG components recursively) it resolves the task's input
 * parameters ({@code componentInputParameter}, {@code taskOutputParameter}, {@code runtimeValue.constant}) as
 * protobuf {@code Value}s, builds the ExecutorInput ({@code inputs.parameterValues}, an
 * {@code outputs.parameters.<name>.outputFile} per output, {@code outputs.outputFile}), runs the executor's
 * container {@code command} + {@code args} with {@code {{$}}} replaced by that JSON (launcher_v2.go,
 * compileCmdAndArgs), and reads each output back from its file per its parameterType as the launcher does
 * (metadata/converter.go, TextToPbValue: STRING verbatim, NUMBER_INTEGER/NUMBER_DOUBLE/BOOLEAN parsed after
 * trimming, LIST/STRUCT as JSON), unless the executor wrote them to {@code outputs.outputFile}.
 *
 * <p>Numbers in a protobuf Value are doubles. The real launcher marshals the ExecutorInput with Go's protojson
 * (whole numbers without a fraction, {@link NumberStyle#PROTOJSON}); the Python SDK's json_format writes
 * {@code 6.0} ({@link NumberStyle#PYTHON_JSON_FORMAT}). Both can be chosen.
 *
 * <p>Artifacts get {@code file:} URIs (a real launcher's are {@code minio://…}, copied to {@code /minio/…}).
 * What it does not do: caching, ML Metadata, conditions, parallel iterations (loops run one item after the other),
 * exit handlers, pod specs,
 * KFP's own translation of the IR into an Argo workflow, or any API server. It refuses IR features it does
 * not implement. Added check (the stand-in's, not KFP's): each value's JSON kind matches the declared type.
 */
public final class KfpLauncherStandIn {

  /** How numbers are written into the ExecutorInput JSON. */
  public enum NumberStyle {
    /** Go's protojson, as KFP's launcher writes it: {@code 6}, {@code 2.5}. */
    PROTOJSON,
    /** Python's json_format, as the KFP SDK writes it: {@code 6.0}, {@code 2.5}. */
    PYTHON_JSON_FORMAT
  }

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> TASK_FIELDS = Set.of("componentRef", "inputs", "dependentTasks", "taskInfo",
      "cachingOptions", "retryPolicy", "parameterIterator", "iteratorPolicy", "triggerPolicy");

  private final LocalPods pods;
  private final Path work;
  private final NumberStyle style;
  private final Map<String, String> logs = new LinkedHashMap<>();
  private final Map<String, String> executorInputs = new LinkedHashMap<>();
  private final Set<String> skipped = new java.util.TreeSet<>();
  private JsonNode spec;

  /** A launcher running executors through {@code pods}, with files under {@code work}. */
  public KfpLauncherStandIn(LocalPods pods, Path work, NumberStyle style) {
    this.pods = pods;
    this.work = work;
    this.style = style;
  }

  /** Each executor's log by task path ({@code inner/report}). */
  public Map<String, String> logs() {
    return logs;
  }

  /** The ExecutorInput JSON each executor got, by task path. */
  public Map<String, String> executorInputs() {
    return executorInputs;
  }

  /** Runs the pipeline with the run's parameter values (as a RuntimeConfig holds them); returns the root outputs. */
  public Map<String, JsonNode> run(JsonNode pipelineSpec, Map<String, JsonNode> parameters)
      throws IOException, InterruptedException {
    if (!pipelineSpec.path("schemaVersion").asText().equals("2.1.0")) {
      throw new IllegalStateException("the stand-in reads PipelineSpec schemaVersion 2.1.0, not "
          + pipelineSpec.path("schemaVersion"));
    }
    spec = pipelineSpec;
    Map<String, JsonNode> values = new LinkedHashMap<>();
    parameters.forEach((name, value) -> values.put(name, protobufValue(value)));
    return dag(pipelineSpec.path("root"), values, "");
  }

  private Map<String, JsonNode> dag(JsonNode component, Map<String, JsonNode> inputs, String prefix)
      throws IOException, InterruptedException {
    checkInputs(prefix.isEmpty() ? "root" : prefix, component, inputs);
    Map<String, Map<String, JsonNode>> produced = new LinkedHashMap<>();
    Set<String> failed = new java.util.HashSet<>();
    TaskFailedException firstFailure = null;
    for (Map.Entry<String, JsonNode> entry : TopologicalTasks.orderKfp(component.path("dag").path("tasks"))) {
      String name = entry.getKey();
      JsonNode task = entry.getValue();
      String strategy = task.path("triggerPolicy").path("strategy").asText("ALL_UPSTREAM_TASKS_SUCCEEDED");
      boolean afterAll = strategy.equals("ALL_UPSTREAM_TASKS_COMPLETED");
      if (!afterAll && !strategy.equals("ALL_UPSTREAM_TASKS_SUCCEEDED")) {
        throw new IllegalStateException("task " + prefix + name + " uses triggerPolicy.strategy " + strategy
            + ", not implemented here");
      }
      boolean upstreamFailed = false;
      for (JsonNode dependency : task.path("dependentTasks")) {
        upstreamFailed |= failed.contains(dependency.asText());
      }
      if (upstreamFailed && !afterAll) {
        failed.add(name); // the driver does not start it: an upstream task failed
        continue;
      }
      try {
        task.fieldNames().forEachRemaining(field -> {
          if (!TASK_FIELDS.contains(field)) {
            throw new IllegalStateException("task " + prefix + name + " uses '" + field + "', not implemented here");
          }
        });
        Map<String, JsonNode> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> input : task.path("inputs").path("parameters").properties()) {
          resolved.put(input.getKey(), resolve(prefix + name, input.getKey(), input.getValue(), inputs, produced));
        }
        for (Map.Entry<String, JsonNode> input : task.path("inputs").path("artifacts").properties()) {
          resolved.put(input.getKey(), resolveArtifact(prefix + name, input.getKey(), input.getValue(), inputs, produced));
        }
        JsonNode child = spec.path("components").path(task.path("componentRef").path("name").asText());
        if (child.isMissingNode()) {
          throw new IllegalStateException("task " + prefix + name + " refers to a component that does not exist");
        }
        String condition = task.path("triggerPolicy").path("condition").asText("");
        if (!condition.isEmpty() && !holds(prefix + name, condition, child, resolved)) {
          skipped.add(prefix + name); // KFP's driver: the condition is false, the task is skipped and has no outputs
          produced.put(name, Map.of());
          continue;
        }
        if (task.has("parameterIterator")) {
          produced.put(name, iterate(prefix + name, task.get("parameterIterator"), child, resolved));
        } else if (child.has("dag")) {
          produced.put(name, dag(child, resolved, prefix + name + "/"));
        } else {
          int attempts = 1 + task.path("retryPolicy").path("maxRetryCount").asInt(0);
          produced.put(name, executor(prefix + name, child, resolved, attempts));
        }
      } catch (TaskFailedException e) {
        failed.add(name); // an exit task (ALL_UPSTREAM_TASKS_COMPLETED) that depends on it still runs
        firstFailure = firstFailure == null ? e : firstFailure;
      }
    }
    if (firstFailure != null) {
      throw firstFailure;
    }
    Map<String, JsonNode> outputs = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> output : component.path("dag").path("outputs").path("parameters").properties()) {
      if (output.getValue().has("valueFromOneof")) {
        // The first selector whose producer ran and produced the key, as KFP's resolver picks a one-of value.
        JsonNode chosen = null;
        for (JsonNode selector : output.getValue().path("valueFromOneof").path("parameterSelectors")) {
          chosen = chosen != null ? chosen : produced.getOrDefault(selector.path("producerSubtask").asText(), Map.of())
              .get(selector.path("outputParameterKey").asText());
        }
        if (chosen == null) {
          throw new IllegalStateException("one-of output " + prefix + output.getKey() + ": no branch produced a value");
        }
        outputs.put(output.getKey(), chosen);
        continue;
      }
      JsonNode from = output.getValue().path("valueFromParameter");
      JsonNode value = produced.getOrDefault(from.path("producerSubtask").asText(), Map.of())
          .get(from.path("outputParameterKey").asText());
      if (value == null) {
        throw new IllegalStateException("DAG output " + prefix + output.getKey() + " has no producer value: " + from);
      }
      outputs.put(output.getKey(), value);
    }
    for (Map.Entry<String, JsonNode> output : component.path("dag").path("outputs").path("artifacts").properties()) {
      JsonNode selector = output.getValue().path("artifactSelectors").path(0);
      JsonNode value = produced.getOrDefault(selector.path("producerSubtask").asText(), Map.of())
          .get(selector.path("outputArtifactKey").asText());
      if (value == null) {
        throw new IllegalStateException("DAG output artifact " + prefix + output.getKey() + " has no producer: " + selector);
      }
      outputs.put(output.getKey(), value);
    }
    return outputs;
  }

  /**
   * A trigger condition, as KFP's driver evaluates it: compiled and run with CEL over the task's input parameter
   * values (numbers as doubles, as protobuf Values hold them). CEL for Java dispatches {@code int(…)} and
   * comparisons of values declared {@code dyn} to one overload only, so each {@code inputs.parameter_values['x']}
   * is declared here as a variable of the type the task's component gives input {@code x}.
   */
  private static boolean holds(String task, String condition, JsonNode component, Map<String, JsonNode> inputs) {
    Matcher reference = INPUT_REFERENCE.matcher(condition);
    StringBuilder rewritten = new StringBuilder();
    var compiler = CelCompilerFactory.standardCelCompilerBuilder().setResultType(SimpleType.BOOL);
    Map<String, Object> values = new LinkedHashMap<>();
    while (reference.find()) {
      String input = reference.group(1);
      String variable = "input_" + values.size();
      if (!inputs.containsKey(input)) {
        throw new IllegalStateException("task " + task + ": condition " + condition + " reads '" + input
            + "', which is not an input of the task");
      }
      String type = component.path("inputDefinitions").path("parameters").path(input).path("parameterType").asText();
      compiler.addVar(variable, switch (type) {
        case "NUMBER_INTEGER", "NUMBER_DOUBLE" -> SimpleType.DOUBLE;
        case "BOOLEAN" -> SimpleType.BOOL;
        case "STRING" -> SimpleType.STRING;
        default -> MapType.create(SimpleType.STRING, SimpleType.DYN);
      });
      values.put(variable, celValue(inputs.get(input)));
      reference.appendReplacement(rewritten, variable);
    }
    reference.appendTail(rewritten);
    try {
      CelAbstractSyntaxTree ast = compiler.build().compile(rewritten.toString()).getAst();
      Object result = CEL_RUNTIME.createProgram(ast).eval(values);
      if (!(result instanceof Boolean holds)) {
        throw new IllegalStateException("task " + task + ": condition " + condition + " gave " + result);
      }
      return holds;
    } catch (CelValidationException | CelEvaluationException e) {
      throw new IllegalStateException("task " + task + ": condition " + condition + ": " + e.getMessage(), e);
    }
  }

  private static final Pattern INPUT_REFERENCE = Pattern.compile("inputs\\.parameter_values\\['([^']+)'\\]");

  private static Object celValue(JsonNode value) {
    if (value.isNumber()) {
      return value.doubleValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      value.properties().forEach(e -> map.put(e.getKey(), celValue(e.getValue())));
      return map;
    }
    if (value.isArray()) {
      List<Object> list = new java.util.ArrayList<>();
      value.forEach(item -> list.add(celValue(item)));
      return list;
    }
    return value.asText();
  }

  private static final CelRuntime CEL_RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  /** A task's executor failed (its retries used up); the run fails, after the exit tasks that wait for it ran. */
  public static final class TaskFailedException extends IllegalStateException {
    TaskFailedException(String message) {
      super(message);
    }
  }

  /** The tasks whose trigger condition was false, by path. */
  public Set<String> skipped() {
    return skipped;
  }

  /**
   * An input artifact: the enclosing DAG's, or a task's output artifact, as the {@code RuntimeArtifact} KFP's
   * driver puts in the ExecutorInput ({@code name}, {@code type.schemaTitle}, {@code uri}, {@code metadata}).
   */
  private static JsonNode resolveArtifact(String task, String input, JsonNode spec, Map<String, JsonNode> inputs,
      Map<String, Map<String, JsonNode>> produced) {
    JsonNode value;
    if (spec.has("componentInputArtifact")) {
      value = inputs.get(spec.get("componentInputArtifact").asText());
    } else if (spec.has("taskOutputArtifact")) {
      JsonNode from = spec.get("taskOutputArtifact");
      value = produced.getOrDefault(from.path("producerTask").asText(), Map.of())
          .get(from.path("outputArtifactKey").asText());
    } else {
      throw new IllegalStateException("task " + task + " artifact " + input + ": " + spec + " is not implemented here");
    }
    if (value == null || !value.has("uri")) {
      throw new IllegalStateException("task " + task + " artifact " + input + " does not resolve: " + spec);
    }
    return value;
  }

  /**
   * A ParallelFor (the driver's iterator): the body DAG once per item, sequentially, each with the item under
   * {@code itemInput}; each DAG output is collected into a list, in item order (KFP's Collected).
   */
  private Map<String, JsonNode> iterate(String task, JsonNode iterator, JsonNode component, Map<String, JsonNode> inputs)
      throws IOException, InterruptedException {
    JsonNode items = iterator.path("items").has("raw")
        ? protobufValue(JSON.readTree(iterator.path("items").path("raw").asText()))
        : inputs.get(iterator.path("items").path("inputParameter").asText());
    if (items == null || !items.isArray()) {
      throw new IllegalStateException("task " + task + ": the items are not a list: " + items);
    }
    Map<String, JsonNode> collected = new LinkedHashMap<>();
    component.path("dag").path("outputs").path("parameters").fieldNames()
        .forEachRemaining(output -> collected.put(output, NODES.arrayNode()));
    for (int i = 0; i < items.size(); i++) {
      Map<String, JsonNode> scope = new LinkedHashMap<>(inputs);
      scope.put(iterator.path("itemInput").asText(), items.get(i));
      Map<String, JsonNode> outputs = dag(component, scope, task + "/" + i + "/");
      for (Map.Entry<String, JsonNode> output : collected.entrySet()) {
        ((com.fasterxml.jackson.databind.node.ArrayNode) output.getValue()).add(outputs.get(output.getKey()));
      }
    }
    return collected;
  }

  private JsonNode resolve(String task, String input, JsonNode spec, Map<String, JsonNode> inputs,
      Map<String, Map<String, JsonNode>> produced) {
    JsonNode value;
    if (spec.has("componentInputParameter")) {
      value = inputs.get(spec.get("componentInputParameter").asText());
    } else if (spec.has("taskOutputParameter")) {
      JsonNode from = spec.get("taskOutputParameter");
      value = produced.getOrDefault(from.path("producerTask").asText(), Map.of())
          .get(from.path("outputParameterKey").asText());
    } else if (spec.path("runtimeValue").has("constant")) {
      value = protobufValue(spec.path("runtimeValue").get("constant"));
    } else {
      throw new IllegalStateException("task " + task + " input " + input + ": " + spec + " is not implemented here");
    }
    if (value == null) {
      throw new IllegalStateException("task " + task + " input " + input + " does not resolve: " + spec);
    }
    if (spec.has("parameterExpressionSelector")) {
      // The driver's CEL over the value: only the parseJson(string_value)["a"]["b"] form is implemented here.
      java.util.regex.Matcher fields = java.util.regex.Pattern.compile("\\[\"([^\"]+)\"\\]")
          .matcher(spec.get("parameterExpressionSelector").asText().replaceFirst("^parseJson\\(string_value\\)", ""));
      while (fields.find()) {
        value = value.path(fields.group(1));
      }
      if (value.isMissingNode()) {
        throw new IllegalStateException("task " + task + " input " + input + ": the selector selects nothing: " + spec);
      }
    }
    return value;
  }

  private Map<String, JsonNode> executor(String task, JsonNode component, Map<String, JsonNode> inputs, int attempts)
      throws IOException, InterruptedException {
    checkInputs(task, component, inputs);
    JsonNode container = spec.path("deploymentSpec").path("executors")
        .path(component.path("executorLabel").asText()).path("container");
    if (!container.isObject()) {
      throw new IllegalStateException("task " + task + ": only container executors are implemented here");
    }
    JsonNode outputTypes = component.path("outputDefinitions").path("parameters");
    for (int attempt = 0; ; attempt++) {
      Path dir = work.resolve(task.replace('/', '_') + "-" + attempt);
      ObjectNode executorInput = NODES.objectNode();
      ObjectNode inputNode = executorInput.putObject("inputs");
      ObjectNode parameterValues = inputNode.putObject("parameterValues");
      JsonNode artifactTypes = component.path("inputDefinitions").path("artifacts");
      inputs.forEach((name, value) -> {
        if (artifactTypes.has(name)) {
          inputNode.withObjectProperty("artifacts").putObject(name).putArray("artifacts").add(value);
        } else {
          parameterValues.set(name, render(value));
        }
      });
      ObjectNode outputs = executorInput.putObject("outputs");
      // The launcher gives each output artifact a URI and uploads what the executor leaves at its local path;
      // here the URI is a file: URI, whose local path is itself, so nothing needs uploading.
      Map<String, ObjectNode> artifacts = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> output : component.path("outputDefinitions").path("artifacts").properties()) {
        ObjectNode artifact = NODES.objectNode();
        artifact.put("name", task + "." + output.getKey());
        artifact.putObject("type").put("schemaTitle", output.getValue().path("artifactType").path("schemaTitle").asText());
        artifact.put("uri", dir.resolve("artifacts").resolve(output.getKey()).toUri().toString());
        artifact.putObject("metadata");
        artifacts.put(output.getKey(), artifact);
        outputs.withObjectProperty("artifacts").putObject(output.getKey()).putArray("artifacts").add(artifact);
      }
      Map<String, Path> files = new LinkedHashMap<>();
      for (String name : (Iterable<String>) outputTypes::fieldNames) {
        Path file = dir.resolve("tmp/kfp/outputs").resolve(name);
        files.put(name, file);
        outputs.withObjectProperty("parameters").putObject(name).put("outputFile", file.toString());
      }
      Path metadata = dir.resolve("tmp/kfp_outputs/output_metadata.json");
      outputs.put("outputFile", metadata.toString());
      String json = JSON.writeValueAsString(executorInput);
      executorInputs.put(task, json);
      Map<String, String> texts = new LinkedHashMap<>();
      JsonNode inputTypes = component.path("inputDefinitions").path("parameters");
      for (Map.Entry<String, JsonNode> input : inputs.entrySet()) {
        texts.put(input.getKey(), parameterText(input.getValue(), inputTypes.path(input.getKey()).path("parameterType").asText()));
      }
      for (Path file : files.values()) {
        Files.createDirectories(file.getParent()); // the launcher prepares the output folders
      }
      // A container component's artifact placeholders: the input's and output's local path, URI and metadata.
      Map<String, String> artifactTexts = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> input : inputs.entrySet()) {
        if (artifactTypes.has(input.getKey())) {
          artifactPlaceholders(artifactTexts, "inputs", input.getKey(), input.getValue());
        }
      }
      for (Map.Entry<String, ObjectNode> artifact : artifacts.entrySet()) {
        artifactPlaceholders(artifactTexts, "outputs", artifact.getKey(), artifact.getValue());
        Files.createDirectories(Path.of(java.net.URI.create(artifact.getValue().path("uri").asText())).getParent());
      }
      List<String> command = placeholders(task, container.path("command"), json, texts, files, artifactTexts);
      LocalPods.Result result = pods.run(command,
          placeholders(task, container.path("args"), json, texts, files, artifactTexts), Map.of(), Map.of(), dir);
      logs.put(task, result.log());
      if (result.exitCode() != 0) {
        if (attempt + 1 < attempts) {
          continue;
        }
        throw new TaskFailedException("task " + task + " failed with exit code " + result.exitCode() + ":\n"
            + result.log());
      }
      JsonNode written = Files.isRegularFile(metadata) ? JSON.readTree(metadata.toFile()).path("parameterValues")
          : NODES.objectNode();
      Map<String, JsonNode> values = new LinkedHashMap<>();
      JsonNode artifactMetadata = Files.isRegularFile(metadata) ? JSON.readTree(metadata.toFile()).path("artifacts")
          : NODES.objectNode();
      for (Map.Entry<String, ObjectNode> artifact : artifacts.entrySet()) {
        Path local = Path.of(java.net.URI.create(artifact.getValue().path("uri").asText()));
        if (!Files.exists(local)) {
          throw new IllegalStateException("task " + task + " left nothing at " + local + " for output artifact "
              + artifact.getKey());
        }
        JsonNode recorded = artifactMetadata.path(artifact.getKey()).path("artifacts").path(0).path("metadata");
        if (recorded.isObject()) {
          artifact.getValue().set("metadata", recorded);
        }
        values.put(artifact.getKey(), artifact.getValue());
      }
      for (Map.Entry<String, Path> output : files.entrySet()) {
        String type = outputTypes.path(output.getKey()).path("parameterType").asText();
        JsonNode value = written.has(output.getKey()) ? protobufValue(written.get(output.getKey()))
            : textToValue(task, output.getKey(), Files.readString(output.getValue(), StandardCharsets.UTF_8), type);
        values.put(output.getKey(), checked(task + " output " + output.getKey(), value, type));
      }
      return values;
    }
  }

  /** The declared inputs are all there (or have defaults), each of its declared kind, and nothing else. */
  private static void checkInputs(String task, JsonNode component, Map<String, JsonNode> inputs) {
    JsonNode declared = component.path("inputDefinitions").path("parameters");
    JsonNode artifacts = component.path("inputDefinitions").path("artifacts");
    for (String name : inputs.keySet()) {
      if (!declared.has(name) && !artifacts.has(name)) {
        throw new IllegalStateException(task + ": input '" + name + "' is not declared");
      }
    }
    for (Map.Entry<String, JsonNode> definition : declared.properties()) {
      JsonNode value = inputs.get(definition.getKey());
      if (value == null && definition.getValue().has("defaultValue")) {
        inputs.put(definition.getKey(), protobufValue(definition.getValue().get("defaultValue")));
      } else if (value == null && !definition.getValue().path("isOptional").asBoolean(false)) {
        throw new IllegalStateException(task + ": input '" + definition.getKey() + "' has no value");
      } else if (value != null) {
        checked(task + " input " + definition.getKey(), value, definition.getValue().path("parameterType").asText());
      }
    }
  }

  private static JsonNode checked(String what, JsonNode value, String type) {
    boolean ok = switch (type) {
      case "STRING" -> value.isTextual();
      case "NUMBER_INTEGER", "NUMBER_DOUBLE" -> value.isNumber();
      case "BOOLEAN" -> value.isBoolean();
      case "LIST" -> value.isArray();
      case "STRUCT" -> value.isObject();
      default -> throw new IllegalStateException(what + ": parameter type " + type + " is not implemented here");
    };
    if (!ok) {
      throw new IllegalStateException(what + " is declared " + type + " but is " + value);
    }
    return value;
  }

  /** launcher_v2.go: every {@code {{$}}} in command and args becomes the ExecutorInput JSON. */
  /**
   * {@code {{$}}}, and the parameter placeholders of a container component: {@code {{$.inputs.parameters['x']}}}
   * (the value as text) and {@code {{$.outputs.parameters['y'].output_file}}} (the output's file).
   */
  private static List<String> placeholders(String task, JsonNode array, String executorInput, Map<String, String> inputs,
      Map<String, Path> outputFiles, Map<String, String> artifacts) {
    List<String> strings = new ArrayList<>();
    for (JsonNode item : array) {
      String original = item.asText();
      for (Map.Entry<String, String> artifact : artifacts.entrySet()) {
        original = original.replace(artifact.getKey(), artifact.getValue());
      }
      for (Map.Entry<String, String> input : inputs.entrySet()) {
        original = original.replace("{{$.inputs.parameters['" + input.getKey() + "']}}", input.getValue());
      }
      for (Map.Entry<String, Path> output : outputFiles.entrySet()) {
        original = original.replace("{{$.outputs.parameters['" + output.getKey() + "'].output_file}}",
            output.getValue().toString());
      }
      String text = original.replace("{{$}}", executorInput);
      if (original.replace("{{$}}", "").contains("{{$")) {
        throw new IllegalStateException("task " + task + ": placeholder in '" + item.asText() + "' is not implemented here");
      }
      strings.add(text);
    }
    return strings;
  }

  /**
   * {@code {{$.inputs.artifacts['x'].path}}} and its {@code uri} and {@code metadata} (and the same of outputs), as
   * the launcher fills them for a RuntimeArtifact: here its URI is a {@code file:} URI, whose path is the local path.
   */
  private static void artifactPlaceholders(Map<String, String> texts, String kind, String name, JsonNode artifact)
      throws IOException {
    String prefix = "{{$." + kind + ".artifacts['" + name + "'].";
    String uri = artifact.path("uri").asText();
    texts.put(prefix + "path}}", Path.of(java.net.URI.create(uri)).toString());
    texts.put(prefix + "uri}}", uri);
    texts.put(prefix + "metadata}}", JSON.writeValueAsString(artifact.path("metadata")));
  }

  /** A parameter's value as a placeholder gives it: a string as is, a whole number without a fraction, else JSON. */
  private static String parameterText(JsonNode value, String type) throws IOException {
    return switch (type) {
      case "STRING" -> value.asText();
      case "NUMBER_INTEGER" -> String.valueOf(value.longValue());
      case "NUMBER_DOUBLE", "BOOLEAN" -> value.asText();
      default -> JSON.writeValueAsString(value);
    };
  }

  /** metadata/converter.go TextToPbValue. */
  private static JsonNode textToValue(String task, String name, String text, String type) {
    String trimmed = text.strip();
    try {
      return switch (type) {
        case "STRING" -> NODES.textNode(text);
        case "NUMBER_INTEGER" -> NODES.numberNode((double) Long.parseLong(trimmed));
        case "NUMBER_DOUBLE" -> NODES.numberNode(Double.parseDouble(trimmed));
        case "BOOLEAN" -> switch (trimmed) {
          case "1", "t", "T", "true", "TRUE", "True" -> NODES.booleanNode(true);
          case "0", "f", "F", "false", "FALSE", "False" -> NODES.booleanNode(false);
          default -> throw new NumberFormatException("not a Go bool");
        };
        case "LIST", "STRUCT" -> protobufValue(JSON.readTree(text));
        default -> throw new IllegalStateException("parameter type " + type + " is not implemented here");
      };
    } catch (NumberFormatException | JsonProcessingException e) {
      throw new IllegalStateException("failed to read output parameter name=\"" + name + "\" type=\"" + type
          + "\" of task " + task + ": TextToPbValue(text=\"" + text + "\") failed: " + e.getMessage(), e);
    }
  }

  /** A JSON value as a protobuf Value holds it: every number a double. */
  static JsonNode protobufValue(JsonNode json) {
    if (json.isNumber()) {
      return NODES.numberNode(json.doubleValue());
    }
    if (json.isArray()) {
      var array = NODES.arrayNode();
      json.forEach(item -> array.add(protobufValue(item)));
      return array;
    }
    if (json.isObject()) {
      ObjectNode object = NODES.objectNode();
      json.properties().forEach(e -> object.set(e.getKey(), protobufValue(e.getValue())));
      return object;
    }
    return json;
  }

  /** A Value as the chosen marshaller writes it. */
  private JsonNode render(JsonNode value) {
    if (value.isNumber() && style == NumberStyle.PROTOJSON) {
      double d = value.doubleValue();
      return d == Math.rint(d) && Math.abs(d) < 1e21 ? NODES.numberNode(java.math.BigDecimal.valueOf(d)
          .toBigInteger()) : value;
    }
    if (value.isArray()) {
      var array = NODES.arrayNode();
      value.forEach(item -> array.add(render(item)));
      return array;
    }
    if (value.isObject()) {
      ObjectNode object = NODES.objectNode();
      value.properties().forEach(e -> object.set(e.getKey(), render(e.getValue())));
      return object;
    }
    return value;
  }
}
