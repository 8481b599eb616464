package dev.kfp4j.cli.argo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kfp4j.cluster.argo.ArgoTestSupport;
import dev.kfp4j.cluster.argo.ArgoWorkflows;
import dev.kfp4j.runtime.context.RunContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code kfp4j argo submit|wait|status|logs|list|stop|delete} commands, and the old top-level verbs that
 * are their aliases, against fabric8's mock API server in CRUD mode (not a real cluster; the test writes the
 * status an Argo controller would).
 */
@EnableKubernetesMockClient(crud = true)
class ArgoCliTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String NS = "cli";

  KubernetesMockServer server;
  KubernetesClient client;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @Command(name = "kfp4j")
  static final class Top {}

  @Test
  void submitWatchesToSuccessAndReadsTheOutputs(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("avg.json"), "2.5");
    String context = RunContext.create("r1", dir.toUri()).with("div.Output", dir.resolve("avg.json").toUri()).toJson();

    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run("argo", "submit", "diamond", "-n", NS,
        "-p", "message=hi", "--generate-name", "avg-", "-l", "team=ml", "--read-outputs", "--timeout", "1m"));
    String wf = awaitWorkflow();
    assertEquals("team=ml", labelsOf(wf));
    assertEquals(0, finish(exit, wf, "Succeeded", node(wf, "d1", "div", "Succeeded").put("finishedAt", "2026-01-01T10:00:09Z")
        .set("outputs", outputs(context))), err.toString());
    assertTrue(out.toString().contains("[div] Succeeded in 4.0s\n"), out.toString());
    assertTrue(out.toString().endsWith("outputs:\n  div.Output = 2.5\n"), out.toString());
  }

  @Test
  void aFailedRunPrintsTheFailedStepsLogAndExitsWithOne() throws Exception {
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run("argo", "submit", "diamond", "-n", NS));
    String wf = awaitWorkflow();
    client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("pod-b")
        .addToLabels("workflows.argoproj.io/workflow", wf).addToAnnotations("workflows.argoproj.io/node-id", "d1")
        .endMetadata().build()).create();
    server.expect().get().withPath("/api/v1/namespaces/" + NS + "/pods/pod-b/log?pretty=false&container=main")
        .andReturn(200, "dividing\nboom").always();
    assertEquals(1, finish(exit, wf, "Failed", node(wf, "d1", "div", "Failed").put("finishedAt", "2026-01-01T10:00:09Z")
        .put("message", "Error (exit code 5)")));
    assertTrue(out.toString().endsWith("--- log of failed step div ---\ndividing\nboom\n"), out.toString());

    assertEquals(0, run("argo", "logs", wf, "-n", NS, "--step", "div"));
    assertTrue(out.toString().endsWith("[div] dividing\n[div] boom\n"), out.toString());
    assertEquals(1, run("argo", "status", wf, "-n", NS));
    assertTrue(out.toString().contains(wf + "  Failed  10s\n  div  Failed  4s  Error (exit code 5)\n"), out.toString());
  }

  @Test
  void logsStreamWhileWatching() throws Exception {
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run("argo", "submit", "diamond", "-n", NS, "--logs"));
    String wf = awaitWorkflow();
    client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("pod-d")
        .addToLabels("workflows.argoproj.io/workflow", wf).addToAnnotations("workflows.argoproj.io/node-id", "d1")
        .endMetadata().build()).create();
    server.expect().get()
        .withPath("/api/v1/namespaces/" + NS + "/pods/pod-d/log?pretty=false&container=main&follow=true")
        .andReturn(200, "line one\nline two\n").always();
    assertEquals(0, finish(exit, wf, "Succeeded", node(wf, "d1", "div", "Succeeded").put("finishedAt", "2026-01-01T10:00:09Z")), err.toString());
    assertTrue(out.toString().contains("[div] line one\n[div] line two\n"), out.toString());
  }

  @Test
  void listStopAndDelete() {
    assertEquals(0, run("argo", "submit", "diamond", "-n", NS, "--no-wait"));
    String wf = out.toString().trim();
    assertEquals(0, run("argo", "list", "-n", NS));
    assertTrue(out.toString().endsWith("\n" + wf + "  Pending\n"), out.toString());
    assertEquals(0, run("argo", "stop", wf, "-n", NS, "--terminate"));
    assertEquals("Terminate", ArgoWorkflows.using(client).get(NS, wf).shutdown());
    assertEquals(0, run("argo", "delete", wf, "-n", NS));
    assertEquals(3, run("argo", "delete", wf, "-n", NS));
    assertEquals("kfp4j: workflow '" + wf + "' not found in namespace 'cli'\n", err.toString());
  }

  @Test
  void waitFollowsASubmittedWorkflowToItsEnd() throws Exception {
    assertEquals(0, run("argo", "submit", "diamond", "-n", NS, "--no-wait"));
    String wf = out.toString().trim();
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run("argo", "wait", wf, "-n", NS));
    ArgoTestSupport.awaitWatch(server);
    assertEquals(0, finish(exit, wf, "Succeeded", node(wf, "d1", "div", "Succeeded")
        .put("finishedAt", "2026-01-01T10:00:09Z")), err.toString());
    assertTrue(out.toString().contains("[div] Succeeded in 4.0s\n"), out.toString());
    assertTrue(out.toString().contains("workflow " + wf + " Succeeded in 10.0s\n"), out.toString());
  }

  @Test
  void theOldTopLevelVerbsStillWorkAsAliases() {
    assertEquals(0, run("submit", "diamond", "-n", NS, "--no-wait"));
    String wf = out.toString().trim();
    assertEquals(0, run("workflows", "-n", NS));
    assertTrue(out.toString().endsWith("\n" + wf + "  Pending\n"), out.toString());
    assertEquals(0, run("status", wf, "-n", NS));
    assertEquals(0, run("stop", wf, "-n", NS));
    assertEquals("Stop", ArgoWorkflows.using(client).get(NS, wf).shutdown());
    assertEquals(0, run("delete", wf, "-n", NS));
    assertEquals(3, run("logs", wf, "-n", NS));
    assertEquals("kfp4j: workflow '" + wf + "' not found in namespace 'cli'\n", err.toString());
  }

  @Test
  void errorsAreOneLineOnStandardErrorWithTheSharedExitCodes() {
    assertEquals(2, run("argo", "submit", "diamond", "-n", NS, "-p", "mesage=x"));
    assertEquals("kfp4j: unknown parameter 'mesage'; the workflow declares message, numbers\n", err.toString());
    assertEquals(3, run("argo", "submit", "no-such-pipeline", "-n", NS));
    assertTrue(err.toString().contains("kfp4j: no compiled pipeline 'no-such-pipeline' on the classpath"), err.toString());
    assertEquals(2, run("argo", "submit", "diamond", "--timeout", "soon"));
    assertTrue(err.toString().contains("'soon' is not a duration; write e.g. 500ms, 90s, 30m, 1h30m or 2d"),
        err.toString());
  }

  private int run(String... args) {
    CommandLine cli = new CommandLine(new Top());
    ArgoCommands.commands(() -> ArgoWorkflows.using(client)).forEach(cli::addSubcommand);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private String awaitWorkflow() throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      List<GenericKubernetesResource> items = client.genericKubernetesResources(ArgoWorkflows.WORKFLOWS)
          .inNamespace(NS).list().getItems();
      if (!items.isEmpty() && out.toString().contains("submitted")) {
        ArgoTestSupport.awaitWatch(server);
        return items.get(0).getMetadata().getName();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("nothing was submitted; stderr: " + err);
  }

  private String labelsOf(String wf) {
    return "team=" + client.genericKubernetesResources(ArgoWorkflows.WORKFLOWS).inNamespace(NS).withName(wf).get()
        .getMetadata().getLabels().get("team");
  }

  private static ObjectNode node(String wf, String id, String display, String phase) {
    ObjectNode node = JSON.createObjectNode().put("id", id).put("name", wf + "." + display).put("displayName", display)
        .put("type", "Pod").put("templateName", "echo").put("phase", phase).put("startedAt", "2026-01-01T10:00:05Z");
    return node;
  }

  private static ObjectNode outputs(String context) {
    ObjectNode outputs = JSON.createObjectNode();
    ArrayNode parameters = outputs.putArray("parameters");
    parameters.addObject().put("name", "context").put("value", context);
    return outputs;
  }

  /** Writes the final status, again while the command has not returned (a lost watch event), then its exit code. */
  private int finish(CompletableFuture<Integer> exit, String wf, String phase, ObjectNode... nodes) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // generous: shared, loaded build machines
    while (true) {
      write(wf, phase, nodes);
      try {
        return exit.get(2, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
    }
  }

  private void write(String wf, String phase, ObjectNode... nodes) {
    var resource = client.genericKubernetesResources(ArgoWorkflows.WORKFLOWS).inNamespace(NS).withName(wf);
    ObjectNode json = JSON.valueToTree(resource.get());
    json.withObjectProperty("metadata").withObjectProperty("annotations").put("kfp4j.test/write", System.nanoTime());
    ObjectNode status = json.putObject("status").put("phase", phase).put("startedAt", "2026-01-01T10:00:00Z")
        .put("finishedAt", "2026-01-01T10:00:10Z");
    ObjectNode byId = status.putObject("nodes");
    for (ObjectNode node : nodes) {
      byId.set(node.get("id").asText(), node);
    }
    client.genericKubernetesResources(ArgoWorkflows.WORKFLOWS).inNamespace(NS)
        .resource(JSON.convertValue(json, GenericKubernetesResource.class)).update();
  }
}
