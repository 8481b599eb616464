package dev.kfp4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.kfp4j.wire.ComponentAddress;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Components of a library jar in a project of the other entrypoint mode: a component runs its library's generated
 * entrypoint if the library has one, whatever the project's mode; if not (a library compiled with
 * {@code -Akfp4j.entrypoints=shared}) the shared entrypoint, when its descriptor says all that needs; else it is the
 * usual {@code LibraryComponentNotProcessed} error.
 */
class LibraryEntrypointsTest {

  private static final String SHARED = ComponentAddress.SHARED_ENTRYPOINT;

  /** A record result with an artifact, a void component and a component of a nested class. */
  private static final JavaFileObject LIBRARY = JavaFileObjects.forSourceString("lib.Tools", """
      package lib;

      import static dev.kfp4j.annotations.Artifact.Type.DATASET;

      import dev.kfp4j.annotations.Artifact;
      import dev.kfp4j.annotations.Component;
      import java.io.IOException;
      import java.nio.file.Files;
      import java.nio.file.Path;
      import java.util.List;

      public final class Tools {
        private Tools() {}

        public record Counted(@Artifact(DATASET) Path lines, int count) {}

        @Component
        public static Counted count(List<String> words) throws IOException {
          return new Counted(Files.write(Files.createTempFile("words", ".txt"), words), words.size());
        }

        @Component
        public static void log(int count) {
          System.out.println(count);
        }

        public static final class Text {
          private Text() {}

          @Component(name = "shout")
          public static String upper(String text) {
            return text.toUpperCase();
          }
        }
      }
      """);

  private static final JavaFileObject CONSUMER = JavaFileObjects.forSourceString("app.Uses", """
      package app;

      import dev.kfp4j.annotations.Component;
      import dev.kfp4j.annotations.Pipeline;
      import java.io.IOException;
      import java.util.List;
      import lib.Tools;

      public final class Uses {
        private Uses() {}

        @Component
        public static int twice(int x) {
          return 2 * x;
        }

        @Pipeline(name = "uses-tools")
        public static String uses(List<String> words) throws IOException {
          Tools.Counted counted = Tools.count(words);
          Tools.log(twice(counted.count()));
          return Tools.Text.upper("done");
        }
      }
      """);

  @Test
  void aSharedLibrarysComponentsRunThroughTheSharedEntrypointInAGeneratedProject(@TempDir Path dir) throws IOException {
    Path jar = library(dir, UnaryOperator.identity(), TestPipelines.SHARED_OPTION);
    Compilation compilation = TestPipelines.compiler().withClasspath(TestPipelines.classpathWith(jar)).compile(CONSUMER);
    assertThat(compilation).succeededWithoutWarnings();
    String cp = "/app/resources:/app/classes:/app/libs/*";
    Map<String, List<String>> expected = Map.of(
        "count", List.of(cp, SHARED, "lib.Tools#count"),
        "log", List.of(cp, SHARED, "lib.Tools#log"),
        "shout", List.of(cp, SHARED, "lib.Tools$Text#upper"),
        "twice", List.of("-cp", cp, "app.Uses_TwiceEntrypoint"));
    assertThat(kfpCommandEnds(compilation)).isEqualTo(expected);
    assertThat(argoCommandEnds(compilation)).isEqualTo(expected);
  }

  @Test
  void aGeneratedLibrarysEntrypointsRunInASharedProject(@TempDir Path dir) throws IOException {
    Path jar = library(dir, UnaryOperator.identity());
    Compilation compilation = TestPipelines.compiler(TestPipelines.SHARED_OPTION)
        .withClasspath(TestPipelines.classpathWith(jar)).compile(CONSUMER);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation.generatedFile(StandardLocation.SOURCE_OUTPUT, "app/Uses_TwiceEntrypoint.java")).isEmpty();
    String cp = "/app/resources:/app/classes:/app/libs/*";
    Map<String, List<String>> expected = Map.of(
        "count", List.of("-cp", cp, "lib.Tools_CountEntrypoint"),
        "log", List.of("-cp", cp, "lib.Tools_LogEntrypoint"),
        "shout", List.of("-cp", cp, "lib.Tools_Text_UpperEntrypoint"),
        "twice", List.of(cp, SHARED, "app.Uses#twice"));
    assertThat(kfpCommandEnds(compilation)).isEqualTo(expected);
    assertThat(argoCommandEnds(compilation)).isEqualTo(expected);
  }

  /**
   * A library without entrypoint classes whose descriptor an older processor wrote (no {@code output=} line for a
   * method that returns something): the error of a library not compiled with kfp4j, on the call. A void method
   * without artifacts needs no such line, so its older descriptor is enough.
   */
  @Test
  void aLibraryWithoutItsEntrypointAndWithAnOlderDescriptorIsAnError(@TempDir Path dir) throws IOException {
    Path jar = library(dir, LibraryEntrypointsTest::withoutOutputsAndArtifacts, TestPipelines.SHARED_OPTION);
    Compilation compilation = TestPipelines.compiler().withClasspath(TestPipelines.classpathWith(jar)).compile(CONSUMER);
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining("[kfp4j:LibraryComponentNotProcessed] 'count' is a @Component method"
        + " of a compiled class, but lib.Tools_CountEntrypoint is not on the class path").inFile(CONSUMER)
        .onLineContaining("Tools.count(words)");
    assertThat(compilation).hadErrorContaining("'upper' is a @Component method of a compiled class, but"
        + " lib.Tools_Text_UpperEntrypoint is not on the class path").inFile(CONSUMER)
        .onLineContaining("Tools.Text.upper(\"done\")");
  }

  @Test
  void aVoidComponentsOlderDescriptorIsEnoughForTheSharedEntrypoint(@TempDir Path dir) throws IOException {
    Path jar = library(dir, LibraryEntrypointsTest::withoutOutputsAndArtifacts, TestPipelines.SHARED_OPTION);
    JavaFileObject logs = JavaFileObjects.forSourceString("app.Logs", """
        package app;

        import dev.kfp4j.annotations.Pipeline;
        import lib.Tools;

        public final class Logs {
          private Logs() {}

          @Pipeline(name = "logs")
          public static void logs(int count) {
            Tools.log(count);
          }
        }
        """);
    Compilation compilation = TestPipelines.compiler().withClasspath(TestPipelines.classpathWith(jar)).compile(logs);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(spec(compilation, "logs", "pipeline.yaml").at("/deploymentSpec/executors/exec-log/container/command")
        .toString()).endsWith("\"" + SHARED + "\",\"lib.Tools#log\"]");
  }

  /** An older processor's descriptor: names and inputs only. */
  private static String withoutOutputsAndArtifacts(String descriptor) {
    return descriptor.replaceAll("(?m)^(output|artifact)=.*\n", "");
  }

  /** The library compiled with {@code options}, its descriptors edited by {@code descriptors}, as a jar. */
  private static Path library(Path dir, UnaryOperator<String> descriptors, String... options) throws IOException {
    Compilation compilation = TestPipelines.compiler(options).compile(LIBRARY);
    assertThat(compilation).succeededWithoutWarnings();
    SortedMap<String, byte[]> entries = new TreeMap<>(TestPipelines.outputs(compilation));
    entries.keySet().removeIf(path -> path.endsWith(".java"));
    entries.replaceAll((path, bytes) -> path.endsWith(".component")
        ? descriptors.apply(new String(bytes, UTF_8)).getBytes(UTF_8) : bytes);
    assertThat(entries).containsKey("META-INF/kfp4j/components/lib.Tools.Text.upper.component");
    Path jar = dir.resolve("tools.jar");
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        zip.putNextEntry(new JarEntry(entry.getKey()));
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    }
    return jar;
  }

  private static JsonNode spec(Compilation compilation, String pipeline, String file) {
    try {
      return TestPipelines.parseYaml(compilation.generatedFile(StandardLocation.CLASS_OUTPUT,
          "META-INF/kfp4j/" + pipeline + "/" + file).orElseThrow().getCharContent(true).toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last three words of each KFP executor's command, by component. */
  private static Map<String, List<String>> kfpCommandEnds(Compilation compilation) {
    Map<String, List<String>> ends = new TreeMap<>();
    spec(compilation, "uses-tools", "pipeline.yaml").at("/deploymentSpec/executors").properties().forEach(executor ->
        ends.put(executor.getKey().substring("exec-".length()), lastThree(executor.getValue().at("/container/command"))));
    return ends;
  }

  /** The last three words of each Argo container template's command, by template. */
  private static Map<String, List<String>> argoCommandEnds(Compilation compilation) {
    Map<String, List<String>> ends = new TreeMap<>();
    for (JsonNode template : spec(compilation, "uses-tools", "workflow.yaml").at("/spec/templates")) {
      String name = template.get("name").asText();
      if (template.has("container") && !name.startsWith("kfp4j-")) {
        ends.put(name, lastThree(template.at("/container/command")));
      }
    }
    return ends;
  }

  private static List<String> lastThree(JsonNode command) {
    int size = command.size();
    return List.of(command.get(size - 3).asText(), command.get(size - 2).asText(), command.get(size - 1).asText());
  }
}
