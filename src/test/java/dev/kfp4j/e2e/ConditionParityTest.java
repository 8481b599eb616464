package dev.kfp4j.e2e;

import static dev.kfp4j.e2e.LoopParityTest.ordered;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Condition pipelines ({@code user/com/acme/conditions/Conditions.java}: if / else if / else with one-of values,
 * nested chains, conditions in loops, a one-of value returned from a nested pipeline, quoted strings, enums), with
 * parameters that drive every branch, give the same result four ways: calling the {@code @Pipeline} method
 * directly, the local runner, the KFP launcher stand-in (conditions evaluated with CEL) and the Argo controller
 * stand-in ({@code when} evaluated as govaluate does).
 */
@EnableKubernetesMockClient(crud = true)
class ConditionParityTest {

  KubernetesClient client;

  @TempDir
  Path temp;

  static Stream<Arguments> pipelines() {
    return Stream.of(
        Arguments.of("deploy-or-not: if", "deploy-or-not", "deployOrNot", ordered("model", "abcdefghij", "threshold", 0.9)),
        Arguments.of("deploy-or-not: else if", "deploy-or-not", "deployOrNot", ordered("model", "abcdefg", "threshold", 0.9)),
        Arguments.of("deploy-or-not: else", "deploy-or-not", "deployOrNot", ordered("model", "ab", "threshold", 0.9)),
        Arguments.of("nested: heads, low", "nested-conditions", "nested", ordered("coin", "heads", "sides", 2)),
        Arguments.of("nested: a coin with quotes", "nested-conditions", "nested",
            ordered("coin", "it's \"odd\"", "sides", 3)),
        Arguments.of("in a loop", "conditions-in-loop", "inLoop", ordered("sizes", List.of(1, 3, 5))),
        Arguments.of("outer: long, careful", "outer-with-oneof", "outer", ordered("model", "abcdefghij", "mode", "CAREFUL")),
        Arguments.of("outer: short", "outer-with-oneof", "outer", ordered("model", "ab", "mode", "FAST")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pipelines")
  void directCallLocalRunnerKfpAndArgoAgreeOnEveryBranch(String label, String pipeline, String method,
      Map<String, Object> parameters) throws Exception {
    EngineParity.assertAgree(CompiledSample.conditions(), "com.acme.conditions.Conditions", pipeline, method,
        parameters, temp, client);
  }
}
