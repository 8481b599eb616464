package dev.kfp4j.cluster.kfp;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A pipeline registered in KFP ({@code v2beta1Pipeline}; only the fields kfp4j reads or writes).
 *
 * @param pipelineId the server's id
 * @param name the unique name
 * @param displayName the name shown in the UI
 * @param description what it does
 * @param namespace its namespace in multi-user mode, else empty
 * @param createdAt when it was uploaded (RFC 3339)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Pipeline(String pipelineId, String name, String displayName, String description, String namespace,
    String createdAt) {}
