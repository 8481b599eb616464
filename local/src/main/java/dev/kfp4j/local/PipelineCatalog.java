package dev.kfp4j.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kfp4j.local.error.LocalRunException;
import dev.kfp4j.local.exec.Classpath;
import dev.kfp4j.local.plan.SpecDocuments;
import dev.kfp4j.wire.ComponentDescriptorFile;
import dev.kfp4j.wire.ResourceLayout;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/** Finds compiled pipelines and components on a classpath, where {@link ResourceLayout} puts them. */
public final class PipelineCatalog {

  /** Folder of the processor's output in a class directory or jar. */
  public static final String FOLDER = ResourceLayout.ROOT;
  private static final YAMLMapper YAML = new YAMLMapper();

  private final Classpath classpath;

  public PipelineCatalog(Classpath classpath) {
    this.classpath = classpath;
  }

  /** A pipeline spec read from somewhere. */
  public record Found(String name, String location, JsonNode spec) {}

  /** A pipeline on the classpath, for listing. */
  public record PipelineEntry(String name, String description, Map<String, String> parameters, String location) {}

  /** A component on the classpath, for listing. */
  public record ComponentEntry(String name, String method, List<String> inputs, String location) {}

  /** The pipeline named {@code name}, or read from {@code name} if it is a path to a YAML file. */
  public Found find(String name) {
    if (name.endsWith(".yaml") || name.endsWith(".yml") || name.contains("/") || name.contains("\\")) {
      Path file = Path.of(name);
      if (!Files.isRegularFile(file)) {
        throw new LocalRunException(LocalRunException.Kind.NOT_FOUND, "no pipeline spec file " + file.toAbsolutePath()
            + " (give a pipeline name, or the path of a pipeline.yaml)");
      }
      return read(file);
    }
    URL url = classpath.loader().getResource(ResourceLayout.pipelineSpec(name));
    if (url == null) {
      List<String> known = pipelines().stream().map(PipelineEntry::name).toList();
      throw new LocalRunException(LocalRunException.Kind.NOT_FOUND, "no pipeline '" + name + "' on the classpath"
          + (known.isEmpty() ? " (no compiled pipelines found; build the project, or give the path of a pipeline.yaml)"
              : "; found: " + String.join(", ", known)));
    }
    try (InputStream in = url.openStream()) {
      return new Found(name, url.toString(),
          SpecDocuments.read(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new LocalRunException(LocalRunException.Kind.BAD_SPEC, "cannot read pipeline spec " + url + ": " + e.getMessage(), e);
    }
  }

  /** Reads a pipeline spec file. */
  public static Found read(Path file) {
    try {
      JsonNode spec = SpecDocuments.read(Files.readString(file, StandardCharsets.UTF_8));
      return new Found(spec == null ? "" : spec.path("pipelineInfo").path("name").asText(""), file.toAbsolutePath().toString(), spec);
    } catch (IOException e) {
      throw new LocalRunException(LocalRunException.Kind.BAD_SPEC, "cannot read pipeline spec " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * A pipeline's parameters with their Java types in the method's order ({@code numbers: List<Integer>}), found
   * through its descriptor; else (specs without one, or a class that does not load) the IR's parameters, sorted,
   * with their KFP kinds.
   */
  private Map<String, String> parameters(String pipeline, JsonNode spec) {
    Map<String, String> kinds = new TreeMap<>();
    spec.path("root").path("inputDefinitions").path("parameters").fields()
        .forEachRemaining(e -> kinds.put(e.getKey(), e.getValue().path("parameterType").asText()));
    Map<String, Type> types = ParameterTypes.pipelineMethodTypes(pipeline, classpath.loader());
    if (types.isEmpty() || !types.keySet().containsAll(kinds.keySet())) {
      return kinds;
    }
    Map<String, String> named = new LinkedHashMap<>();
    types.forEach((name, type) -> named.put(name, ParameterTypes.name(type)));
    return named;
  }

  /** Every pipeline on the classpath, by name. */
  public List<PipelineEntry> pipelines() {
    Map<String, PipelineEntry> found = new TreeMap<>();
    scan(ResourceLayout::pipelineOfSpec, (pipeline, text, location) -> {
      try {
        JsonNode spec = YAML.readTree(text);
        found.putIfAbsent(pipeline, new PipelineEntry(pipeline,
            spec.path("pipelineInfo").path("description").asText(""), parameters(pipeline, spec), location));
      } catch (IOException e) {
        found.putIfAbsent(pipeline, new PipelineEntry(pipeline, "(unreadable: " + e.getMessage() + ")",
            Map.of(), location));
      }
    });
    return new ArrayList<>(found.values());
  }

  /** Every component descriptor on the classpath. */
  public List<ComponentEntry> components() {
    Map<String, ComponentEntry> found = new TreeMap<>();
    scan(ResourceLayout::componentOfDescriptor, (method, text, location) -> {
      Optional<ComponentDescriptorFile> descriptor = ComponentDescriptorFile.read(text);
      found.putIfAbsent(method, new ComponentEntry(descriptor.map(ComponentDescriptorFile::name).orElse(method), method,
          descriptor.map(ComponentDescriptorFile::inputs).orElse(List.of()), location));
    });
    return new ArrayList<>(found.values());
  }

  private interface Visitor {
    void visit(String key, String text, String location) throws IOException;
  }

  /** The key a resource path stands for ({@link ResourceLayout#pipelineOfSpec}…), if it is one to visit. */
  private interface Keys extends Function<String, Optional<String>> {}

  private void scan(Keys pattern, Visitor visitor) {
    for (Path entry : classpath.expanded()) {
      try {
        if (Files.isDirectory(entry)) {
          scanDirectory(entry, pattern, visitor);
        } else if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
          scanJar(entry, pattern, visitor);
        }
      } catch (IOException e) {
        throw new LocalRunException(LocalRunException.Kind.IO, "cannot read classpath entry " + entry + ": " + e.getMessage(), e);
      }
    }
  }

  private static void scanDirectory(Path root, Keys pattern, Visitor visitor) throws IOException {
    Path folder = root.resolve(FOLDER);
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
      for (Path child : children) {
        List<Path> candidates = Files.isDirectory(child)
            ? listFiles(child) : List.of(child);
        for (Path candidate : candidates) {
          String relative = root.relativize(candidate).toString().replace('\\', '/');
          Optional<String> key = pattern.apply(relative);
          if (key.isPresent()) {
            visitor.visit(key.get(), Files.readString(candidate, StandardCharsets.UTF_8), candidate.toString());
          }
        }
      }
    }
  }

  private static List<Path> listFiles(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
      children.forEach(files::add);
    }
    Collections.sort(files);
    return files;
  }

  private static void scanJar(Path jarPath, Keys pattern, Visitor visitor) throws IOException {
    try (JarFile jar = new JarFile(jarPath.toFile())) {
      for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
        JarEntry entry = e.nextElement();
        Optional<String> key = pattern.apply(entry.getName());
        if (key.isPresent()) {
          try (InputStream in = jar.getInputStream(entry)) {
            visitor.visit(key.get(), new String(in.readAllBytes(), StandardCharsets.UTF_8), jarPath + "!/" + entry.getName());
          }
        }
      }
    }
  }
}
