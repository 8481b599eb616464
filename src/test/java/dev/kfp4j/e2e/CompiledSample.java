package dev.kfp4j.e2e;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.kfp4j.processor.Kfp4jProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;

/**
 * The nested specs sample ({@code user/com/acme/Stats.java}) compiled once per test JVM by javac with the kfp4j
 * processor, its class output (classes, generated entrypoints, {@code META-INF/kfp4j/…}) in a temporary folder.
 * Compiled with {@code -Akfp4j.storage.root} pointing at a {@code file://} folder beside it, so its Workflow runs
 * on this machine as written, without rewriting.
 */
final class CompiledSample {

  private static final String CLASS_OUTPUT = "/CLASS_OUTPUT/";
  private static CompiledSample stats;
  private static CompiledSample training;
  private static CompiledSample loops;
  private static CompiledSample conditions;
  private static CompiledSample exits;
  private static final java.util.Map<String, CompiledSample> SHARED = new java.util.HashMap<>();

  private final Path classes;
  private final URI storageRoot;

  private CompiledSample(Path classes, URI storageRoot) {
    this.classes = classes;
    this.storageRoot = storageRoot;
  }

  /** The Stats sample, compiled on first use. */
  static synchronized CompiledSample stats() throws IOException {
    if (stats == null) {
      stats = compile("user/com/acme/Stats.java", "kfp4j-e2e-stats");
    }
    return stats;
  }

  /** The artifacts sample ({@code user/com/acme/ml/Training.java}: files and directories between steps). */
  static synchronized CompiledSample training() throws IOException {
    if (training == null) {
      training = compile("user/com/acme/ml/Training.java", "kfp4j-e2e-training");
    }
    return training;
  }

  /** The loops sample ({@code user/com/acme/loops/Loops.java}), compiled on first use. */
  static synchronized CompiledSample loops() throws IOException {
    if (loops == null) {
      loops = compile("user/com/acme/loops/Loops.java", "kfp4j-e2e-loops");
    }
    return loops;
  }

  /** The conditions sample ({@code user/com/acme/conditions/Conditions.java}), compiled on first use. */
  static synchronized CompiledSample conditions() throws IOException {
    if (conditions == null) {
      conditions = compile("user/com/acme/conditions/Conditions.java", "kfp4j-e2e-conditions");
    }
    return conditions;
  }

  /** The exit handlers sample ({@code user/com/acme/exits/CleanUps.java}), compiled on first use. */
  static synchronized CompiledSample exits() throws IOException {
    if (exits == null) {
      exits = compile("user/com/acme/exits/CleanUps.java", "kfp4j-e2e-exits");
    }
    return exits;
  }

  /**
   * A sample compiled with {@code -Akfp4j.entrypoints=shared} (no entrypoint classes; each step runs the runtime's
   * shared entrypoint with the component's address), once per test JVM.
   */
  static synchronized CompiledSample shared(String resource) throws IOException {
    CompiledSample sample = SHARED.get(resource);
    if (sample == null) {
      String name = "kfp4j-e2e-shared-" + SHARED.size();
      sample = compile(resource, name, name + ":0", "-Akfp4j.entrypoints=shared");
      SHARED.put(resource, sample);
    }
    return sample;
  }

  private static CompiledSample compile(String resource, String name) throws IOException {
    return compile(resource, name, name + ":0");
  }

  /** A sample compiled with {@code -Akfp4j.image=image} (its steps' image) and any other processor options. */
  static CompiledSample compile(String resource, String name, String image, String... options) throws IOException {
    Path folder = Files.createTempDirectory(name + "-").toRealPath();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(folder)));
    URI root = URI.create(folder.resolve("runs").toUri() + "/");
    Compilation compilation = Compiler.javac().withProcessors(new Kfp4jProcessor())
        .withOptions(withImage(image, root, options))
        .compile(JavaFileObjects.forResource(resource));
    assertThat(compilation).succeeded();
    Path classes = Files.createDirectories(folder.resolve("classes"));
    for (JavaFileObject file : compilation.generatedFiles()) {
      String path = file.toUri().getPath();
      if (path.startsWith(CLASS_OUTPUT)) {
        Path target = classes.resolve(path.substring(CLASS_OUTPUT.length()));
        Files.createDirectories(target.getParent());
        try (InputStream in = file.openInputStream()) {
          Files.write(target, in.readAllBytes());
        }
      }
    }
    return new CompiledSample(classes, root);
  }

  private static List<String> withImage(String image, URI root, String... options) {
    List<String> all = new java.util.ArrayList<>(List.of("-Akfp4j.image=" + image, "-Akfp4j.storage.root=" + root));
    all.addAll(List.of(options));
    return all;
  }

  /** The class output folder: put it on the classpath of the steps. */
  Path classes() {
    return classes;
  }

  /** The storage root the sample was compiled with ({@code file:///…/runs/}). */
  URI storageRoot() {
    return storageRoot;
  }

  /** A generated spec of a pipeline: {@code spec("outer-pipeline", "workflow.yaml")}. */
  Path spec(String pipeline, String file) {
    return classes.resolve("META-INF/kfp4j").resolve(pipeline).resolve(file);
  }

  private static void delete(Path folder) {
    try (Stream<Path> walk = Files.walk(folder)) {
      walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
