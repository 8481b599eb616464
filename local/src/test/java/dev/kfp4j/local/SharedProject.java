package dev.kfp4j.local;

import dev.kfp4j.local.exec.Classpath;
import dev.kfp4j.wire.ComponentAddress;
import dev.kfp4j.wire.ResourceLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The shared-entrypoint build of this module's test pipelines (this module's {@code shared-entrypoints} compile:
 * the shared test pipelines and the fixtures, compiled again with {@code -Akfp4j.entrypoints=shared}, so without any
 * entrypoint class and with each Java step's command ending in the runtime's shared entrypoint and the component's
 * address), copied under a test's folder together with the runtime's classpath entry (so that a test can change
 * either), and the test classpath with those copies in place of the generated build and the runtime.
 */
final class SharedProject {

  /** The runtime's shared entrypoint, whose classpath entry is copied too (to see a changed runtime). */
  static final String SHARED_CLASS_FILE = ComponentAddress.SHARED_ENTRYPOINT.replace('.', '/') + ".class";

  private final List<Path> copies;
  private final Classpath classpath;

  private SharedProject(List<Path> copies, Classpath classpath) {
    this.copies = copies;
    this.classpath = classpath;
  }

  /** The copies, made under {@code folder}. */
  static SharedProject create(Path folder) throws IOException {
    String compiled = System.getProperty("kfp4j.test.sharedClasses");
    if (compiled == null || !Files.isDirectory(Path.of(compiled).resolve(ResourceLayout.ROOT))) {
      throw new IllegalStateException("no shared-entrypoint build of the test pipelines at " + compiled
          + " (system property kfp4j.test.sharedClasses, set by this module's pom; run the tests through Maven)");
    }
    Path classes = folder.resolve("classes");
    copy(Path.of(compiled), classes);
    List<Path> copies = new ArrayList<>(List.of(classes));
    List<Path> entries = new ArrayList<>(List.of(classes));
    for (Path entry : Classpath.current().expanded()) {
      if (holdsPipelines(entry)) {
        continue; // the generated build of the same pipelines
      }
      if (holds(entry, SHARED_CLASS_FILE)) {
        Path runtime = folder.resolve("runtime");
        copy(entry, runtime);
        copies.add(runtime);
        entries.add(runtime);
      } else {
        entries.add(entry);
      }
    }
    return new SharedProject(List.copyOf(copies), Classpath.of(entries));
  }

  /** The test classpath with the copies in place of the class folders and jars they were made from. */
  Classpath classpath() {
    return classpath;
  }

  /** The shared-mode spec of {@code pipeline}, to run by its path. */
  String spec(String pipeline) {
    for (Path copy : copies) {
      Path spec = copy.resolve(ResourceLayout.pipelineSpec(pipeline));
      if (Files.isRegularFile(spec)) {
        return spec.toString();
      }
    }
    throw new IllegalArgumentException("no pipeline " + pipeline + " in " + copies);
  }

  /** The copy that holds {@code resource} ({@code com/acme/loops/Loops.class}). */
  Path holding(String resource) {
    return copies.stream().filter(copy -> Files.exists(copy.resolve(resource))).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no " + resource + " in " + copies));
  }

  private static boolean holds(Path entry, String resource) throws IOException {
    if (Files.isDirectory(entry)) {
      return Files.isRegularFile(entry.resolve(resource));
    }
    if (!entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
      return false;
    }
    try (JarFile jar = new JarFile(entry.toFile())) {
      return jar.getEntry(resource) != null;
    }
  }

  private static boolean holdsPipelines(Path entry) throws IOException {
    if (Files.isDirectory(entry)) {
      return Files.isDirectory(entry.resolve(ResourceLayout.ROOT));
    }
    if (!entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
      return false;
    }
    try (JarFile jar = new JarFile(entry.toFile())) {
      return jar.stream().anyMatch(e -> e.getName().startsWith(ResourceLayout.ROOT) && e.getName()
          .endsWith("/" + ResourceLayout.PIPELINE_SPEC));
    }
  }

  /** Copies {@code entry} (a folder or a jar) to the folder {@code copy}. */
  private static void copy(Path entry, Path copy) throws IOException {
    if (Files.isDirectory(entry)) {
      try (Stream<Path> walk = Files.walk(entry)) {
        for (Path file : walk.filter(Files::isRegularFile).toList()) {
          Path target = copy.resolve(entry.relativize(file).toString());
          Files.createDirectories(target.getParent());
          Files.copy(file, target);
        }
      }
      return;
    }
    try (JarFile jar = new JarFile(entry.toFile())) {
      for (JarEntry file : jar.stream().filter(e -> !e.isDirectory()).toList()) {
        Path target = copy.resolve(file.getName());
        Files.createDirectories(target.getParent());
        try (InputStream in = jar.getInputStream(file)) {
          Files.copy(in, target);
        }
      }
    }
  }
}
