package dev.kfp4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The example's specs, byte for byte, against golden files in
 * {@code src/test/resources/golden/specs/calculate-average/}, and reproducible output: compiling the
 * same sources twice, in either order, gives identical bytes for every generated file.
 *
 * <p>To regenerate the golden files after an intended change, run from the repository root and review the diff:
 * <pre>mvn -B -q verify -pl processor -am -Dtest=SpecGoldenTest -Dsurefire.failIfNoSpecifiedTests=false -Dkfp4j.updateGolden=true</pre>
 */
class SpecGoldenTest {

  private static final String UPDATE_PROPERTY = "kfp4j.updateGolden";
  private static final String GOLDEN = "golden/specs/calculate-average/";
  private static final String GENERATED = "META-INF/kfp4j/calculate-average/";
  /** A copy of example-avg's Average.java (this module cannot depend on the example's). */
  private static final JavaFileObject AVERAGE = JavaFileObjects.forResource("sources/dev/kfp4j/example/avg/Average.java");

  @TestFactory
  Stream<DynamicTest> theExampleSpecsMatchTheGoldenFiles() throws IOException {
    // The options of example-avg's pom, so these are the specs its jar ships.
    Compilation compilation = TestPipelines.compiler().compile(AVERAGE);
    assertThat(compilation).succeededWithoutWarnings();
    SortedMap<String, byte[]> specs = new TreeMap<>();
    TestPipelines.outputs(compilation).forEach((path, bytes) -> {
      if (path.startsWith(GENERATED)) {
        specs.put(path.substring(GENERATED.length()), bytes);
      }
    });
    assertThat(specs.keySet()).containsExactly("components/add.yaml", "components/div.yaml", "pipeline.mmd",
        "pipeline.yaml", "workflow.yaml");
    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      rewrite(specs);
      return Stream.empty(); // the copies on the test class path are the old ones until the next build
    }
    return specs.entrySet().stream()
        .map(spec -> DynamicTest.dynamicTest(spec.getKey(), () -> assertMatchesGolden(spec.getKey(), spec.getValue())));
  }

  @Test
  void twoCompilesGiveIdenticalBytesForEveryGeneratedFile() {
    List<JavaFileObject> sources = new ArrayList<>(TestPipelines.sources("pipelines/main"));
    sources.add(AVERAGE);
    Map<String, byte[]> first = generated(sources);
    // The order in which javac is handed the sources must not matter either.
    Collections.reverse(sources);
    Map<String, byte[]> second = generated(sources);
    assertThat(first.keySet()).contains("META-INF/kfp4j/outer/workflow.yaml");
    assertThat(first.keySet()).contains("com/acme/steps/Steps_StatsEntrypoint.java");
    assertThat(second.keySet()).containsExactlyElementsIn(first.keySet());
    for (String path : first.keySet()) {
      assertWithMessage(path).that(new String(second.get(path), UTF_8)).isEqualTo(new String(first.get(path), UTF_8));
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

  private static void assertMatchesGolden(String name, byte[] actual) throws IOException {
    byte[] expected;
    try (InputStream in = SpecGoldenTest.class.getClassLoader().getResourceAsStream(GOLDEN + name)) {
      if (in == null) {
        throw new AssertionError("no golden file " + GOLDEN + name + "; create it with -D" + UPDATE_PROPERTY + "=true");
      }
      expected = in.readAllBytes();
    }
    // Compare as text first for a readable diff, then as bytes (line endings, encoding).
    assertThat(new String(actual, UTF_8)).isEqualTo(new String(expected, UTF_8));
    assertThat(actual).isEqualTo(expected);
  }

  private static void rewrite(Map<String, byte[]> specs) throws IOException {
    // Surefire runs in the module folder.
    Path folder = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "src/test/resources", GOLDEN);
    for (Map.Entry<String, byte[]> spec : specs.entrySet()) {
      Path golden = folder.resolve(spec.getKey());
      Files.createDirectories(golden.getParent());
      Files.write(golden, spec.getValue());
      System.out.println("rewrote " + golden);
    }
  }
}
