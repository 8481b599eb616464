package dev.kfp4j.runtime.entrypoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kfp4j.runtime.value.ValueCodec;
import dev.kfp4j.runtime.value.ValueException;
import dev.kfp4j.runtime.value.ValueType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
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

  static int run(ComponentDescriptor component, String executorInput, ComponentBody body, PrintStream err, String prefix) {
    JsonNode root;
    try {
      root = ValueCodec.get().mapper().readTree(executorInput);
    } catch (JsonProcessingException e) {
      err.println(prefix + "executor input is not valid JSON: " + e.getOriginalMessage());
      return ExitCode.BAD_CONTEXT;
    }
    if (root == null || !root.isObject()) {
      err.println(prefix + "executor input must be a JSON object");
      return ExitCode.BAD_CONTEXT;
    }
    JsonNode parameterValues = root.path("inputs").path("parameterValues");
    JsonNode outputParameters = root.path("outputs").path("parameters");
    Map<String, Path> outputFiles = new TreeMap<>();
    for (String output : component.outputs()) {
      JsonNode file = outputParameters.path(output).path("outputFile");
      if (!file.isTextual() || file.asText().isEmpty()) {
        err.println(prefix + "executor input has no outputs.parameters['" + output + "'].outputFile");
        return ExitCode.BAD_CONTEXT;
      }
      outputFiles.put(output, Path.of(file.asText()));
    }
    ExecutorIo io = new ExecutorIo(parameterValues);
    try {
      body.call(io);
    } catch (InputException e) {
      err.println(prefix + e.getMessage());
      return ExitCode.BAD_INPUT;
    } catch (Exception e) {
      err.println(prefix + "failed in " + component.method() + ": " + ComponentMain.describe(e));
      return ExitCode.COMPONENT_FAILED;
    }
    List<Path> written = new ArrayList<>();
    try {
      for (Map.Entry<String, Path> output : outputFiles.entrySet()) {
        byte[] bytes = io.encoded(output.getKey());
        AtomicFiles.write(output.getValue(), bytes);
        written.add(output.getValue());
      }
    } catch (IOException e) {
      for (Path path : written) {
        try {
          Files.deleteIfExists(path);
        } catch (IOException cleanup) {
          e.addSuppressed(cleanup);
        }
      }
      err.println(prefix + "could not write outputs: " + e.getMessage());
      return ExitCode.OUTPUT_FAILED;
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
      node.forEach(child -> array.add(normalizeNumbers(child)));
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
    private final Map<String, byte[]> encoded = new TreeMap<>();
    private IOException encodingFailure;

    ExecutorIo(JsonNode parameterValues) {
      this.parameterValues = parameterValues;
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
      try {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ValueCodec.get().encode(value, type, bytes);
        JsonNode json = ValueCodec.get().mapper().readTree(bytes.toByteArray());
        // KFP reads a STRING output file as raw text: Strings and enums are written without JSON quotes.
        encoded.put(name, json.isTextual() ? json.asText().getBytes(StandardCharsets.UTF_8) : bytes.toByteArray());
      } catch (IOException e) {
        encodingFailure = e;
      }
    }

    byte[] encoded(String name) throws IOException {
      if (encodingFailure != null) {
        throw encodingFailure;
      }
      byte[] bytes = encoded.get(name);
      if (bytes == null) {
        throw new IOException("the component produced no value for output '" + name + "'");
      }
      return bytes;
    }
  }
}
