package dev.kfp4j.cluster.argo;

import static dev.kfp4j.cluster.argo.ArgoTestSupport.node;
import static dev.kfp4j.cluster.argo.ArgoTestSupport.setStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kfp4j.runtime.context.RunContext;
import dev.kfp4j.runtime.storage.Storage;
import dev.kfp4j.runtime.storage.StorageSettings;
import dev.kfp4j.runtime.value.ValueType;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watching a Workflow to its end on fabric8's mock API server (CRUD mode, real watch requests). No
 * Argo controller runs there, so the test plays it: it writes the status (phases, nodes, outputs)
 * step by step and waits until the watcher has seen each step before writing the next.
 */
@EnableKubernetesMockClient(crud = true)
class ArgoWatchTest {

  static final String NS = "runs";

  KubernetesMockServer server;
  KubernetesClient client;
  ArgoWorkflows argo;
  final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  final StringWriter printed = new StringWriter();

  @BeforeEach
  void setUp() {
    argo = ArgoWorkflows.using(client);
  }

  @Test
  void watchesNodeByNodeToSuccessAndReadsOutputsBackFromStorage(@TempDir Path dir) throws Exception {
    String wf = argo.submit(ArgoTestSupport.diamond(), SubmitOptions.defaults().withNamespace(NS)).name();
    URI root = dir.toUri();
    Files.writeString(dir.resolve("message.json"), "\"hello\"");
    Files.createDirectories(dir.resolve("D"));
    Files.writeString(dir.resolve("D/Output.json"), "[2.5,3.5]");
    String contextA = RunContext.create("run-1", root).with("message", root.resolve("message.json")).toJson();
    String contextD = RunContext.parse(contextA).with("D.Output", root.resolve("D/Output.json")).toJson();

    CompletableFuture<WorkflowRun> watched = watchInBackground(wf, Duration.ofSeconds(30));
    expect(wf + " workflow phase");
    ArgoTestSupport.awaitWatch(server);
    drive("A Running", () -> setStatus(client, NS, wf, "Running", null, "2026-01-01T10:00:00Z", null,
        node(wf, wf, wf, "DAG", "Running", "2026-01-01T10:00:00Z", null, Map.of()),
        node(wf, "a1", "A", "Pod", "Running", "2026-01-01T10:00:01Z", null, Map.of())));
    drive("A Succeeded", () -> setStatus(client, NS, wf, "Running", null, "2026-01-01T10:00:00Z", null,
        node(wf, wf, wf, "DAG", "Running", "2026-01-01T10:00:00Z", null, Map.of()),
        node(wf, "a1", "A", "Pod", "Succeeded", "2026-01-01T10:00:01Z", "2026-01-01T10:00:04Z",
            Map.of("context", contextA)),
        node(wf, "b1", "B", "Pod", "Running", "2026-01-01T10:00:05Z", null, Map.of()),
        node(wf, "c1", "C", "Skipped", "Skipped", "2026-01-01T10:00:05Z", "2026-01-01T10:00:05Z", Map.of())));
    WorkflowRun run = finish(watched, () -> setStatus(client, NS, wf, "Succeeded", null, "2026-01-01T10:00:00Z", "2026-01-01T10:00:20Z",
        node(wf, wf, wf, "DAG", "Succeeded", "2026-01-01T10:00:00Z", "2026-01-01T10:00:20Z", Map.of()),
        node(wf, "a1", "A", "Pod", "Succeeded", "2026-01-01T10:00:01Z", "2026-01-01T10:00:04Z",
            Map.of("context", contextA)),
        node(wf, "b1", "B", "Pod", "Succeeded", "2026-01-01T10:00:05Z", "2026-01-01T10:00:09Z", Map.of()),
        node(wf, "c1", "C", "Skipped", "Skipped", "2026-01-01T10:00:05Z", "2026-01-01T10:00:05Z", Map.of()),
        node(wf, "d1", "D", "Pod", "Succeeded", "2026-01-01T10:00:10Z", "2026-01-01T10:01:15Z",
            Map.of("context", contextD))));
    assertEquals("Succeeded", run.phase());
    assertEquals(String.join("\n",
        "workflow " + wf + " submitted to namespace " + NS,
        "workflow " + wf + " Running",
        "[A] Running",
        "[A] Succeeded in 3.0s",
        "[B] Running",
        "[C] Skipped in 0.0s",
        "[B] Succeeded in 4.0s",
        "[D] Succeeded in 1m05s",
        "workflow " + wf + " Succeeded in 20.0s", ""), printed.toString());

    assertEquals(Map.of("message", root.resolve("message.json"), "D.Output", root.resolve("D/Output.json")),
        WorkflowOutputs.addresses(run));
    try (Storage storage = Storage.create(List.of(root), StorageSettings.of(Map.of(), Map.of()))) {
      List<Double> output = WorkflowOutputs.read(storage, WorkflowOutputs.addresses(run).get("D.Output"),
          new ValueType<List<Double>>() {});
      assertEquals(List.of(2.5, 3.5), output);
      Map<String, JsonNode> all = WorkflowOutputs.readAll(run, storage);
      assertEquals("hello", all.get("message").asText());
    }
  }

  @Test
  void failureEndsTheWatchAndTheFailedStepsLogIsFetched() throws Exception {
    String wf = argo.submit(ArgoTestSupport.diamond(), SubmitOptions.defaults().withNamespace(NS)).name();
    // The pod as Argo labels and annotates it; the mock server serves its log from an expectation.
    client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName(wf + "-echo-123")
        .addToLabels(PodLogs.WORKFLOW_LABEL, wf).addToAnnotations(PodLogs.NODE_ID_ANNOTATION, "b1").endMetadata()
        .build()).create();
    server.expect().get().withPath("/api/v1/namespaces/" + NS + "/pods/" + wf + "-echo-123/log?pretty=false&container=main")
        .andReturn(200, "reading numbers\nException in thread \"main\" java.lang.ArithmeticException: / by zero\n")
        .once();

    CompletableFuture<WorkflowRun> watched = watchInBackground(wf, Duration.ofSeconds(30));
    expect(wf + " workflow phase");
    ArgoTestSupport.awaitWatch(server);
    WorkflowRun run = finish(watched, () -> setStatus(client, NS, wf, "Failed", "child 'b1' failed", "2026-01-01T10:00:00Z", "2026-01-01T10:00:09Z",
        node(wf, wf, wf, "DAG", "Failed", "2026-01-01T10:00:00Z", "2026-01-01T10:00:09Z", Map.of()),
        node(wf, "a1", "A", "Pod", "Succeeded", "2026-01-01T10:00:01Z", "2026-01-01T10:00:04Z", Map.of()),
        node(wf, "b1", "B", "Pod", "Failed", "2026-01-01T10:00:05Z", "2026-01-01T10:00:07Z", Map.of())
            .put("message", "Error (exit code 5)")));
    assertEquals("Failed", run.phase());
    assertTrue(printed.toString().contains("[B] Failed in 2.0s: Error (exit code 5)\n"), printed.toString());
    assertTrue(printed.toString().endsWith("workflow " + wf + " Failed in 9.0s: child 'b1' failed\n"), printed.toString());
    assertEquals(List.of("B"), run.failedSteps().stream().map(NodeRun::displayName).toList());
    Map<String, String> logs = new PodLogs(client).failedStepLogs(run);
    assertEquals(List.of("B"), List.copyOf(logs.keySet()));
    assertTrue(logs.get("B").contains("ArithmeticException: / by zero"), logs.get("B"));
  }

  @Test
  void aWatchThatOutlivesItsTimeoutSaysHowFarTheWorkflowGot() {
    String wf = argo.submit(ArgoTestSupport.diamond(), SubmitOptions.defaults().withNamespace(NS)).name();
    ArgoException e = assertThrows(ArgoException.class,
        () -> argo.watch(NS, wf, WorkflowListener.NONE, Duration.ofMillis(1500)));
    assertEquals("workflow '" + wf + "' in namespace '" + NS + "' did not finish within PT1.5S; last phase: "
        + "not yet picked up by the Argo controller", e.getMessage());
  }

  @Test
  void deletingTheWorkflowEndsTheWatchWithAClearError() throws Exception {
    String wf = argo.submit(ArgoTestSupport.diamond(), SubmitOptions.defaults().withNamespace(NS)).name();
    CompletableFuture<WorkflowRun> watched = watchInBackground(wf, Duration.ofSeconds(30));
    expect(wf + " workflow phase");
    ArgoTestSupport.awaitWatch(server);
    argo.delete(NS, wf);
    var e = assertThrows(java.util.concurrent.ExecutionException.class, () -> watched.get(30, TimeUnit.SECONDS));
    assertEquals("workflow '" + wf + "' in namespace '" + NS + "' was deleted while watching", e.getCause().getMessage());
  }

  @Test
  void watchingAMissingWorkflowFailsAtOnce() {
    ArgoException e = assertThrows(ArgoException.class,
        () -> argo.watch(NS, "nope", WorkflowListener.NONE, Duration.ofSeconds(5)));
    assertEquals("workflow 'nope' not found in namespace 'runs'", e.getMessage());
  }

  private CompletableFuture<WorkflowRun> watchInBackground(String wf, Duration timeout) {
    WorkflowListener recorder = new WorkflowListener() {
      @Override
      public void onNode(WorkflowRun run, NodeRun node, Optional<String> previousPhase) {
        events.add(node.displayName() + " " + node.phase());
      }

      @Override
      public void onPhase(WorkflowRun run) {
        events.add(run.name() + " workflow phase");
      }
    };
    PrintWriter out = new PrintWriter(printed, true);
    return CompletableFuture.supplyAsync(() -> argo.watch(NS, wf, recorder.andThen(new ProgressPrinter(out)), timeout));
  }

  /** Writes the final status and returns what the watch returned, writing again if the update was lost. */
  private static WorkflowRun finish(CompletableFuture<WorkflowRun> watched, Runnable write) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      write.run();
      try {
        return watched.get(2, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
    }
  }

  /** Waits until the watcher has reported {@code event}, so the next status write is a separate update. */
  private void expect(String event) throws InterruptedException {
    drive(event, () -> {});
  }

  /**
   * Writes a status, then waits until the watcher reports {@code event}, writing it again (as a
   * controller would) if the event does not come, so a lost event cannot hang the test.
   */
  private void drive(String event, Runnable write) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    write.run();
    while (System.nanoTime() < deadline) {
      String next = events.poll(2, TimeUnit.SECONDS);
      if (event.equals(next)) {
        return;
      }
      if (next == null) {
        write.run();
      }
    }
    assertNotNull(null, "the watcher never reported '" + event + "'");
  }
}
