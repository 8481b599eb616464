package dev.kfp4j.cluster.kfp;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One uploaded version of a pipeline ({@code v2beta1PipelineVersion}; the spec itself is not kept).
 *
 * @param pipelineId the pipeline it belongs to
 * @param pipelineVersionId the server's id of this version
 * @param name its name
 * @param displayName the name shown in the UI
 * @param description what changed
 * @param createdAt when it was uploaded (RFC 3339)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PipelineVersion(String pipelineId, String pipelineVersionId, String name, String displayName,
    String description, String createdAt) {}
