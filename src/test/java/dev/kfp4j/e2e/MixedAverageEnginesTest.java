package dev.kfp4j.e2e;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kfp4j.cluster.argo.ArgoWorkflows;
import dev.kfp4j.cluster.argo.NodeRun;
import dev.kfp4j.cluster.argo.ProgressPrinter;
import dev.kfp4j.cluster.argo.SubmitOptions;
import dev.kfp4j.cluster.argo.WorkflowOutputs;
import dev.kfp4j.cluster.argo.WorkflowRun;
import dev.kfp4j.cluster.argo.WorkflowSpecs;
import dev.kfp4j.e2e.standin.ArgoControllerStandIn;
import dev.kfp4j.e2e.standin.KfpLauncherStandIn;
import dev.kfp4j.e2e.standin.LocalPods;
import dev.kfp4j.runtime.storage.Storage;
import dev.kfp4j.runtime.storage.StorageSettings;
import dev.kfp4j.runtime.value.ValueType;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example's {@code mixed-average} specs through the engines' test stand-ins (not Argo, not KFP; see
 * {@code standin/}): the Argo Workflow — the Python step with the run's contexts, the published component as
 * fetch → run → store — and the KFP IR — the Python step with KFP's executor input, the published component
 * with KFP's placeholders. Container steps' own programs run on this machine
 * ({@link LocalPods#withHostPrograms}), with the same {@code gsutil} stand-in as {@link MixedAverageEndToEndTest}.
 */
@EnableKubernetesMockClient(crud = true)
class MixedAverageEnginesTest {

  private static final String NS = "e2e";
  private static final ObjectMapper JSON = new ObjectMapper();

  KubernetesMockServer server;
  KubernetesClient client;

  @TempDir
  Path temp;

  private LocalPods pods() throws Exception {
    return LocalPods.withClasspath(List.of()).withHostPrograms(Map.of("/app", MixedAverageEndToEndTest.PYTHON_STEPS),
        List.of(MixedAverageEndToEndTest.gsutilStandIn(temp)));
  }

  @Test
  void theArgoWorkflowRunsAllThreeKindsOfSteps() throws Exception {
    ObjectNode workflow = WorkflowSpecs.fromClasspath("mixed-average", getClass().getClassLoader());
    URI localRoot = URI.create(temp.toRealPath().resolve("runs").toUri() + "/");
    LocalPods pods = pods().rewritingRoot("s3://kfp4j/runs/", localRoot.toString());
    ArgoWorkflows argo = ArgoWorkflows.using(client);
    WorkflowRun submitted = argo.submit(workflow, SubmitOptions.defaults().withNamespace(NS)
        .withParameter("numbers", "[1,2,3,6]").withParameter("offset", "4"));
    StringWriter progress = new StringWriter();
    CompletableFuture<WorkflowRun> watched = CompletableFuture.supplyAsync(() -> argo.watch(NS, submitted.name(),
        new ProgressPrinter(new PrintWriter(progress, true)), Duration.ofMinutes(2)));
    awaitWatch();
    ArgoControllerStandIn controller = new ArgoControllerStandIn(client, pods, temp.resolve("pods"));
    controller.run(NS, submitted.name());
    WorkflowRun run = watched.get(2, TimeUnit.MINUTES);

    assertWithMessage("%s\n%s", run, controller.logs()).that(run.phase()).isEqualTo("Succeeded");
    assertThat(run.nodes().stream().filter(NodeRun::isPod).map(NodeRun::displayName).toList())
        .containsExactly("kfp4j-init", "add", "fetch", "run", "store", "div");
    try (Storage storage = Storage.create(List.of(localRoot), StorageSettings.of(Map.of(), Map.of()))) {
      Map<String, URI> addresses = WorkflowOutputs.addresses(run);
      assertThat(WorkflowOutputs.read(storage, addresses.get("add.Output"), ValueType.of(int.class))).isEqualTo(12);
      assertThat(WorkflowOutputs.read(storage, addresses.get("add-offset.sum"), ValueType.of(int.class))).isEqualTo(16);
      URI average = WorkflowOutputs.pipelineOutputs(run).get("Output");
      assertThat(WorkflowOutputs.read(storage, average, ValueType.of(double.class))).isEqualTo(4.0);
    }
  }

  @Test
  void theKfpIrRunsAllThreeKindsOfSteps() throws Exception {
    JsonNode ir = new YAMLMapper().readTree(resource("META-INF/kfp4j/mixed-average/pipeline.yaml"));
    for (KfpLauncherStandIn.NumberStyle style : KfpLauncherStandIn.NumberStyle.values()) {
      KfpLauncherStandIn kfp = new KfpLauncherStandIn(pods(), temp.resolve(style.name()), style);
      Map<String, JsonNode> outputs = kfp.run(ir, Map.of("numbers", JSON.readTree("[1,2,3,6]"),
          "offset", JSON.readTree("4")));
      assertWithMessage("%s", kfp.logs()).that(outputs.get("Output").doubleValue()).isEqualTo(4.0);
      assertThat(kfp.executorInputs()).containsKey("add");
    }
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = MixedAverageEnginesTest.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new AssertionError("no " + name + " on the test classpath");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private void awaitWatch() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      RecordedRequest request = server.takeRequest(200, TimeUnit.MILLISECONDS);
      if (request != null && request.getPath().contains("/workflows") && request.getPath().contains("watch=true")) {
        return;
      }
    }
    throw new AssertionError("the watcher never opened a watch on the mock server");
  }
}
