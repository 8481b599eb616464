package dev.kfp4j.runtime.container;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kfp4j.runtime.artifact.ArtifactException;
import dev.kfp4j.runtime.artifact.ArtifactManifest;
import dev.kfp4j.runtime.artifact.Artifacts;
import dev.kfp4j.runtime.context.ContextException;
import dev.kfp4j.runtime.context.RunContext;
import dev.kfp4j.runtime.entrypoint.LoopMain;
import dev.kfp4j.runtime.entrypoint.Metrics;
import dev.kfp4j.runtime.storage.Addresses;
import dev.kfp4j.runtime.storage.ObjectWriter;
import dev.kfp4j.runtime.storage.Storage;
import dev.kfp4j.runtime.value.JsonTree;
import dev.kfp4j.runtime.value.ParameterValues;
import dev.kfp4j.runtime.value.ValueCodec;
import dev.kfp4j.wire.ParameterKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Moves a plain container step's values between the run's storage and the step's command line and
 * files, with the text forms KFP's launcher uses: a STRING as is, every other kind as JSON
 * ({@code 6}, {@code 2.5}, {@code true}, {@code [1,2]}, {@code {"a":1}}). Artifacts (files and folders)
 * are downloaded to a local path before the program runs and uploaded from the path it wrote after,
 * stored as a Java component's are ({@code <root>/<task>/<name>} with its manifest).
 *
 * <p>Values are read and written with jackson-core alone ({@link JsonTree}): {@link ContainerValuesMain} runs around
 * every container step. The methods that take or return a jackson-databind {@code JsonNode} are for the tools (the
 * local runner), which have it anyway.
 */
public final class ContainerValues {

  private ContainerValues() {}

  /** A value that cannot be moved: names the value and says why. */
  public static final class ValueException extends Exception {
    public ValueException(String message) {
      super(message);
    }
  }

  /** The contexts of {@code --contexts} (a JSON array, nested arrays flattened), merged. */
  public static RunContext contexts(String json) throws ContextException {
    return LoopMain.contexts(json);
  }

  /**
   * Each input's value as text, by input name, from the bindings of {@code --inputs}
   * ({@code {"NAME":{"from":"VALUE_NAME"}|{"value":JSON}}}).
   */
  public static Map<String, String> inputTexts(RunContext context, String inputsJson, Storage storage)
      throws ValueException, IOException {
    return inputTexts(context, inputsJson, storage, name -> true);
  }

  /** {@link #inputTexts(RunContext, String, Storage)} of the inputs {@code wanted} (not an artifact's, say). */
  public static Map<String, String> inputTexts(RunContext context, String inputsJson, Storage storage,
      java.util.function.Predicate<String> wanted) throws ValueException, IOException {
    Map<?, ?> bindings = bindings(inputsJson);
    Map<String, String> texts = new LinkedHashMap<>();
    for (Map.Entry<?, ?> binding : bindings.entrySet()) {
      String input = (String) binding.getKey();
      if (!wanted.test(input)) {
        continue;
      }
      Map<?, ?> spec = binding.getValue() instanceof Map<?, ?> object ? object : Map.of();
      if (spec.containsKey("value")) {
        texts.put(input, text(spec.get("value")));
      } else if (spec.get("from") instanceof String name) {
        Optional<URI> address = context.address(name);
        if (address.isEmpty()) {
          throw new ValueException("input '" + input + "': the context has no value '" + name + "'");
        }
        Object value;
        try (InputStream in = storage.read(address.get())) {
          value = JsonTree.parse(in);
        } catch (JsonProcessingException e) {
          throw new ValueException("input '" + input + "' at " + Addresses.redact(address.get()) + " is not JSON"
              + JsonTree.problem(e));
        }
        if (value == null) {
          throw new ValueException("input '" + input + "' at " + Addresses.redact(address.get()) + " is empty, not a"
              + " JSON value");
        }
        texts.put(input, text(value));
      } else {
        throw new ValueException("--inputs: binding of '" + input + "' must be {\"from\":…} or {\"value\":…}");
      }
    }
    return texts;
  }

  private static Map<?, ?> bindings(String inputsJson) throws ValueException {
    Object bindings;
    try {
      bindings = JsonTree.parse(inputsJson);
    } catch (JsonProcessingException e) {
      throw new ValueException("--inputs is not valid JSON" + JsonTree.problem(e));
    } catch (IOException e) {
      throw new ValueException("--inputs cannot be read: " + e.getMessage());
    }
    if (!(bindings instanceof Map<?, ?> object)) {
      throw new ValueException("--inputs must be a JSON object of NAME → {\"from\":…} or {\"value\":…}");
    }
    return object;
  }

  /**
   * Downloads input artifact {@code name} (its binding in {@code inputsJson} names a value of the context) to
   * {@code target}, which must not exist yet (the file or folder itself, whatever name it was stored under),
   * checking every file's size and digest. Returns the artifact's metadata as a JSON object ({@code {}} if none).
   */
  public static String inputArtifact(RunContext context, String inputsJson, String name, Storage storage,
      Path target) throws ValueException, IOException {
    Map<?, ?> binding = bindings(inputsJson).get(name) instanceof Map<?, ?> object ? object : Map.of();
    if (!(binding.get("from") instanceof String valueName)) {
      throw new ValueException("input artifact '" + name + "' must come from a task's output or a pipeline parameter"
          + (binding.containsKey("value") ? ", not a constant" : "; --inputs has no binding for it"));
    }
    Optional<URI> address = context.address(valueName);
    if (address.isEmpty()) {
      throw new ValueException("input artifact '" + name + "': the context has no value '" + valueName + "'");
    }
    try {
      ArtifactManifest manifest = Artifacts.manifest(storage, address.get());
      Artifacts.download(storage, address.get(), manifest, target);
      return metadataJson(manifest.metadata());
    } catch (ArtifactException e) {
      throw new ValueException("input artifact '" + name + "' at " + Addresses.redact(address.get()) + ": "
          + e.getMessage());
    }
  }

  /**
   * Uploads the file or folder the program wrote at {@code local} as output artifact {@code name} of {@code task}
   * ({@code <root>/<task>/<name>}, typed by {@code schemaTitle}; a {@code system.Metrics} file's numbers become its
   * metadata) and returns the context with its address added as {@code <task>.<name>}.
   */
  public static RunContext storeArtifact(RunContext context, String task, String name, Path local, String schemaTitle,
      Storage storage) throws ValueException, IOException, ContextException {
    if (!Files.exists(local, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new ValueException("the program wrote nothing at the path of output artifact '" + name + "'; write a file"
          + " or a folder there");
    }
    java.util.Map<String, Object> metadata;
    try {
      metadata = Metrics.read(local, schemaTitle);
    } catch (IOException e) {
      throw new ValueException("output artifact '" + name + "': " + e.getMessage());
    }
    URI address = Addresses.resolve(context.root(), task + "/" + name);
    try {
      Artifacts.upload(storage, address, local, schemaTitle, metadata);
    } catch (ArtifactException e) {
      throw new ValueException("output artifact '" + name + "': " + e.getMessage());
    }
    return context.with(task + "." + name, address);
  }

  /** A value's text form ({@link JsonTree} node): a string as is, anything else as JSON, as it is stored. */
  static String text(Object value) {
    return value instanceof String string ? string : ParameterValues.canonicalJson(value);
  }

  /** An artifact's metadata as a JSON object, keys sorted, as jackson-databind writes the map. */
  static String metadataJson(Map<String, Object> metadata) throws IOException {
    StringWriter text = new StringWriter();
    try (JsonGenerator out = JsonTree.factory().createGenerator(text)) {
      out.writeStartObject();
      for (Map.Entry<String, Object> entry : new java.util.TreeMap<>(metadata).entrySet()) {
        out.writeFieldName(entry.getKey());
        if (entry.getValue() instanceof Double number) {
          out.writeNumber(number);
        } else if (entry.getValue() instanceof Number number) {
          out.writeNumber(number.toString());
        } else {
          out.writeString(String.valueOf(entry.getValue()));
        }
      }
      out.writeEndObject();
    }
    return text.toString();
  }

  /**
   * An output file's text as a value of {@code kind} (KFP's parameter types): a STRING as is, every
   * other kind as JSON of that kind, surrounding white space ignored (as {@code echo} adds a newline).
   */
  public static JsonNode parse(String output, String kind, String text) throws ValueException {
    return ValueCodec.get().node(value(output, kind, text));
  }

  /** {@link #parse} as a {@link JsonTree} node (jackson-core only): a {@code String} for a STRING output. */
  public static Object value(String output, String kind, String text) throws ValueException {
    Optional<ParameterKind> known = ParameterKind.find(kind);
    if (known.isPresent() && known.get() == ParameterKind.STRING) {
      return text;
    }
    Object json;
    try {
      json = JsonTree.parse(text.strip());
    } catch (JsonProcessingException e) {
      throw new ValueException("output '" + output + "' (" + kind + ") is not valid JSON" + JsonTree.problem(e));
    } catch (IOException e) {
      throw new ValueException("output '" + output + "' (" + kind + ") cannot be read: " + e.getMessage());
    }
    if (known.isEmpty()) {
      throw new ValueException("output '" + output + "' has unknown kind " + kind);
    }
    if (!ParameterValues.fitsTree(known.get(), json)) {
      throw new ValueException("output '" + output + "' must be " + kind + ", the program wrote: "
          + (text.length() > 200 ? text.substring(0, 200) + "…" : text));
    }
    String outOfRange = ParameterValues.numberOutOfRange(json);
    if (outOfRange != null) {
      throw new ValueException("output '" + output + "' (" + kind + ") has a number beyond the range of a double at "
          + outOfRange);
    }
    return json;
  }

  /**
   * Stores each output of task {@code task} at {@code <root>/<task>/<output>.json} and returns the
   * context with their addresses added as {@code <task>.<output>}.
   */
  public static RunContext store(RunContext context, String task, Map<String, JsonNode> outputs, Storage storage)
      throws IOException, ContextException {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> output : outputs.entrySet()) {
      values.put(output.getKey(), ValueCodec.get().tree(output.getValue()));
    }
    return storeValues(context, task, values, storage);
  }

  /** {@link #store} of values read with {@link #value} ({@link JsonTree} nodes): what the step runs. */
  public static RunContext storeValues(RunContext context, String task, Map<String, Object> outputs, Storage storage)
      throws IOException, ContextException {
    RunContext updated = context;
    for (Map.Entry<String, Object> output : outputs.entrySet()) {
      URI address = Addresses.resolve(context.root(), task + "/" + output.getKey() + ".json");
      storage.write(address, ObjectWriter.of(ParameterValues.canonicalJson(output.getValue())
          .getBytes(StandardCharsets.UTF_8)));
      updated = updated.with(task + "." + output.getKey(), address);
    }
    return updated;
  }
}
