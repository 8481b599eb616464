package dev.kfp4j.cluster.kfp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A run's parameter values (JSON values, typed as the IR declares them) and pipeline root (where
 * its outputs are stored; the server's default when null).
 *
 * @param parameters values by pipeline parameter name
 * @param pipelineRoot e.g. {@code minio://mlpipeline/v2/artifacts} or {@code s3://bucket/prefix}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuntimeConfig(Map<String, JsonNode> parameters, String pipelineRoot) {}
