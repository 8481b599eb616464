package dev.kfp4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * The JVM options and start-up archive of the component containers ({@code -Akfp4j.jvm.options},
 * {@code -Akfp4j.cds.archive}, {@code -Akfp4j.aot.cache}) in both engines' specs. (The spec tests
 * validate a pipeline compiled with an archive against the engines' schemas: see TestPipelines.)
 */
class StartupOptionsTest {

  private static final JavaFileObject AVERAGE = JavaFileObjects.forResource("sources/dev/kfp4j/example/avg/Average.java");

  private static String spec(Compilation compilation, String file) throws IOException {
    return compilation.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/kfp4j/calculate-average/" + file)
        .orElseThrow().getCharContent(true).toString().replaceAll("\n *- ", " "); // a YAML list on one line
  }

  private static Compilation compile(String... options) {
    Compilation compilation = Compiler.javac().withProcessors(new Kfp4jProcessor()).withOptions((Object[]) options)
        .compile(AVERAGE);
    assertThat(compilation).succeeded();
    return compilation;
  }

  @Test
  void stepsRunAsShortLivedJvmsByDefault() throws IOException {
    Compilation compilation = compile();
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(spec(compilation, "components/add.yaml")).contains(
        "\"java\" \"-XX:TieredStopAtLevel=1\" \"-XX:+UseSerialGC\" \"-cp\"");
    assertThat(spec(compilation, "workflow.yaml")).doesNotContain("SharedArchiveFile");
  }

  @Test
  void theJvmOptionsCanBeReplacedOrDropped() throws IOException {
    String replaced = spec(compile("-Akfp4j.jvm.options=-Xmx512m  -XX:+UseParallelGC"), "workflow.yaml");
    assertThat(replaced).contains("\"java\" \"-Xmx512m\" \"-XX:+UseParallelGC\" \"-cp\"");
    assertThat(replaced).doesNotContain("UseSerialGC");
    assertThat(spec(compile("-Akfp4j.jvm.options="), "workflow.yaml")).contains("\"java\" \"-cp\"");
  }

  @Test
  void anArchiveInTheImageIsMappedWithTheJvmsMessagesOnStderr() throws IOException {
    Compilation compilation = compile("-Akfp4j.cds.archive=/app/kfp4j.jsa");
    assertThat(compilation).succeededWithoutWarnings();
    for (String file : new String[] {"workflow.yaml", "pipeline.yaml"}) {
      assertThat(spec(compilation, file)).contains(
          "\"-XX:+UseSerialGC\" \"-XX:SharedArchiveFile=/app/kfp4j.jsa\" \"-Xshare:auto\" \"-Xlog:disable\" \"-Xlog:all=warning:stderr\" \"-cp\"");
    }
  }

  @Test
  void aJdk25AotCacheTakesThePlaceOfTheArchive() throws IOException {
    Compilation compilation = compile("-Akfp4j.cds.archive=/app/kfp4j.jsa", "-Akfp4j.aot.cache=/app/kfp4j.aot");
    assertThat(compilation).hadWarningContaining("[kfp4j:BadOption] -Akfp4j.cds.archive=/app/kfp4j.jsa is not usable"
        + " together with -Akfp4j.aot.cache (a JVM maps one); using the AOT cache /app/kfp4j.aot");
    String workflow = spec(compilation, "workflow.yaml");
    assertThat(workflow).contains("\"-XX:AOTCache=/app/kfp4j.aot\"");
    assertThat(workflow).doesNotContain("SharedArchiveFile");
  }

  @Test
  void somethingThatIsNoJvmOptionIsLeftOutWithAWarning() throws IOException {
    Compilation compilation = compile("-Akfp4j.jvm.options=-Xss1m rm");
    assertThat(compilation).hadWarningContaining(
        "[kfp4j:BadOption] -Akfp4j.jvm.options=-Xss1m rm is not a list of JVM options ('rm' does not start with '-');"
            + " using the others, without it");
    assertThat(spec(compilation, "workflow.yaml")).contains("\"java\" \"-Xss1m\" \"-cp\"");
  }
}
