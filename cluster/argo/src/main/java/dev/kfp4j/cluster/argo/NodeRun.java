package dev.kfp4j.cluster.argo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One node of a workflow's status ({@code status.nodes[id]}): a step's pod, a DAG, a retry group, a
 * skipped task.
 *
 * @param id the node id (the key in {@code status.nodes})
 * @param name the full node name ({@code wf.add})
 * @param displayName the short name shown to people ({@code add})
 * @param type Pod, DAG, Steps, Retry, Skipped, …
 * @param templateName the template the node ran
 * @param phase Pending, Running, Succeeded, Skipped, Failed, Error, Omitted
 * @param message the controller's message (why a node failed), or empty
 * @param startedAt when it started, if it did
 * @param finishedAt when it finished, if it did
 * @param outputParameters the node's output parameters by name
 */
public record NodeRun(
    String id,
    String name,
    String displayName,
    String type,
    String templateName,
    String phase,
    String message,
    Optional<Instant> startedAt,
    Optional<Instant> finishedAt,
    Map<String, String> outputParameters) {

  /** Copies the output parameters, sorted. */
  public NodeRun {
    outputParameters = Map.copyOf(new TreeMap<>(outputParameters));
  }

  static NodeRun from(String id, JsonNode node) {
    Map<String, String> outputs = new TreeMap<>();
    node.path("outputs").path("parameters").forEach(p -> {
      if (p.hasNonNull("value")) {
        outputs.put(p.path("name").asText(), p.get("value").asText());
      }
    });
    String name = node.path("name").asText(id);
    return new NodeRun(id, name, node.path("displayName").asText(name), node.path("type").asText(""),
        node.path("templateName").asText(""), node.path("phase").asText("Pending"), node.path("message").asText(""),
        WorkflowRun.instant(node.path("startedAt")), WorkflowRun.instant(node.path("finishedAt")), outputs);
  }

  /** Whether the node has finished, whatever the outcome. */
  public boolean finished() {
    return WorkflowRun.TERMINAL_NODE_PHASES.contains(phase);
  }

  /** Whether the node failed (Failed or Error). */
  public boolean failed() {
    return phase.equals("Failed") || phase.equals("Error");
  }

  /** Whether the node ran a pod (the only nodes with logs). */
  public boolean isPod() {
    return type.equals("Pod");
  }

  /** How long it ran, once finished. */
  public Optional<Duration> duration() {
    return startedAt.flatMap(start -> finishedAt.map(end -> Duration.between(start, end)));
  }
}
