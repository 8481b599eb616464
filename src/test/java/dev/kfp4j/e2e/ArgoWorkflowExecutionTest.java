package dev.kfp4j.e2e;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kfp4j.cluster.argo.ArgoException;
import dev.kfp4j.cluster.argo.ArgoWorkflows;
import dev.kfp4j.cluster.argo.NodeRun;
import dev.kfp4j.cluster.argo.ProgressPrinter;
import dev.kfp4j.cluster.argo.SubmitOptions;
import dev.kfp4j.cluster.argo.WorkflowOutputs;
import dev.kfp4j.cluster.argo.WorkflowRun;
import dev.kfp4j.cluster.argo.WorkflowSpecs;
import dev.kfp4j.e2e.standin.ArgoControllerStandIn;
import dev.kfp4j.e2e.standin.LocalPods;
import dev.kfp4j.runtime.storage.Storage;
import dev.kfp4j.runtime.storage.StorageSettings;
import dev.kfp4j.runtime.value.ValueType;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Argo Workflows the processor generated really run: each is submitted through {@link ArgoWorkflows} to
 * fabric8's mock API server (CRUD mode: the Workflow is stored, watched, updated), then
 * {@link ArgoControllerStandIn} — a test stand-in for the Argo controller, not Argo — runs it: DAG order, Argo's
 * substitutions, each step's container command as a local JVM, outputs from files, node statuses written back.
 * kfp4j reads the result the way it would from a real cluster: {@code watch}, then the pipeline outputs named
 * by the {@code kfp4j.dev/outputs} annotation, read from storage.
 */
@EnableKubernetesMockClient(crud = true)
class ArgoWorkflowExecutionTest {

  private static final String NS = "e2e";

  KubernetesMockServer server;
  KubernetesClient client;

  @TempDir
  Path temp;

  @Test
  void theExamplesCompiledWorkflowAveragesOneTwoThreeToTwo() throws Exception {
    // example-avg's jar as built: its workflow.yaml stores values under s3://kfp4j/runs/ (the default
    // -Akfp4j.storage.root); with no S3 here, the pods rewrite that one prefix to a local folder.
    ObjectNode workflow = WorkflowSpecs.fromClasspath("calculate-average", getClass().getClassLoader());
    URI localRoot = URI.create(temp.toRealPath().resolve("runs").toUri() + "/");
    LocalPods pods = LocalPods.withClasspath(List.of()).rewritingRoot("s3://kfp4j/runs/", localRoot.toString());
    ArgoWorkflows argo = ArgoWorkflows.using(client);
    WorkflowRun submitted = argo.submit(workflow,
        SubmitOptions.defaults().withNamespace(NS).withParameter("numbers", "[1,2,3]"));
    assertThat(submitted.name()).startsWith("calculate-average-");

    StringWriter progress = new StringWriter();
    CompletableFuture<WorkflowRun> watched = CompletableFuture.supplyAsync(() -> argo.watch(NS, submitted.name(),
        new ProgressPrinter(new PrintWriter(progress, true)), Duration.ofMinutes(2)));
    awaitWatch();
    ArgoControllerStandIn controller = new ArgoControllerStandIn(client, pods, temp.resolve("pods"));
    controller.run(NS, submitted.name());
    WorkflowRun run = watched.get(2, TimeUnit.MINUTES);

    assertWithMessage("%s\n%s", run, controller.logs()).that(run.phase()).isEqualTo("Succeeded");
    assertThat(run.nodes().stream().filter(NodeRun::isPod).map(NodeRun::displayName).toList())
        .containsExactly("kfp4j-init", "add", "div");
    assertThat(progress.toString()).contains("[add] Succeeded");
    assertThat(progress.toString()).contains("[div] Succeeded");

    SortedMap<String, URI> outputs = WorkflowOutputs.pipelineOutputs(run);
    URI average = URI.create(localRoot + submitted.name() + "/div/Output.json");
    assertThat(outputs).containsExactly("Output", average);
    try (Storage storage = Storage.create(List.of(localRoot), StorageSettings.of(Map.of(), Map.of()))) {
      assertThat(WorkflowOutputs.read(storage, average, ValueType.of(double.class))).isEqualTo(2.0);
      URI sum = WorkflowOutputs.addresses(run).get("add.Output");
      assertThat(WorkflowOutputs.read(storage, sum, ValueType.of(int.class))).isEqualTo(6);
    }
  }

  @Test
  void theNestedSampleRunsWithItsEscapedConstantsAndPrefixes() throws Exception {
    CompiledSample stats = CompiledSample.stats();
    ObjectNode workflow = WorkflowSpecs.fromFile(stats.spec("outer-pipeline", "workflow.yaml"));
    ArgoWorkflows argo = ArgoWorkflows.using(client);
    String name = argo.submit(workflow, SubmitOptions.defaults().withNamespace(NS)
        .withParameter("numbers", "[1,2,3]").withParameter("factor", "1.5")).name();
    ArgoControllerStandIn controller = new ArgoControllerStandIn(client,
        LocalPods.withClasspath(List.of(stats.classes())), temp.resolve("pods"));
    controller.run(NS, name);
    WorkflowRun run = argo.watch(NS, name, new ProgressPrinter(new PrintWriter(new StringWriter())), Duration.ofMinutes(1));

    assertWithMessage("%s\n%s", run, controller.logs()).that(run.phase()).isEqualTo("Succeeded");
    // The string constant reached the component as written: Argo did not read its "{{" as a tag.
    assertThat(controller.logs().get(name + ".inner.report")).isEqualTo("mean={{workflow.name}} \"quoted\"\n2.0\n");
    assertThat(controller.logs().get(name + ".inner-2.report")).isEqualTo("mean={{workflow.name}} \"quoted\"\n0.0\n");
    assertThat(controller.logs().get(name + ".report")).isEqualTo("second0.0\n");
    // summarize has retries = 2: a Retry node around its pod, as Argo records it.
    assertThat(run.nodes().stream().filter(n -> n.name().equals(name + ".inner.summarize")).map(NodeRun::type).toList())
        .containsExactly("Retry");
    assertThat(run.node(ArgoControllerStandIn.nodeId(name, name + ".inner.summarize(0)"))
        .map(NodeRun::phase)).hasValue("Succeeded");

    SortedMap<String, URI> outputs = WorkflowOutputs.pipelineOutputs(run);
    assertThat(outputs.keySet()).containsExactly("Output");
    SortedMap<String, URI> addresses = WorkflowOutputs.addresses(run);
    // Nested tasks store their values under their pipeline task's prefix.
    assertThat(addresses.get("inner/summarize.mean")).isEqualTo(URI.create(stats.storageRoot() + name
        + "/inner/summarize/mean.json"));
    try (Storage storage = Storage.create(List.of(stats.storageRoot()), StorageSettings.of(Map.of(), Map.of()))) {
      assertThat(WorkflowOutputs.read(storage, outputs.get("Output"), new ValueType<Map<String, Double>>() {}))
          .containsExactly("m", 3.0);
      assertThat(read(storage, addresses, "inner/summarize.mean").doubleValue()).isEqualTo(2.0);
      assertThat(read(storage, addresses, "inner/summarize.count").intValue()).isEqualTo(3);
      assertThat(read(storage, addresses, "inner/summarize.values").toString()).isEqualTo("[1,2,3]");
      assertThat(read(storage, addresses, "clip.Output").toString()).isEqualTo("[]");
      assertThat(read(storage, addresses, "inner-2/summarize.mean").doubleValue()).isEqualTo(0.0);
      assertThat(read(storage, addresses, "factor").doubleValue()).isEqualTo(1.5);
    }
  }

  @Test
  void aMissingParameterFailsTheInitStepWithItsOwnMessage() throws Exception {
    ObjectNode workflow = WorkflowSpecs.fromClasspath("calculate-average", getClass().getClassLoader());
    ArgoWorkflows argo = ArgoWorkflows.using(client);
    // kfp4j's own client refuses the placeholder before anything reaches the cluster...
    assertThat(assertThrows(ArgoException.class, () -> argo.submit(workflow, SubmitOptions.defaults().withNamespace(NS)))
        .getMessage()).isEqualTo("parameter 'numbers' has no value; pass one (-p numbers=VALUE)");
    // ...but `kubectl create -f workflow.yaml` without setting it reaches the init step, which refuses it.
    ObjectNode created = workflow.deepCopy();
    created.withObjectProperty("metadata").put("namespace", NS);
    GenericKubernetesResource resource = new ObjectMapper().convertValue(created, GenericKubernetesResource.class);
    String name = client.genericKubernetesResources(ArgoWorkflows.WORKFLOWS).inNamespace(NS).resource(resource).create()
        .getMetadata().getName();
    LocalPods pods = LocalPods.withClasspath(List.of())
        .rewritingRoot("s3://kfp4j/runs/", temp.toRealPath().resolve("runs").toUri() + "/");
    ArgoControllerStandIn controller = new ArgoControllerStandIn(client, pods, temp.resolve("pods"));
    controller.run(NS, name);
    WorkflowRun run = argo.watch(NS, name, new ProgressPrinter(new PrintWriter(new StringWriter())), Duration.ofMinutes(1));

    assertThat(run.phase()).isEqualTo("Failed");
    assertThat(run.failedSteps().stream().map(n -> n.displayName() + ": " + n.message()).toList())
        .containsExactly("kfp4j-init: Error (exit code 4)");
    assertThat(controller.logs().get(name + ".kfp4j-init"))
        .isEqualTo("kfp4j: init: pipeline parameter 'numbers' was not given; submit with -p numbers=<value>\n");
    // Nothing after the init step ran.
    assertThat(run.nodes().stream().filter(NodeRun::isPod).map(NodeRun::displayName).toList())
        .containsExactly("kfp4j-init");
  }

  private static JsonNode read(Storage storage, Map<String, URI> addresses, String value) throws Exception {
    URI address = addresses.get(value);
    assertWithMessage("no value %s in %s", value, addresses.keySet()).that(address).isNotNull();
    return WorkflowOutputs.read(storage, address, ValueType.of(JsonNode.class));
  }

  /** Waits for the watcher's watch request: the mock server, unlike an API server, replays no missed events. */
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
