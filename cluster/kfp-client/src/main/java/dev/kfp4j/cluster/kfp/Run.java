package dev.kfp4j.cluster.kfp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * A pipeline run ({@code v2beta1Run}): what a create request sends and what get/list return. Task
 * details and plugin fields are not modelled.
 *
 * @param runId the server's id (output)
 * @param experimentId the experiment it belongs to
 * @param displayName its name (required input)
 * @param description what it is
 * @param pipelineSpec the IR, inline (instead of a version reference)
 * @param pipelineVersionReference the uploaded pipeline version it runs
 * @param runtimeConfig parameter values and pipeline root
 * @param serviceAccount the Kubernetes service account its pods use
 * @param state PENDING, RUNNING, SUCCEEDED, SKIPPED, FAILED, CANCELING, CANCELED, PAUSED (output)
 * @param error why it failed (output)
 * @param createdAt when it was created (output)
 * @param finishedAt when it finished (output)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Run(
    String runId,
    String experimentId,
    String displayName,
    String description,
    JsonNode pipelineSpec,
    PipelineVersionReference pipelineVersionReference,
    RuntimeConfig runtimeConfig,
    String serviceAccount,
    String state,
    RpcStatus error,
    String createdAt,
    String finishedAt) {

  /** The states after which a run changes no more. */
  public static final Set<String> TERMINAL_STATES = Set.of("SUCCEEDED", "FAILED", "SKIPPED", "CANCELED");

  /** Whether the run has finished. */
  public boolean finished() {
    return state != null && TERMINAL_STATES.contains(state);
  }

  /** Whether it finished successfully. */
  public boolean succeeded() {
    return "SUCCEEDED".equals(state);
  }

  /** A request to run the uploaded {@code reference} in {@code experimentId}. */
  public static Run of(String displayName, String experimentId, PipelineVersionReference reference,
      RuntimeConfig config, String serviceAccount) {
    return new Run(null, experimentId, displayName, null, null, reference, config, serviceAccount, null, null, null,
        null);
  }

  /** A request to run the inline IR {@code pipelineSpec} in {@code experimentId}. */
  public static Run inline(String displayName, String experimentId, JsonNode pipelineSpec, RuntimeConfig config,
      String serviceAccount) {
    return new Run(null, experimentId, displayName, null, pipelineSpec, null, config, serviceAccount, null, null, null,
        null);
  }
}
