/**
 * Registers the cluster clients' commands with {@code kfp4j}. The clients (kfp4j-argo, kfp4j-kfp-client)
 * do not depend on kfp4j-cli, so the adapters live here, where both are on the classpath.
 */
package dev.kfp4j.cli.cluster;
