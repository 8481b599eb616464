package dev.kfp4j.e2e;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kfp4j.cluster.argo.ArgoWorkflows;
import dev.kfp4j.cluster.argo.ProgressPrinter;
import dev.kfp4j.cluster.argo.SubmitOptions;
import dev.kfp4j.cluster.argo.WorkflowRun;
import dev.kfp4j.cluster.argo.WorkflowSpecs;
import dev.kfp4j.e2e.standin.ArgoControllerStandIn;
import dev.kfp4j.e2e.standin.KfpLauncherStandIn;
import dev.kfp4j.e2e.standin.LocalPods;
import dev.kfp4j.local.exec.Classpath;
import dev.kfp4j.local.LocalRunner;
import dev.kfp4j.local.RunResult;
import dev.kfp4j.local.run.TaskState;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exit handler pipelines ({@code user/com/acme/exits/CleanUps.java}) end the same way four ways: the direct call
 * (returns, or throws after its finally block ran), the local runner, the KFP launcher stand-in and the Argo
 * controller stand-in — the run succeeds or fails as the try block did, and the clean-up tasks ran in every case.
 */
@EnableKubernetesMockClient(crud = true)
class ExitHandlerParityTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  KubernetesClient client;

  @TempDir
  Path temp;

  static Stream<Arguments> pipelines() {
    return Stream.of(
        Arguments.of("train-with-clean-up", "trainWithCleanUp", LoopParityTest.ordered("dataset", "abcdefghij",
            "threshold", 0.5), true, List.of("clean-up-2", "print-op")),
        Arguments.of("train-with-clean-up", "trainWithCleanUp", LoopParityTest.ordered("dataset", "", "threshold", 0.5),
            false, List.of("clean-up-2", "print-op")),
        Arguments.of("pipeline-with-exit-handler", "withExitHandler", LoopParityTest.ordered("message", "Hello"), false,
            List.of("print-op-2")));
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("pipelines")
  void theRunEndsAsTheTryBlockDidAndTheCleanUpRanEveryWay(String pipeline, String method,
      Map<String, Object> parameters, boolean succeeds, List<String> cleanUps) throws Exception {
    CompiledSample sample = CompiledSample.exits();
    boolean direct = direct(sample, method, parameters);
    assertWithMessage("direct call").that(direct).isEqualTo(succeeds);

    List<Path> classpath = new ArrayList<>(List.of(sample.classes()));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classpath.add(Path.of(entry));
    }
    RunResult local = LocalRunner.builder().workDirectory(temp.resolve("local")).inProcess(true).parallelism(2)
        .stopOnSignal(false).classpath(Classpath.of(classpath)).build().run(pipeline, parameters);
    assertWithMessage("%s", local).that(local.state())
        .isEqualTo(succeeds ? RunResult.State.SUCCEEDED : RunResult.State.FAILED);
    for (String cleanUp : cleanUps) {
      assertWithMessage("%s", local).that(local.task(cleanUp).state()).isEqualTo(TaskState.SUCCEEDED);
    }

    JsonNode ir = new YAMLMapper().readTree(sample.spec(pipeline, "pipeline.yaml").toFile());
    Map<String, JsonNode> values = new LinkedHashMap<>();
    parameters.forEach((name, value) -> values.put(name, JSON.valueToTree(value)));
    KfpLauncherStandIn kfp = new KfpLauncherStandIn(LocalPods.withClasspath(List.of(sample.classes())),
        temp.resolve("kfp"), KfpLauncherStandIn.NumberStyle.PROTOJSON);
    if (succeeds) {
      kfp.run(ir, values);
    } else {
      assertThrows(KfpLauncherStandIn.TaskFailedException.class, () -> kfp.run(ir, values));
    }
    assertWithMessage("KFP ran the clean-up tasks").that(kfp.logs().keySet()).containsAtLeastElementsIn(cleanUps);

    ObjectNode workflow = WorkflowSpecs.fromFile(sample.spec(pipeline, "workflow.yaml"));
    ArgoWorkflows argo = ArgoWorkflows.using(client);
    SubmitOptions options = SubmitOptions.defaults().withNamespace("e2e");
    for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
      options = options.withParameter(parameter.getKey(), parameter.getValue() instanceof String text ? text
          : JSON.writeValueAsString(parameter.getValue()));
    }
    String name = argo.submit(workflow, options).name();
    ArgoControllerStandIn controller = new ArgoControllerStandIn(client,
        LocalPods.withClasspath(List.of(sample.classes())), temp.resolve("pods"));
    controller.run("e2e", name);
    WorkflowRun run = argo.watch("e2e", name, new ProgressPrinter(new PrintWriter(new StringWriter())),
        Duration.ofMinutes(2));
    assertWithMessage("%s\n%s", run, controller.logs()).that(run.phase()).isEqualTo(succeeds ? "Succeeded" : "Failed");
    for (String cleanUp : cleanUps) {
      assertThat(run.nodes().stream().filter(node -> node.displayName().equals(cleanUp)).map(node -> node.phase())
          .toList()).containsExactly("Succeeded");
    }
  }

  /** Whether the direct call returned (false: it threw, after its finally block ran). */
  private static boolean direct(CompiledSample sample, String method, Map<String, Object> parameters) throws Exception {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {sample.classes().toUri().toURL()},
        ExitHandlerParityTest.class.getClassLoader())) {
      Class<?> type = loader.loadClass("com.acme.exits.CleanUps");
      for (Method candidate : type.getMethods()) {
        if (candidate.getName().equals(method)) {
          try {
            candidate.invoke(null, parameters.values().toArray());
            return true;
          } catch (InvocationTargetException e) {
            return false;
          }
        }
      }
    }
    throw new AssertionError("no method " + method);
  }
}
