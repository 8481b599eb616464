package dev.kfp4j.e2e;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.kfp4j.local.LocalRunner;
import dev.kfp4j.local.RunResult;
import dev.kfp4j.local.exec.Classpath;
import dev.kfp4j.wire.ComponentAddress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pipelines compiled with {@code -Akfp4j.entrypoints=shared} (no entrypoint class; each Java step runs the runtime's
 * shared entrypoint with the component's address) give the results of their generated-entrypoint build: the
 * example's average through the local runner in-process and with one JVM per task, and loops and conditions four
 * ways (direct call, local runner, the KFP launcher stand-in, the Argo controller stand-in).
 */
@EnableKubernetesMockClient(crud = true)
class SharedEntrypointEndToEndTest {

  KubernetesClient client;

  @TempDir
  Path temp;

  @Test
  void theExamplesAverageIsTheSameThroughEitherEntrypointInProcessAndInTaskJvms() throws Exception {
    CompiledSample shared = CompiledSample.shared("example/dev/kfp4j/example/avg/Average.java");
    try (Stream<Path> files = Files.walk(shared.classes())) {
      assertThat(files.map(Path::toString).filter(name -> name.endsWith("Entrypoint.class")).toList()).isEmpty();
    }
    String spec = Files.readString(shared.spec("calculate-average", "pipeline.yaml"));
    assertThat(spec).contains("- \"" + ComponentAddress.SHARED_ENTRYPOINT + "\"\n        - "
        + "\"dev.kfp4j.example.avg.Average#add\"");
    // The example's own generated build is on this JVM's classpath; the shared build's classes go first.
    List<Path> classpath = new ArrayList<>(List.of(shared.classes()));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classpath.add(Path.of(entry));
    }
    for (boolean inProcess : List.of(true, false)) {
      Map<String, Object> numbers = Map.of("numbers", List.of(1, 2, 3, 4, 6));
      RunResult generated = runner(temp.resolve("generated-" + inProcess), inProcess, Classpath.current())
          .run("calculate-average", numbers);
      RunResult viaShared = runner(temp.resolve("shared-" + inProcess), inProcess, Classpath.of(classpath))
          .run(shared.spec("calculate-average", "pipeline.yaml").toString(), numbers);
      assertWithMessage("%s", viaShared).that(viaShared.state()).isEqualTo(RunResult.State.SUCCEEDED);
      assertThat(viaShared.output("Output", Double.class)).isEqualTo(generated.output("Output", Double.class));
      assertThat(viaShared.output("Output", Double.class)).isEqualTo(3.2);
      assertThat(Files.readString(viaShared.task("add").log())).contains("dev.kfp4j.example.avg.Average#add, "
          + (inProcess ? "in-process" : "subprocess"));
      RunResult empty = runner(temp.resolve("shared-" + inProcess), inProcess, Classpath.of(classpath))
          .run(shared.spec("calculate-average", "pipeline.yaml").toString(), Map.of("numbers", List.of()));
      RunResult emptyGenerated = runner(temp.resolve("generated-" + inProcess), inProcess, Classpath.current())
          .run("calculate-average", Map.of("numbers", List.of()));
      assertThat(empty.task("div").error()).isEqualTo(emptyGenerated.task("div").error());
      assertThat(empty.task("div").exitCode()).isEqualTo(emptyGenerated.task("div").exitCode());
    }
  }

  static Stream<Arguments> pipelines() {
    return Stream.of(
        Arguments.of("user/com/acme/loops/Loops.java", "com.acme.loops.Loops", "nested-loops", "nestedLoops",
            LoopParityTest.ordered("rows", 2)),
        Arguments.of("user/com/acme/conditions/Conditions.java", "com.acme.conditions.Conditions", "nested-conditions",
            "nested", LoopParityTest.ordered("coin", "it's \"odd\"", "sides", 3)));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("pipelines")
  void loopsAndConditionsAgreeFourWays(String source, String className, String pipeline, String method,
      Map<String, Object> parameters) throws Exception {
    EngineParity.assertAgree(CompiledSample.shared(source), className, pipeline, method, parameters, temp, client);
  }

  private static LocalRunner runner(Path work, boolean inProcess, Classpath classpath) {
    return LocalRunner.builder().workDirectory(work).inProcess(inProcess).parallelism(2).stopOnSignal(false)
        .classpath(classpath).build();
  }
}
