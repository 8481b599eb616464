package dev.kfp4j.cluster.kfp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kfp4j.runtime.value.ParameterValues;
import dev.kfp4j.wire.ParameterKind;
import dev.kfp4j.wire.ResourceLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A compiled pipeline's KFP v2 IR ({@code PipelineSpec}): loaded by pipeline name from the classpath
 * ({@code META-INF/kfp4j/<name>/pipeline.yaml}) or from a file, with its parameters' declared types.
 *
 * @param source where it came from, for messages and as the upload's file name
 * @param yaml the file's bytes, uploaded as they are
 * @param spec the parsed spec
 */
public record PipelineSpec(String source, byte[] yaml, JsonNode spec) {

  /** The file name of the IR inside a pipeline's directory. */
  public static final String PIPELINE_FILE = ResourceLayout.PIPELINE_SPEC;

  private static final Pattern PIPELINE_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
  private static final ObjectMapper YAML = YAMLMapper.builder().build();
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** The IR of pipeline {@code name} on {@code loader}'s classpath. */
  public static PipelineSpec fromClasspath(String name, ClassLoader loader) {
    if (name == null || !PIPELINE_NAME.matcher(name).matches()) {
      throw new KfpException(KfpException.Kind.NOT_FOUND, "'" + name + "' is not a pipeline name (lower-case letters, digits, '-', '.')");
    }
    String resource = ResourceLayout.pipelineSpec(name);
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new KfpException(KfpException.Kind.NOT_FOUND, "no compiled pipeline '" + name + "' on the classpath (looked for " + resource
            + "); compile the @Pipeline with the kfp4j processor or give a pipeline.yaml path");
      }
      return parse(in.readAllBytes(), "classpath:" + resource);
    } catch (IOException e) {
      throw new KfpException(KfpException.Kind.IO, "could not read classpath:" + resource + ": " + e.getMessage(), e);
    }
  }

  /** The IR in {@code file}. */
  public static PipelineSpec fromFile(Path file) {
    try {
      return parse(Files.readAllBytes(file), file.toString());
    } catch (NoSuchFileException e) {
      throw new KfpException(KfpException.Kind.NOT_FOUND, "pipeline file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new KfpException(KfpException.Kind.IO, "could not read pipeline file " + file + ": " + e.getMessage(), e);
    }
  }

  /** A file if {@code pipelineOrFile} exists or ends in {@code .yaml}/{@code .yml}, else a pipeline name. */
  public static PipelineSpec load(String pipelineOrFile, ClassLoader loader) {
    Path path = Path.of(pipelineOrFile);
    if (Files.isRegularFile(path) || pipelineOrFile.endsWith(".yaml") || pipelineOrFile.endsWith(".yml")) {
      return fromFile(path);
    }
    return fromClasspath(pipelineOrFile, loader);
  }

  /** Parses IR YAML and checks that it is a v2 {@code PipelineSpec}. */
  public static PipelineSpec parse(byte[] yaml, String source) {
    JsonNode spec;
    try {
      spec = YAML.readTree(yaml);
    } catch (IOException e) {
      String where = e instanceof JsonProcessingException p && p.getLocation() != null
          ? " (line " + p.getLocation().getLineNr() + ")" : "";
      throw new KfpException(KfpException.Kind.BAD_SPEC, source + " is not valid YAML" + where, e);
    }
    if (spec == null || !spec.isObject() || !spec.path("root").isObject() || !spec.has("schemaVersion")) {
      throw new KfpException(KfpException.Kind.BAD_SPEC, source + " is not a KFP v2 pipeline spec (needs root and schemaVersion)");
    }
    return new PipelineSpec(source, yaml.clone(), spec);
  }

  /** The name in {@code pipelineInfo.name}. */
  public String pipelineName() {
    return spec.path("pipelineInfo").path("name").asText();
  }

  /**
   * The spec as the JSON object a run's inline {@code pipeline_spec} carries. When the file has a second YAML
   * document (the Kubernetes platform spec of tasks with {@code @SecretEnv}, {@code @Timeout}, …), both travel
   * as KFP's own client sends them: {@code {"pipeline_spec": …, "platform_spec": …}}.
   */
  public JsonNode json() {
    JsonNode platform = platformSpec();
    if (platform == null) {
      return spec.deepCopy();
    }
    com.fasterxml.jackson.databind.node.ObjectNode both = JsonNodeFactory.instance.objectNode();
    both.set("pipeline_spec", spec.deepCopy());
    both.set("platform_spec", platform);
    return both;
  }

  /** The file's second YAML document, the platform spec, or null when it has none. */
  public JsonNode platformSpec() {
    try (com.fasterxml.jackson.databind.MappingIterator<JsonNode> documents =
        YAML.readerFor(JsonNode.class).readValues(yaml)) {
      List<JsonNode> all = documents.readAll();
      return all.size() > 1 && all.get(1) != null && all.get(1).has("platforms") ? all.get(1) : null;
    } catch (IOException e) {
      throw new KfpException(KfpException.Kind.BAD_SPEC, source + " is not valid YAML", e);
    }
  }

  /** The declared pipeline parameters and their IR types ({@code STRING}, {@code LIST}, …), sorted. */
  public Map<String, String> parameterTypes() {
    Map<String, String> types = new TreeMap<>();
    spec.path("root").path("inputDefinitions").path("parameters").properties()
        .forEach(e -> types.put(e.getKey(), e.getValue().path("parameterType").asText(ParameterKind.STRING.name())));
    return types;
  }

  /**
   * Typed JSON values for a run's {@code runtime_config.parameters} from text as typed on a command
   * line: strings as they are, numbers, booleans, lists and structs parsed as JSON.
   */
  public Map<String, JsonNode> parameterValues(Map<String, String> text) {
    Map<String, String> types = parameterTypes();
    Map<String, JsonNode> values = new TreeMap<>();
    for (Map.Entry<String, String> entry : text.entrySet()) {
      String name = entry.getKey();
      String type = types.get(name);
      if (type == null) {
        throw new KfpException(KfpException.Kind.BAD_PARAMETER, "unknown parameter '" + name + "'; pipeline '" + pipelineName() + "' declares "
            + (types.isEmpty() ? "no parameters" : String.join(", ", types.keySet())));
      }
      values.put(name, typed(name, type, entry.getValue()));
    }
    List<String> missing = new ArrayList<>();
    spec.path("root").path("inputDefinitions").path("parameters").properties().forEach(e -> {
      boolean optional = e.getValue().path("isOptional").asBoolean(false) || e.getValue().has("defaultValue");
      if (!optional && !values.containsKey(e.getKey())) {
        missing.add(e.getKey());
      }
    });
    if (!missing.isEmpty()) {
      throw new KfpException(KfpException.Kind.BAD_PARAMETER, "pipeline '" + pipelineName() + "' needs a value for " + String.join(", ", missing)
          + " (-p NAME=VALUE)");
    }
    return values;
  }

  private static JsonNode typed(String name, String type, String text) {
    if (type.equals(ParameterKind.STRING.name())) {
      return JsonNodeFactory.instance.textNode(text);
    }
    JsonNode value;
    try {
      value = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new KfpException(KfpException.Kind.BAD_PARAMETER, "parameter '" + name + "' is " + type + " but '" + text + "' is not JSON");
    }
    boolean fits = ParameterKind.find(type).map(kind -> ParameterValues.fits(kind, value))
        .orElse(true); // a kind this version does not know: KFP checks it
    if (!fits) {
      throw new KfpException(KfpException.Kind.BAD_PARAMETER, "parameter '" + name + "' is " + type + " but '" + text + "' is not");
    }
    return value;
  }
}
