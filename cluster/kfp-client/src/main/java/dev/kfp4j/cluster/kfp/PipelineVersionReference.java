package dev.kfp4j.cluster.kfp;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Which uploaded pipeline (and version; the latest when null) a run runs.
 *
 * @param pipelineId the pipeline's id
 * @param pipelineVersionId the version's id, or null for the latest
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PipelineVersionReference(String pipelineId, String pipelineVersionId) {}
