package dev.kfp4j.e2e.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kfp4j.cluster.argo.ArgoWorkflows;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Part of the Argo controller TEST STAND-IN: the Workflow being run, as read from the API server (its spec and
 * global parameters), and the status the stand-in writes back to it node by node.
 */
final class ArgoWorkflowState {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final KubernetesClient client;
  final String namespace;
  final String name;
  final JsonNode spec;
  /** {@code workflow.name}, {@code workflow.namespace}, {@code workflow.uid}, {@code workflow.parameters.X}. */
  final Map<String, String> globals = new LinkedHashMap<>();
  final ObjectNode status = JSON.createObjectNode();
  private final ObjectNode nodes = status.putObject("nodes");

  private ArgoWorkflowState(KubernetesClient client, String namespace, String name, JsonNode workflow) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
    this.spec = workflow.path("spec");
    globals.put("workflow.name", name);
    globals.put("workflow.namespace", namespace);
    globals.put("workflow.uid", workflow.path("metadata").path("uid").asText());
    spec.path("arguments").path("parameters").forEach(p ->
        globals.put("workflow.parameters." + p.path("name").asText(), p.path("value").asText()));
  }

  /** The Workflow as the API server stores it (parameters as submitted). */
  static ArgoWorkflowState read(KubernetesClient client, String namespace, String name) {
    GenericKubernetesResource stored = resource(client, namespace, name).get();
    if (stored == null) {
      throw new IllegalStateException("no workflow " + name + " in namespace " + namespace);
    }
    return new ArgoWorkflowState(client, namespace, name, JSON.valueToTree(stored));
  }

  JsonNode template(String templateName) {
    for (JsonNode template : spec.path("templates")) {
      if (template.path("name").asText().equals(templateName)) {
        return template;
      }
    }
    throw new IllegalStateException("workflow " + name + " has no template '" + templateName + "'");
  }

  /** Adds a Running node to the status (and to its parent's children) and writes the status. */
  ObjectNode node(String nodeName, String display, String type, String templateName, String boundaryId,
      ObjectNode parent) {
    String id = ArgoControllerStandIn.nodeId(name, nodeName);
    ObjectNode node = nodes.putObject(id);
    node.put("id", id).put("name", nodeName).put("displayName", display).put("type", type)
        .put("templateName", templateName).put("phase", "Running").put("startedAt", ArgoControllerStandIn.now());
    if (boundaryId != null) {
      node.put("boundaryID", boundaryId);
    }
    if (parent != null) {
      parent.withArrayProperty("children").add(id);
    }
    write();
    return node;
  }

  /** Replaces the Workflow's status on the server, as the controller's update does. */
  void write() {
    ObjectNode current = JSON.valueToTree(resource(client, namespace, name).get());
    current.set("status", status.deepCopy());
    client.genericKubernetesResources(ArgoWorkflows.WORKFLOWS).inNamespace(namespace)
        .resource(JSON.convertValue(current, GenericKubernetesResource.class)).update();
  }

  private static Resource<GenericKubernetesResource> resource(KubernetesClient client, String namespace, String name) {
    return client.genericKubernetesResources(ArgoWorkflows.WORKFLOWS).inNamespace(namespace).withName(name);
  }
}
