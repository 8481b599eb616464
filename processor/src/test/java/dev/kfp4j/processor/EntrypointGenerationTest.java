package dev.kfp4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated entrypoints, byte for byte, against golden files in {@code src/test/resources/golden/entrypoints/}.
 *
 * <p>To regenerate the golden files after an intended change, run from the repository root and review the diff:
 * <pre>mvn -B -q verify -pl processor -am -Dtest=EntrypointGenerationTest -Dsurefire.failIfNoSpecifiedTests=false -Dkfp4j.updateGolden=true</pre>
 */
class EntrypointGenerationTest {

  private static final String UPDATE_PROPERTY = "kfp4j.updateGolden";
  private static final String GOLDEN = "golden/entrypoints/";
  private static final JavaFileObject AVERAGE = JavaFileObjects.forResource("sources/dev/kfp4j/example/avg/Average.java");
  private static final JavaFileObject STATISTICS =
      JavaFileObjects.forResource("sources/dev/kfp4j/example/stats/Statistics.java");

  private static Compilation compile(JavaFileObject... sources) {
    // The same option as example-avg's pom, so this is the example's compilation.
    Compilation compilation = Compiler.javac().withProcessors(new Kfp4jProcessor())
        .withOptions("-Akfp4j.image=kfp4j-example-avg:0.1.0").compile(sources);
    assertThat(compilation).succeeded();
    return compilation;
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev.kfp4j.example.avg.Average_AddEntrypoint", "dev.kfp4j.example.avg.Average_DivEntrypoint",
      "dev.kfp4j.example.stats.Statistics_SummarizeEntrypoint"})
  void entrypointMatchesGoldenFile(String entrypoint) throws IOException {
    Compilation compilation = compile(AVERAGE, STATISTICS);
    JavaFileObject generated = compilation.generatedSourceFile(entrypoint)
        .orElseThrow(() -> new AssertionError("no entrypoint " + entrypoint + " was generated"));
    assertMatchesGolden(entrypoint.substring(entrypoint.lastIndexOf('.') + 1) + ".java", bytes(generated));
  }

  @Test
  void recordResultIsOneOutputPerRecordComponent() {
    Compilation compilation = compile(STATISTICS);
    assertThat(compilation).generatedSourceFile("dev.kfp4j.example.stats.Statistics_SummarizeEntrypoint")
        .contentsAsUtf8String().contains("List.of(\"values\"), List.of(\"mean\", \"count\", \"sorted\"))");
  }

  @Test
  void userNamesNeverClashWithNamesInTheGeneratedCode() {
    // Parameters named like the generated locals, or like types the generated code uses in expressions
    // (Steps.add(…), Codecs.list(…), Pair.class), which a local variable of that name would obscure.
    JavaFileObject src = JavaFileObjects.forSourceString("test.Steps", """
        package test;

        import dev.kfp4j.annotations.Component;

        public final class Steps {
          public record Pair(int io, String result) {}

          @Component
          public static Pair add(int io, int result, String Steps, boolean Codecs, double String, long Pair) {
            return new Pair(io + result, Steps);
          }
        }
        """);
    Compilation compilation = Compiler.javac().withProcessors(new Kfp4jProcessor()).compile(src);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.Steps_AddEntrypoint").contentsAsUtf8String()
        .contains("Steps.Pair result_ = Steps.add(io_, result, Steps_, Codecs_, String_, Pair);");
  }

  @Test
  void componentInTheDefaultPackage() {
    JavaFileObject src = JavaFileObjects.forSourceString("Steps", """
        import dev.kfp4j.annotations.Component;

        public final class Steps {
          @Component
          public static String greet(String name) { return "hello " + name; }
        }
        """);
    Compilation compilation = Compiler.javac().withProcessors(new Kfp4jProcessor()).compile(src);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("Steps_GreetEntrypoint").contentsAsUtf8String()
        .contains("String result = Steps.greet(name);");
    assertThat(compilation).generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/kfp4j/components/Steps.greet.component")
        .contentsAsUtf8String().contains("name=greet\n");
  }

  @Test
  void descriptorFilesNameTheComponentAndItsInputs() throws IOException {
    Compilation compilation = compile(AVERAGE, STATISTICS);
    assertThat(descriptor(compilation, "dev.kfp4j.example.avg.Average.add")).isEqualTo("""
        # kfp4j component descriptor, written by the kfp4j processor
        format=1
        name=add
        method=add
        input=numbers
        """);
    assertThat(descriptor(compilation, "dev.kfp4j.example.avg.Average.div")).isEqualTo("""
        # kfp4j component descriptor, written by the kfp4j processor
        format=1
        name=div
        method=div
        input=sum
        input=numbers
        """);
    assertThat(descriptor(compilation, "dev.kfp4j.example.stats.Statistics.summarize")).isEqualTo("""
        # kfp4j component descriptor, written by the kfp4j processor
        format=1
        name=summarize
        method=summarize
        input=values
        """);
  }

  @Test
  void twoCompilesGiveIdenticalBytes() {
    Map<String, byte[]> first = generated(compile(AVERAGE, STATISTICS));
    Map<String, byte[]> second = generated(compile(AVERAGE, STATISTICS));
    // The order in which javac is handed the sources must not matter either.
    Map<String, byte[]> reversed = generated(compile(STATISTICS, AVERAGE));
    assertThat(first.keySet()).containsAtLeast(
        "/SOURCE_OUTPUT/dev/kfp4j/example/avg/Average_AddEntrypoint.java",
        "/CLASS_OUTPUT/META-INF/kfp4j/components/dev.kfp4j.example.avg.Average.add.component");
    for (Map<String, byte[]> other : List.of(second, reversed)) {
      assertThat(other.keySet()).containsExactlyElementsIn(first.keySet());
      for (String name : first.keySet()) {
        assertWithMessage(name).that(other.get(name)).isEqualTo(first.get(name));
      }
    }
  }

  private static String descriptor(Compilation compilation, String method) throws IOException {
    JavaFileObject file = compilation.generatedFile(StandardLocation.CLASS_OUTPUT,
        "META-INF/kfp4j/components/" + method + ".component")
        .orElseThrow(() -> new AssertionError("no descriptor for " + method));
    return new String(bytes(file), UTF_8);
  }

  /** Every generated file (sources, classes, resources) by its path below the output location. */
  private static Map<String, byte[]> generated(Compilation compilation) {
    Map<String, byte[]> files = new TreeMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      try {
        files.put(file.toUri().getPath(), bytes(file));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  private static byte[] bytes(JavaFileObject file) throws IOException {
    try (InputStream in = file.openInputStream()) {
      return in.readAllBytes();
    }
  }

  private static void assertMatchesGolden(String name, byte[] actual) throws IOException {
    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      Path golden = moduleDir().resolve("src/test/resources/" + GOLDEN + name);
      Files.createDirectories(golden.getParent());
      Files.write(golden, actual);
      System.out.println("rewrote " + golden);
      return;
    }
    byte[] expected;
    try (InputStream in = EntrypointGenerationTest.class.getClassLoader().getResourceAsStream(GOLDEN + name)) {
      if (in == null) {
        throw new AssertionError("no golden file " + GOLDEN + name + "; create it with -D" + UPDATE_PROPERTY + "=true");
      }
      expected = in.readAllBytes();
    }
    // Compare as text first for a readable diff, then as bytes (line endings, encoding).
    assertThat(new String(actual, UTF_8)).isEqualTo(new String(expected, UTF_8));
    assertThat(actual).isEqualTo(expected);
  }

  private static Path moduleDir() {
    // Surefire sets basedir to the module; fall back to the working directory, which it also uses.
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
  }
}
