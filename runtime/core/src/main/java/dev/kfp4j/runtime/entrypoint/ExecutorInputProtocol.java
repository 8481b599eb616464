package dev.kfp4j.runtime.entrypoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kfp4j.runtime.context.RunContext;
import dev.kfp4j.runtime.value.ValueCodec;
import dev.kfp4j.runtime.value.ValueException;
import dev.kfp4j.runtime.value.ValueType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kubeflow Pipelines' executor protocol: the container gets {@code --executor_input '{{$}}'}, an
 * ExecutorInput JSON with {@code inputs.parameterValues} and, per output parameter, the
 * {@code outputFile} to write. A STRING output is written as its raw text, every other type as JSON,
 * which is what the KFP launcher reads back.
 */
final class ExecutorInputProtocol {

  private ExecutorInputProtocol() {}

  static int run(ComponentDescriptor component, String executorInput, ComponentBody body, ComponentMain.Failures failures) {
    JsonNode root;
    try {
      root = ValueCodec.get().mapper().readTree(executorInput);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
      return failures.report(ExitCode.BAD_CONTEXT, "executor input is not valid JSON" + where + ": " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      return failures.report(ExitCode.BAD_CONTEXT, "executor input must be a JSON object");
    }
    JsonNode parameterValues = root.path("inputs").path("parameterValues");
    // The same rule as for a context: a value named like a credential is refused, whichever protocol carries it.
    for (Iterator<String> names = parameterValues.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (RunContext.looksLikeCredential(name)) {
        return failures.report(ExitCode.BAD_CONTEXT, "executor input parameter '" + name + "' looks like a credential; "
            + RunContext.CREDENTIAL_RULE);
      }
    }
    JsonNode outputParameters = root.path("outputs").path("parameters");
    Map<String, Path> outputFiles = new TreeMap<>();
    Map<String, JsonNode> outputArtifacts = new TreeMap<>();
    for (String output : component.outputs()) {
      if (component.isArtifact(output)) {
        JsonNode artifact = root.path("outputs").path("artifacts").path(output).path("artifacts").path(0);
        if (!artifact.path("uri").isTextual()) {
          return failures.report(ExitCode.BAD_CONTEXT, "executor input has no outputs.artifacts['" + output
              + "'].artifacts[0].uri");
        }
        outputArtifacts.put(output, artifact);
        continue;
      }
      JsonNode file = outputParameters.path(output).path("outputFile");
      if (!file.isTextual() || file.asText().isEmpty()) {
        return failures.report(ExitCode.BAD_CONTEXT, "executor input has no outputs.parameters['" + output + "'].outputFile");
      }
      Path path;
      try {
        path = Path.of(file.asText());
        AtomicFiles.checkTarget(path);
      } catch (IOException | java.nio.file.InvalidPathException e) {
        return failures.report(ExitCode.BAD_CONTEXT, "executor input outputs.parameters['" + output + "'].outputFile: "
            + e.getMessage());
      }
      outputFiles.put(output, path);
    }
    ExecutorIo io = new ExecutorIo(parameterValues, root.path("inputs").path("artifacts"));
    try {
      body.call(io);
    } catch (InputException e) {
      return failures.report(ExitCode.BAD_INPUT, e.getMessage());
    } catch (Throwable e) {
      return failures.report(ExitCode.COMPONENT_FAILED, "failed in " + component.method() + ": "
          + ComponentMain.describe(e, component));
    }
    List<Path> written = new ArrayList<>();
    try {
      Map<String, byte[]> encoded = new TreeMap<>();
      for (String output : outputFiles.keySet()) {
        encoded.put(output, io.encoded(output, component));
      }
      for (Map.Entry<String, Path> output : outputFiles.entrySet()) {
        AtomicFiles.write(output.getValue(), encoded.get(output.getKey()));
        written.add(output.getValue());
      }
      if (!outputArtifacts.isEmpty()) {
        ObjectNode metadata = KfpArtifacts.place(outputArtifacts, io.artifacts, component, written);
        JsonNode outputFile = root.path("outputs").path("outputFile");
        if (metadata.size() > 0 && outputFile.isTextual()) {
          ObjectNode executorOutput = JsonNodeFactory.instance.objectNode();
          executorOutput.set("artifacts", metadata);
          AtomicFiles.write(Path.of(outputFile.asText()), ValueCodec.get().mapper().writeValueAsBytes(executorOutput));
          written.add(Path.of(outputFile.asText()));
        }
      }
    } catch (IOException e) {
      for (Path path : written) {
        try {
          Files.deleteIfExists(path);
        } catch (IOException cleanup) {
          e.addSuppressed(cleanup);
        }
      }
      return failures.report(ExitCode.OUTPUT_FAILED, "could not write outputs: " + e.getMessage());
    }
    return ExitCode.OK;
  }

  /** KFP numbers arrive as JSON doubles (6 may be 6.0); integral ones are made integers so int inputs accept them. */
  static JsonNode normalizeNumbers(JsonNode node) {
    if (node.isFloatingPointNumber() && node.isIntegralNumber() == false) {
      double value = node.asDouble();
      if (value == Math.rint(value) && Math.abs(value) < 9.007199254740992E15) {
        return JsonNodeFactory.instance.numberNode((long) value);
      }
      return node;
    }
    if (node.isArray()) {
      var array = JsonNodeFactory.instance.arrayNode();
      for (JsonNode child : node) {
        array.add(normalizeNumbers(child));
      }
      return array;
    }
    if (node.isObject()) {
      ObjectNode object = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        object.set(field.getKey(), normalizeNumbers(field.getValue()));
      }
      return object;
    }
    return node;
  }

  private static final class ExecutorIo implements ComponentIo {
    private final JsonNode parameterValues;
    private final JsonNode inputArtifacts;
    private final Map<String, Pending<?>> values = new TreeMap<>();
    final Map<String, KfpArtifacts.Returned> artifacts = new TreeMap<>();

    ExecutorIo(JsonNode parameterValues, JsonNode inputArtifacts) {
      this.parameterValues = parameterValues;
      this.inputArtifacts = inputArtifacts;
    }

    @Override
    public Path inputArtifact(String name) throws InputException {
      JsonNode uri = inputArtifacts.path(name).path("artifacts").path(0).path("uri");
      if (!uri.isTextual()) {
        throw new InputException("input artifact '" + name + "': executor input has no inputs.artifacts['" + name
            + "'].artifacts[0].uri", null);
      }
      Path local = KfpArtifacts.localPath(uri.asText());
      if (!java.nio.file.Files.exists(local)) {
        throw new InputException("input artifact '" + name + "': " + local + " (the launcher's copy of "
            + uri.asText() + ") does not exist", null);
      }
      return local;
    }

    @Override
    public void outputArtifact(String name, Path path, String schemaTitle) {
      artifacts.put(name, new KfpArtifacts.Returned(path, schemaTitle));
    }

    @Override
    public <T> T input(String name, ValueType<T> type) throws InputException {
      JsonNode value = parameterValues.get(name);
      if (value == null) {
        throw new InputException("input '" + name + "': executor input has no inputs.parameterValues['" + name + "']", null);
      }
      try {
        return ValueCodec.get().decode(normalizeNumbers(value), type);
      } catch (ValueException e) {
        throw new InputException("input '" + name + "' (executor input): " + e.getMessage(), e);
      }
    }

    @Override
    public <T> void output(String name, T value, ValueType<T> type) {
      values.put(name, new Pending<>(value, type));
    }

    /**
     * The bytes KFP's launcher reads back for a parameter: a value whose JSON is a string (a String,
     * an enum) as its raw text, since STRING parameters are read verbatim; anything else as JSON.
     */
    byte[] encoded(String name, ComponentDescriptor component) throws IOException {
      Pending<?> pending = values.get(name);
      if (pending == null) {
        throw new IOException("the component produced no value for output '" + name + "'");
      }
      if (pending.value() == null) {
        throw new IOException(component.method() + " returned null for output '" + name
            + "'; an output needs a value");
      }
      JsonNode json = pending.toTree();
      if (json.isTextual()) {
        return json.textValue().getBytes(StandardCharsets.UTF_8);
      }
      return ValueCodec.get().mapper().writeValueAsBytes(json);
    }
  }

  private record Pending<T>(T value, ValueType<T> type) {
    JsonNode toTree() throws ValueException {
      return ValueCodec.get().toTree(value, type);
    }
  }
}
