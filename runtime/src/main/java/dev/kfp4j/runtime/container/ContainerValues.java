package dev.kfp4j.runtime.container;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.kfp4j.runtime.artifact.ArtifactException;
import dev.kfp4j.runtime.artifact.ArtifactManifest;
import dev.kfp4j.runtime.artifact.Artifacts;
import dev.kfp4j.runtime.context.ContextException;
import dev.kfp4j.runtime.context.RunContext;
import dev.kfp4j.runtime.entrypoint.Metrics;
import dev.kfp4j.runtime.storage.Addresses;
import dev.kfp4j.runtime.storage.Storage;
import dev.kfp4j.runtime.value.ParameterValues;
import dev.kfp4j.runtime.value.ValueCodec;
import dev.kfp4j.wire.ParameterKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moves a plain container step's values between the run's storage and the step's command line and
 * files, with the text forms KFP's launcher uses: a STRING as is, every other kind as JSON
 * ({@code 6}, {@code 2.5}, {@code true}, {@code [1,2]}, {@code {"a":1}}). Artifacts (files and folders)
 * are downloaded to a local path before the program runs and uploaded from the path it wrote after,
 * stored as a Java component's are ({@code <root>/<task>/<name>} with its manifest).
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
    JsonNode array;
    try {
      array = ValueCodec.get().mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new ContextException("--contexts is not valid JSON: " + e.getOriginalMessage());
    }
    if (array == null || !array.isArray()) {
      throw new ContextException("--contexts must be a JSON array of contexts");
    }
    List<RunContext> contexts = new ArrayList<>();
    flatten(array, contexts);
    return RunContext.merge(contexts);
  }

  private static void flatten(JsonNode array, List<RunContext> into) throws ContextException {
    for (JsonNode element : array) {
      if (element.isArray()) {
        flatten(element, into);
      } else {
        into.add(RunContext.parse(element.toString()));
      }
    }
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
    JsonNode bindings = bindings(inputsJson);
    Map<String, String> texts = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = bindings.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> binding = it.next();
      if (!wanted.test(binding.getKey())) {
        continue;
      }
      JsonNode spec = binding.getValue();
      if (spec.has("value")) {
        texts.put(binding.getKey(), text(spec.get("value")));
      } else if (spec.path("from").isTextual()) {
        String name = spec.get("from").asText();
        Optional<URI> address = context.address(name);
        if (address.isEmpty()) {
          throw new ValueException("input '" + binding.getKey() + "': the context has no value '" + name + "'");
        }
        JsonNode value;
        try (InputStream in = storage.read(address.get())) {
          value = ValueCodec.get().mapper().readTree(in);
        } catch (JsonProcessingException e) {
          throw new ValueException("input '" + binding.getKey() + "' at " + address.get() + " is not JSON: "
              + e.getOriginalMessage());
        }
        texts.put(binding.getKey(), text(value));
      } else {
        throw new ValueException("--inputs: binding of '" + binding.getKey() + "' must be {\"from\":…} or {\"value\":…}");
      }
    }
    return texts;
  }

  private static JsonNode bindings(String inputsJson) throws ValueException {
    JsonNode bindings;
    try {
      bindings = ValueCodec.get().mapper().readTree(inputsJson);
    } catch (JsonProcessingException e) {
      throw new ValueException("--inputs is not valid JSON: " + e.getOriginalMessage());
    }
    if (bindings == null || !bindings.isObject()) {
      throw new ValueException("--inputs must be a JSON object of NAME → {\"from\":…} or {\"value\":…}");
    }
    return bindings;
  }

  /**
   * Downloads input artifact {@code name} (its binding in {@code inputsJson} names a value of the context) to
   * {@code target}, which must not exist yet (the file or folder itself, whatever name it was stored under),
   * checking every file's size and digest. Returns the artifact's metadata as a JSON object ({@code {}} if none).
   */
  public static String inputArtifact(RunContext context, String inputsJson, String name, Storage storage,
      Path target) throws ValueException, IOException {
    JsonNode binding = bindings(inputsJson).path(name);
    if (!binding.path("from").isTextual()) {
      throw new ValueException("input artifact '" + name + "' must come from a task's output or a pipeline parameter"
          + (binding.has("value") ? ", not a constant" : "; --inputs has no binding for it"));
    }
    String valueName = binding.get("from").asText();
    Optional<URI> address = context.address(valueName);
    if (address.isEmpty()) {
      throw new ValueException("input artifact '" + name + "': the context has no value '" + valueName + "'");
    }
    try {
      ArtifactManifest manifest = Artifacts.manifest(storage, address.get());
      Artifacts.download(storage, address.get(), manifest, target);
      return ValueCodec.get().mapper().writeValueAsString(manifest.metadata());
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

  /** A value's text form: a string as is, anything else as JSON. */
  public static String text(JsonNode value) {
    return value.isTextual() ? value.asText() : value.toString();
  }

  /**
   * An output file's text as a value of {@code kind} (KFP's parameter types): a STRING as is, every
   * other kind as JSON of that kind, surrounding white space ignored (as {@code echo} adds a newline).
   */
  public static JsonNode parse(String output, String kind, String text) throws ValueException {
    Optional<ParameterKind> known = ParameterKind.find(kind);
    if (known.isPresent() && known.get() == ParameterKind.STRING) {
      return TextNode.valueOf(text);
    }
    JsonNode json;
    try {
      json = ValueCodec.get().mapper().readTree(text.strip());
    } catch (JsonProcessingException e) {
      throw new ValueException("output '" + output + "' (" + kind + ") is not valid JSON: " + e.getOriginalMessage());
    }
    if (known.isEmpty()) {
      throw new ValueException("output '" + output + "' has unknown kind " + kind);
    }
    if (!ParameterValues.fits(known.get(), json)) {
      throw new ValueException("output '" + output + "' must be " + kind + ", the program wrote: "
          + (text.length() > 200 ? text.substring(0, 200) + "…" : text));
    }
    return json;
  }

  /**
   * Stores each output of task {@code task} at {@code <root>/<task>/<output>.json} and returns the
   * context with their addresses added as {@code <task>.<output>}.
   */
  public static RunContext store(RunContext context, String task, Map<String, JsonNode> outputs, Storage storage)
      throws IOException, ContextException {
    RunContext updated = context;
    for (Map.Entry<String, JsonNode> output : outputs.entrySet()) {
      URI address = Addresses.resolve(context.root(), task + "/" + output.getKey() + ".json");
      byte[] bytes = ValueCodec.get().mapper().writeValueAsBytes(output.getValue());
      storage.write(address, out -> out.write(bytes));
      updated = updated.with(task + "." + output.getKey(), address);
    }
    return updated;
  }
}
