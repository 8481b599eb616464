package dev.kfp4j.e2e;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loop pipelines ({@code user/com/acme/loops/Loops.java}: over a parameter, a task output, a constant, nested
 * loops, results collected through nested pipelines) give the same result four ways: calling the
 * {@code @Pipeline} method directly, the local runner, the KFP launcher stand-in running the IR, and the Argo
 * controller stand-in running the Workflow.
 */
@EnableKubernetesMockClient(crud = true)
class LoopParityTest {

  KubernetesClient client;

  @TempDir
  Path temp;

  static Stream<Arguments> pipelines() {
    return Stream.of(
        Arguments.of("tune", "tune", ordered("dataset", "abc", "rates", List.of(0.5, 2.0))),
        Arguments.of("loop-over-output", "loopOverOutput", ordered("n", 3)),
        Arguments.of("loop-over-constant", "loopOverConstant", ordered()),
        Arguments.of("nested-loops", "nestedLoops", ordered("rows", 2)),
        Arguments.of("collected-into-pipeline", "collectedIntoPipeline", ordered("xs", List.of(1, 2))));
  }

  /** Parameters in the method's order. */
  static Map<String, Object> ordered(Object... namesAndValues) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      parameters.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return parameters;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pipelines")
  void directCallLocalRunnerKfpAndArgoAgree(String pipeline, String method, Map<String, Object> parameters)
      throws Exception {
    EngineParity.assertAgree(CompiledSample.loops(), "com.acme.loops.Loops", pipeline, method, parameters, temp, client);
  }
}
