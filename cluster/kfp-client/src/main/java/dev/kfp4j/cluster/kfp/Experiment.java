package dev.kfp4j.cluster.kfp;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An experiment, the folder runs are grouped in ({@code v2beta1Experiment}).
 *
 * @param experimentId the server's id (null in a create request)
 * @param displayName its name, unique per namespace
 * @param description what it is for
 * @param namespace its namespace in multi-user mode
 * @param createdAt when it was created (RFC 3339)
 * @param storageState AVAILABLE or ARCHIVED
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Experiment(String experimentId, String displayName, String description, String namespace,
    String createdAt, String storageState) {}
