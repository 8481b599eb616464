package dev.kfp4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The example's specs, byte for byte, against golden files in
 * {@code src/test/resources/golden/specs/calculate-average/} ({@link GoldenFiles}); that every generated
 * file is reproducible is {@link ReproducibilityTest}'s.
 *
 * <p>To regenerate the golden files after an intended change, run from the repository root and review the diff:
 * <pre>mvn -B -q verify -pl processor -am -Dtest=SpecGoldenTest -Dsurefire.failIfNoSpecifiedTests=false -Dkfp4j.updateGolden=true</pre>
 */
class SpecGoldenTest {

  private static final String GOLDEN = "specs/calculate-average/";
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
    assertThat(specs.keySet()).containsExactly("components/add.yaml", "components/div.yaml", "pipeline.descriptor",
        "pipeline.mmd",
        "pipeline.yaml", "workflow.yaml");
    return specs.entrySet().stream().map(spec -> DynamicTest.dynamicTest(spec.getKey(),
        () -> GoldenFiles.assertMatches(GOLDEN, spec.getKey(), spec.getValue())));
  }

  /**
   * Control flow, every spec file of each test pipeline in {@code golden/specs/<kind>/<pipeline>/}: loops ({@code
   * tune}, a loop over a parameter with fan-in; {@code nested-loops}, a loop in a loop over a task output),
   * conditions ({@code train-and-maybe-deploy}, an if / else if / else chain with a one-of value; {@code
   * conditions-and-loops}) and exit handlers ({@code train-with-clean-up}).
   */
  @TestFactory
  Stream<DynamicTest> theControlFlowSpecsMatchTheGoldenFiles() {
    return Stream.concat(Stream.concat(specs("loops", "tune", "nested-loops"),
        specs("conditions", "train-and-maybe-deploy", "conditions-and-loops")), specs("exits", "train-with-clean-up"));
  }

  /**
   * Component files with artifacts ({@code file-artifacts}: KFP's published trainer and a v2 IR file between Java
   * components), every spec file in {@code golden/specs/containers/file-artifacts/}.
   */
  @TestFactory
  Stream<DynamicTest> theComponentFileArtifactSpecsMatchTheGoldenFiles() {
    return specs("containers", "file-artifacts");
  }

  private static Stream<DynamicTest> specs(String kind, String... names) {
    TestPipelines pipelines = TestPipelines.get();
    return Stream.of(names).flatMap(pipeline -> {
      String generated = "META-INF/kfp4j/" + pipeline + "/";
      List<String> files = Stream.of("pipeline.yaml", "workflow.yaml", "pipeline.mmd")
          .filter(name -> pipelines.files().containsKey(generated + name)).toList();
      assertThat(files).containsExactly("pipeline.yaml", "workflow.yaml", "pipeline.mmd");
      return files.stream().map(name -> DynamicTest.dynamicTest(pipeline + "/" + name,
          () -> GoldenFiles.assertMatches("specs/" + kind + "/" + pipeline + "/", name,
              pipelines.files().get(generated + name))));
    });
  }
}
