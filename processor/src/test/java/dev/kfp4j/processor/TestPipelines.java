package dev.kfp4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;

/**
 * The test pipelines under {@code src/test/resources/pipelines/} (see the README there), compiled once
 * per test JVM: {@code library/} on its own and packed as a jar, then everything else with that jar on
 * the class path. The spec tests check every file this produces, in both entrypoint modes ({@link #get()},
 * {@link #shared()}).
 */
final class TestPipelines {

  /** The processor options of every test compilation (the example's, so the golden files are its specs). */
  static final String IMAGE_OPTION = "-Akfp4j.image=kfp4j-example-avg:0.1.0";

  private static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  /** The processor option of the shared entrypoint mode (no generated entrypoint classes). */
  static final String SHARED_OPTION = "-Akfp4j.entrypoints=shared";

  private static TestPipelines instance;
  private static TestPipelines shared;

  private final SortedMap<String, byte[]> files;
  private final Path libraryJar;

  private TestPipelines(SortedMap<String, byte[]> files, Path libraryJar) {
    this.files = files;
    this.libraryJar = libraryJar;
  }

  /** The compiled test pipelines. */
  static synchronized TestPipelines get() {
    if (instance == null) {
      instance = compile();
    }
    return instance;
  }

  /** The same test pipelines compiled with {@link #SHARED_OPTION}, the library too. */
  static synchronized TestPipelines shared() {
    if (shared == null) {
      shared = compile(SHARED_OPTION);
    }
    return shared;
  }

  private static TestPipelines compile(String... options) {
    try {
      // With a start-up archive: the spec tests then validate that command line too.
      List<Object> libraryOptions = new ArrayList<>(List.of(IMAGE_OPTION, "-Akfp4j.cds.archive=/app/kfp4j.jsa"));
      libraryOptions.addAll(List.of(options));
      Compilation library = Compiler.javac().withProcessors(new Kfp4jProcessor())
          .withOptions(libraryOptions)
          .compile(sources("pipelines/library"));
      assertThat(library).succeededWithoutWarnings();
      Path folder = Files.createTempDirectory("kfp4j-test-library");
      folder.toFile().deleteOnExit(); // deleteOnExit runs in reverse order: the jar first, then its folder
      Path jar = folder.resolve("mathlib.jar");
      jar.toFile().deleteOnExit();
      writeJar(jar, outputs(library));

      List<JavaFileObject> sources = new ArrayList<>(sources("pipelines/main"));
      sources.addAll(sources("pipelines/consumer"));
      sources.add(JavaFileObjects.forResource("sources/dev/kfp4j/example/avg/Average.java"));
      Compilation main = compiler(options).withClasspath(classpathWith(jar)).compile(sources);
      assertThat(main).succeededWithoutWarnings();

      SortedMap<String, byte[]> files = new TreeMap<>(outputs(library));
      files.putAll(outputs(main));
      return new TestPipelines(files, jar);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** javac with the processor, the test options and {@code more}. */
  static Compiler compiler(String... more) {
    List<Object> options = new ArrayList<>(List.of(IMAGE_OPTION));
    options.addAll(List.of(more));
    return Compiler.javac().withProcessors(new Kfp4jProcessor()).withOptions(options);
  }

  /** The test class path plus {@code extra}. */
  static List<File> classpathWith(Path extra) {
    List<File> classpath = new ArrayList<>(List.of(extra.toFile()));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classpath.add(new File(entry));
    }
    return classpath;
  }

  /** Every {@code .java} file below a test resource folder, in a fixed order. */
  static List<JavaFileObject> sources(String folder) {
    try {
      Path root = Path.of(TestPipelines.class.getClassLoader().getResource(folder).toURI());
      try (Stream<Path> paths = Files.walk(root)) {
        return paths.filter(p -> p.toString().endsWith(".java")).sorted()
            .map(p -> folder + "/" + root.relativize(p).toString().replace(File.separatorChar, '/'))
            .map(JavaFileObjects::forResource).toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every file a compilation wrote (sources, classes, resources), by its path relative to its output folder. */
  static SortedMap<String, byte[]> outputs(Compilation compilation) {
    SortedMap<String, byte[]> outputs = new TreeMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      String path = file.toUri().getPath();
      // compile-testing names outputs /CLASS_OUTPUT/… and /SOURCE_OUTPUT/…
      String relative = path.substring(path.indexOf('/', 1) + 1);
      try (InputStream in = file.openInputStream()) {
        outputs.put(relative, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return outputs;
  }

  private static void writeJar(Path jar, Map<String, byte[]> entries) throws IOException {
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        if (entry.getKey().endsWith(".java")) {
          continue; // generated sources are not part of a library jar
        }
        zip.putNextEntry(new JarEntry(entry.getKey()));
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    }
  }

  /** Every generated file of both compilations (class output and generated sources), by relative path. */
  SortedMap<String, byte[]> files() {
    return files;
  }

  /** The library jar the consumer was compiled against. */
  Path libraryJar() {
    return libraryJar;
  }

  /** The files under {@code META-INF/kfp4j/<pipeline>/} whose path ends with {@code suffix}. */
  List<String> specFiles(String suffix) {
    return files.keySet().stream()
        .filter(p -> p.startsWith("META-INF/kfp4j/") && !p.startsWith("META-INF/kfp4j/components/") && p.endsWith(suffix))
        .toList();
  }

  /** A generated file's text. */
  String text(String path) {
    byte[] bytes = files.get(path);
    if (bytes == null) {
      throw new AssertionError("not generated: " + path + "; generated: " + files.keySet());
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** A generated YAML file, parsed (duplicate keys rejected). */
  JsonNode yaml(String path) {
    return parseYaml(text(path));
  }

  /** {@code pipeline.yaml} of a pipeline. */
  JsonNode ir(String pipeline) {
    return yaml("META-INF/kfp4j/" + pipeline + "/pipeline.yaml");
  }

  /** {@code workflow.yaml} of a pipeline. */
  JsonNode workflow(String pipeline) {
    return yaml("META-INF/kfp4j/" + pipeline + "/workflow.yaml");
  }

  /** YAML text, parsed as kubectl and the KFP server would (duplicate keys rejected). */
  static JsonNode parseYaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not valid YAML: " + e.getMessage(), e);
    }
  }
}
