package dev.kfp4j.runtime.entrypoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kfp4j.runtime.context.RunContext;
import dev.kfp4j.runtime.value.Codec;
import dev.kfp4j.runtime.value.JsonTree;
import dev.kfp4j.runtime.value.ValueException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    Object root;
    try {
      root = JsonTree.parse(executorInput);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
      return failures.report(ExitCode.BAD_CONTEXT, "executor input is not valid JSON" + where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      return failures.report(ExitCode.BAD_CONTEXT, "executor input cannot be read: " + e.getMessage());
    }
    if (!(root instanceof Map<?, ?>)) {
      return failures.report(ExitCode.BAD_CONTEXT, "executor input must be a JSON object");
    }
    Map<?, ?> parameterValues = path(root, "inputs", "parameterValues");
    // The same rule as for a context: a value named like a credential is refused, whichever protocol carries it.
    for (Object key : parameterValues.keySet()) {
      String name = (String) key;
      if (RunContext.looksLikeCredential(name)) {
        return failures.report(ExitCode.BAD_CONTEXT, "executor input parameter '" + name + "' looks like a credential; "
            + RunContext.CREDENTIAL_RULE);
      }
    }
    Map<?, ?> outputParameters = path(root, "outputs", "parameters");
    Map<String, Path> outputFiles = new TreeMap<>();
    Map<String, Map<?, ?>> outputArtifacts = new TreeMap<>();
    for (String output : component.outputs()) {
      if (component.isArtifact(output)) {
        Map<?, ?> artifact = firstArtifact(path(root, "outputs", "artifacts", output));
        if (!(artifact.get("uri") instanceof String)) {
          return failures.report(ExitCode.BAD_CONTEXT, "executor input has no outputs.artifacts['" + output
              + "'].artifacts[0].uri");
        }
        outputArtifacts.put(output, artifact);
        continue;
      }
      Object file = path(outputParameters, output).get("outputFile");
      if (!(file instanceof String name) || name.isEmpty()) {
        return failures.report(ExitCode.BAD_CONTEXT, "executor input has no outputs.parameters['" + output + "'].outputFile");
      }
      Path path;
      try {
        path = Path.of(name);
        AtomicFiles.checkTarget(path);
      } catch (IOException | java.nio.file.InvalidPathException e) {
        return failures.report(ExitCode.BAD_CONTEXT, "executor input outputs.parameters['" + output + "'].outputFile: "
            + e.getMessage());
      }
      outputFiles.put(output, path);
    }
    ExecutorIo io = new ExecutorIo(parameterValues, path(root, "inputs", "artifacts"));
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
        Map<String, Object> metadata = KfpArtifacts.place(outputArtifacts, io.artifacts, component, written);
        if (!metadata.isEmpty() && path(root, "outputs").get("outputFile") instanceof String outputFile) {
          Map<String, Object> executorOutput = Map.of("artifacts", metadata);
          AtomicFiles.write(Path.of(outputFile), JsonTree.write(executorOutput).getBytes(StandardCharsets.UTF_8));
          written.add(Path.of(outputFile));
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

  /** The object at {@code keys} under {@code node}; an empty one where there is none. */
  private static Map<?, ?> path(Object node, String... keys) {
    for (String key : keys) {
      node = node instanceof Map<?, ?> object ? object.get(key) : null;
    }
    return node instanceof Map<?, ?> object ? object : Map.of();
  }

  /** {@code artifacts[0]} of an artifact list entry ({@code {"artifacts":[{"uri":…}]}}); an empty map where there is none. */
  static Map<?, ?> firstArtifact(Map<?, ?> entry) {
    return entry.get("artifacts") instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first
        ? first : Map.of();
  }

  private static final class ExecutorIo implements ComponentIo {
    private final Map<?, ?> parameterValues;
    private final Map<?, ?> inputArtifacts;
    private final Map<String, Pending<?>> values = new TreeMap<>();
    final Map<String, KfpArtifacts.Returned> artifacts = new TreeMap<>();

    ExecutorIo(Map<?, ?> parameterValues, Map<?, ?> inputArtifacts) {
      this.parameterValues = parameterValues;
      this.inputArtifacts = inputArtifacts;
    }

    @Override
    public Path inputArtifact(String name) throws InputException {
      if (!(firstArtifact(path(inputArtifacts, name)).get("uri") instanceof String uri)) {
        throw new InputException("input artifact '" + name + "': executor input has no inputs.artifacts['" + name
            + "'].artifacts[0].uri", null);
      }
      Path local = KfpArtifacts.localPath(uri);
      if (!java.nio.file.Files.exists(local)) {
        throw new InputException("input artifact '" + name + "': " + local + " (the launcher's copy of "
            + uri + ") does not exist", null);
      }
      return local;
    }

    @Override
    public void outputArtifact(String name, Path path, String schemaTitle) {
      artifacts.put(name, new KfpArtifacts.Returned(path, schemaTitle));
    }

    @Override
    public <T> T input(String name, Codec<T> codec) throws InputException {
      Object value = parameterValues.get(name);
      if (value == null) {
        throw new InputException("input '" + name + "': executor input has no inputs.parameterValues['" + name + "']", null);
      }
      try {
        // KFP numbers arrive as JSON doubles (6 may be 6.0): decodeKfp takes integral ones as integers.
        return codec.decodeKfp(JsonTree.write(value));
      } catch (ValueException e) {
        throw new InputException("input '" + name + "' (executor input): " + e.getMessage(), e);
      }
    }

    @Override
    public <T> void output(String name, T value, Codec<T> codec) {
      values.put(name, new Pending<>(value, codec));
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
      byte[] json = pending.encode();
      if (json.length > 0 && json[0] == '"') {
        // A JSON string: its text, unescaped.
        return ((String) JsonTree.parse(new String(json, StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8);
      }
      return json;
    }
  }

  private record Pending<T>(T value, Codec<T> codec) {
    byte[] encode() throws ValueException {
      return codec.encode(value);
    }
  }
}
