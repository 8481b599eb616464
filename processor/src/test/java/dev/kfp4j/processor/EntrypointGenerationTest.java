package dev.kfp4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
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

  private static final String GOLDEN = "entrypoints/";
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
    GoldenFiles.assertMatches(GOLDEN, entrypoint.substring(entrypoint.lastIndexOf('.') + 1) + ".java", bytes(generated));
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
        output=Output
        """);
    assertThat(descriptor(compilation, "dev.kfp4j.example.avg.Average.div")).isEqualTo("""
        # kfp4j component descriptor, written by the kfp4j processor
        format=1
        name=div
        method=div
        input=sum
        input=numbers
        output=Output
        """);
    assertThat(descriptor(compilation, "dev.kfp4j.example.stats.Statistics.summarize")).isEqualTo("""
        # kfp4j component descriptor, written by the kfp4j processor
        format=1
        name=summarize
        method=summarize
        input=values
        output=mean
        output=count
        output=sorted
        """);
  }

  private static String descriptor(Compilation compilation, String method) throws IOException {
    JavaFileObject file = compilation.generatedFile(StandardLocation.CLASS_OUTPUT,
        "META-INF/kfp4j/components/" + method + ".component")
        .orElseThrow(() -> new AssertionError("no descriptor for " + method));
    return new String(bytes(file), UTF_8);
  }

  private static byte[] bytes(JavaFileObject file) throws IOException {
    try (InputStream in = file.openInputStream()) {
      return in.readAllBytes();
    }
  }
}
