package dev.kfp4j.runtime.entrypoint;

import dev.kfp4j.runtime.artifact.Artifacts;
import dev.kfp4j.runtime.value.JsonTree;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Artifacts under Kubeflow Pipelines' executor protocol. KFP's launcher copies each input artifact to a
 * local path derived from its URI before the container runs, and uploads each output artifact from
 * that path afterwards: {@code gs://b/k} is {@code /gcs/b/k}, {@code s3://b/k} is {@code /s3/b/k},
 * {@code minio://b/k} is {@code /minio/b/k} (KFP's own mapping); a {@code file:} URI is its own path.
 */
final class KfpArtifacts {

  /** A file or directory the method returned for an output artifact. */
  record Returned(Path path, String schemaTitle) {}

  private KfpArtifacts() {}

  /** The local path KFP's launcher uses for {@code uri}. */
  static Path localPath(String uri) {
    for (Map.Entry<String, String> mount : List.of(Map.entry("gs://", "/gcs/"), Map.entry("s3://", "/s3/"),
        Map.entry("minio://", "/minio/"))) {
      if (uri.startsWith(mount.getKey())) {
        return Path.of(mount.getValue() + uri.substring(mount.getKey().length()));
      }
    }
    if (uri.startsWith("file:")) {
      return Path.of(URI.create(uri));
    }
    return Path.of(uri);
  }

  /**
   * Copies each returned file or directory to its artifact's local path (recording what it wrote in
   * {@code written}) and returns the executor output's {@code artifacts} metadata for metrics (a
   * {@link JsonTree}). {@code outputs} maps each output artifact to its executor-input entry ({@code uri}, {@code name}).
   */
  static Map<String, Object> place(Map<String, Map<?, ?>> outputs, Map<String, Returned> returned,
      ComponentDescriptor component, List<Path> written) throws IOException {
    Map<String, Object> metadata = new TreeMap<>();
    for (Map.Entry<String, Map<?, ?>> output : outputs.entrySet()) {
      String name = output.getKey();
      Returned value = returned.get(name);
      if (value == null || value.path() == null) {
        throw new IOException(component.method() + " returned no file for output artifact '" + name + "'");
      }
      Path source = value.path();
      if (Files.isSymbolicLink(source) || !Files.exists(source)) {
        throw new IOException(component.method() + " returned " + source + " for output artifact '" + name
            + "', which " + (Files.isSymbolicLink(source) ? "is a symbolic link" : "does not exist"));
      }
      String uri = (String) output.getValue().get("uri");
      Path target = localPath(uri);
      Files.createDirectories(target.toAbsolutePath().getParent());
      Artifacts.deleteTree(target);
      copy(source, target);
      written.add(target);
      Map<String, Object> metrics = Metrics.read(source, value.schemaTitle());
      if (!metrics.isEmpty()) {
        Map<String, Object> artifact = new LinkedHashMap<>();
        artifact.put("name", output.getValue().get("name") instanceof String given ? given : name);
        artifact.put("uri", uri);
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> metric : metrics.entrySet()) {
          double number = ((Number) metric.getValue()).doubleValue();
          // JSON has no NaN or infinity; Jackson writes them as strings too.
          values.put(metric.getKey(), Double.isFinite(number) ? new JsonTree.JsonNumber(Double.toString(number))
              : Double.toString(number));
        }
        artifact.put("metadata", values);
        metadata.put(name, Map.of("artifacts", List.of(artifact)));
      }
    }
    return metadata;
  }

  private static void copy(Path source, Path target) throws IOException {
    if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
      Files.copy(source, target);
      return;
    }
    Files.walkFileTree(source, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.createDirectories(target.resolve(source.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (!attrs.isRegularFile()) {
          throw new IOException(source.relativize(file) + " in " + source + " is not a regular file (links are refused)");
        }
        Files.copy(file, target.resolve(source.relativize(file).toString()));
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
