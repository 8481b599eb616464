package dev.kfp4j.cluster.kfp;

/**
 * The server's error body ({@code googleRpcStatus}): a gRPC code and a message.
 *
 * @param code the gRPC status code (5 NOT_FOUND, 16 UNAUTHENTICATED, …)
 * @param message what went wrong
 */
public record RpcStatus(Integer code, String message) {}
