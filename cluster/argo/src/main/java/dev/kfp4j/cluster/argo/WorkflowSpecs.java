package dev.kfp4j.cluster.argo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kfp4j.wire.ResourceLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Loads a compiled pipeline's Argo {@code Workflow}: by pipeline name from the classpath
 * ({@code META-INF/kfp4j/<name>/workflow.yaml}, where the annotation processor writes it) or from a file.
 */
public final class WorkflowSpecs {

  /** Where the processor puts a pipeline's specs, relative to the class output. */
  public static final String RESOURCE_DIRECTORY = ResourceLayout.ROOT;
  /** The file name of the Argo Workflow inside a pipeline's directory. */
  public static final String WORKFLOW_FILE = ResourceLayout.WORKFLOW;

  static final String API_VERSION = "argoproj.io/v1alpha1";
  private static final Pattern PIPELINE_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
  private static final ObjectMapper YAML = YAMLMapper.builder().build();

  private WorkflowSpecs() {}

  /** The workflow of pipeline {@code name} on {@code loader}'s classpath. */
  public static ObjectNode fromClasspath(String name, ClassLoader loader) {
    if (name == null || !PIPELINE_NAME.matcher(name).matches()) {
      throw new ArgoException(ArgoException.Kind.NOT_FOUND, "'" + name + "' is not a pipeline name (lower-case letters, digits, '-', '.')");
    }
    String resource = ResourceLayout.workflow(name);
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new ArgoException(ArgoException.Kind.NOT_FOUND, "no compiled pipeline '" + name + "' on the classpath (looked for " + resource
            + "); compile the @Pipeline with the kfp4j processor or give a workflow.yaml path");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + resource);
    } catch (IOException e) {
      throw new ArgoException(ArgoException.Kind.IO, "could not read classpath:" + resource + ": " + e.getMessage(), e);
    }
  }

  /** The workflow in {@code file}. */
  public static ObjectNode fromFile(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (NoSuchFileException e) {
      throw new ArgoException(ArgoException.Kind.NOT_FOUND, "workflow file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new ArgoException(ArgoException.Kind.IO, "could not read workflow file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * A file if {@code pipelineOrFile} names an existing file or ends in {@code .yaml}/{@code .yml},
   * else a pipeline name on the classpath.
   */
  public static ObjectNode load(String pipelineOrFile, ClassLoader loader) {
    Path path = Path.of(pipelineOrFile);
    if (Files.isRegularFile(path) || pipelineOrFile.endsWith(".yaml") || pipelineOrFile.endsWith(".yml")) {
      return fromFile(path);
    }
    return fromClasspath(pipelineOrFile, loader);
  }

  /** SnakeYAML's messages quote the source over several indented lines; keep the unindented ones. */
  private static String oneLine(String message) {
    return message.lines().filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
        .collect(java.util.stream.Collectors.joining("; "));
  }

  /** Parses workflow YAML and checks that it is an Argo {@code Workflow}; {@code source} names it in errors. */
  public static ObjectNode parse(String yaml, String source) {
    JsonNode tree;
    try {
      tree = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new ArgoException(ArgoException.Kind.BAD_SPEC, source + " is not valid YAML (line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + "): " + oneLine(e.getOriginalMessage()));
    }
    if (tree == null || !tree.isObject()) {
      throw new ArgoException(ArgoException.Kind.BAD_SPEC, source + " is not a YAML mapping; expected an Argo Workflow");
    }
    String apiVersion = tree.path("apiVersion").asText();
    String kind = tree.path("kind").asText();
    if (!API_VERSION.equals(apiVersion) || !"Workflow".equals(kind)) {
      throw new ArgoException(ArgoException.Kind.BAD_SPEC, source + " is a " + (kind.isEmpty() ? "document without kind" : kind) + " ("
          + (apiVersion.isEmpty() ? "no apiVersion" : apiVersion) + "); expected kind Workflow, apiVersion " + API_VERSION);
    }
    if (!tree.path("spec").isObject()) {
      throw new ArgoException(ArgoException.Kind.BAD_SPEC, source + " has no spec");
    }
    return (ObjectNode) tree;
  }
}
