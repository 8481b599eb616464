package dev.kfp4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Same source, same bytes: every generated source and resource, whatever order javac is handed the sources in. */
class ReproducibilityTest {

  @Test
  void twoCompilesGiveIdenticalBytesForEveryGeneratedFile() {
    List<JavaFileObject> sources = new ArrayList<>(TestPipelines.sources("pipelines/main"));
    sources.add(JavaFileObjects.forResource("sources/dev/kfp4j/example/avg/Average.java"));
    sources.add(JavaFileObjects.forResource("sources/dev/kfp4j/example/stats/Statistics.java"));
    Map<String, byte[]> first = generated(sources);
    Map<String, byte[]> again = generated(sources);
    Collections.reverse(sources);
    Map<String, byte[]> reversed = generated(sources);
    assertThat(first.keySet()).containsAtLeast(
        "dev/kfp4j/example/avg/Average_AddEntrypoint.java",
        "META-INF/kfp4j/components/dev.kfp4j.example.avg.Average.add.component",
        "META-INF/kfp4j/calculate-average/pipeline.yaml",
        "META-INF/kfp4j/calculate-average/workflow.yaml",
        "META-INF/kfp4j/outer/workflow.yaml",
        "com/acme/steps/Steps_StatsEntrypoint.java");
    for (Map<String, byte[]> other : List.of(again, reversed)) {
      assertThat(other.keySet()).containsExactlyElementsIn(first.keySet());
      for (String path : first.keySet()) {
        assertWithMessage(path).that(new String(other.get(path), UTF_8)).isEqualTo(new String(first.get(path), UTF_8));
        assertWithMessage(path).that(other.get(path)).isEqualTo(first.get(path));
      }
    }
  }

  /** Generated sources and resources (class files are javac's own output). */
  private static Map<String, byte[]> generated(List<JavaFileObject> sources) {
    Compilation compilation = TestPipelines.compiler().compile(sources);
    assertThat(compilation).succeededWithoutWarnings();
    Map<String, byte[]> files = new TreeMap<>(TestPipelines.outputs(compilation));
    files.keySet().removeIf(path -> path.endsWith(".class"));
    return files;
  }
}
