package dev.kfp4j.cluster.argo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Plays the Argo controller against fabric8's mock API server: writes a Workflow's status. */
public final class ArgoTestSupport {

  static final ObjectMapper JSON = JsonMapper.builder().build();

  private ArgoTestSupport() {}

  /** The diamond fixture from the test classpath. */
  static ObjectNode diamond() {
    return WorkflowSpecs.fromClasspath("diamond", ArgoTestSupport.class.getClassLoader());
  }

  /** A status node, as the Argo controller writes it. */
  static ObjectNode node(String workflow, String id, String display, String type, String phase, String startedAt,
      String finishedAt, Map<String, String> outputs) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", id);
    node.put("name", id.equals(workflow) ? workflow : workflow + "." + display);
    node.put("displayName", display);
    node.put("type", type);
    node.put("templateName", type.equals("DAG") ? "diamond" : "echo");
    node.put("phase", phase);
    if (startedAt != null) {
      node.put("startedAt", startedAt);
    }
    if (finishedAt != null) {
      node.put("finishedAt", finishedAt);
    }
    if (!outputs.isEmpty()) {
      ArrayNode parameters = node.putObject("outputs").putArray("parameters");
      outputs.forEach((name, value) -> parameters.addObject().put("name", name).put("value", value));
    }
    return node;
  }

  /** Replaces the workflow's status (phase and nodes) on the server, as the controller would. */
  static void setStatus(KubernetesClient client, String namespace, String name, String phase, String message,
      String startedAt, String finishedAt, ObjectNode... nodes) {
    var resource = client.genericKubernetesResources(ArgoWorkflows.WORKFLOWS).inNamespace(namespace).withName(name);
    GenericKubernetesResource current = resource.get();
    ObjectNode json = JSON.valueToTree(current);
    // Every write changes the object, so writing the same status again is a new watch event.
    json.withObjectProperty("metadata").withObjectProperty("annotations").put("kfp4j.test/write", System.nanoTime());
    ObjectNode status = json.putObject("status");
    status.put("phase", phase);
    if (message != null) {
      status.put("message", message);
    }
    if (startedAt != null) {
      status.put("startedAt", startedAt);
    }
    if (finishedAt != null) {
      status.put("finishedAt", finishedAt);
    }
    ObjectNode byId = status.putObject("nodes");
    for (ObjectNode node : nodes) {
      byId.set(node.get("id").asText(), node);
    }
    client.genericKubernetesResources(ArgoWorkflows.WORKFLOWS).inNamespace(namespace)
        .resource(JSON.convertValue(json, GenericKubernetesResource.class)).update();
  }

  /**
   * Waits until the client has opened its watch on the mock server. The mock server, unlike a real
   * API server, does not replay events that happened between the informer's list and its watch.
   */
  public static void awaitWatch(KubernetesMockServer server) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      RecordedRequest request = server.takeRequest(200, TimeUnit.MILLISECONDS);
      if (request != null && request.getPath().contains("/workflows") && request.getPath().contains("watch=true")) {
        return;
      }
    }
    throw new AssertionError("the watcher never opened a watch on the mock server");
  }

  static JsonNode stored(KubernetesClient client, String namespace, String name) {
    return JSON.valueToTree(client.genericKubernetesResources(ArgoWorkflows.WORKFLOWS).inNamespace(namespace)
        .withName(name).get());
  }
}
