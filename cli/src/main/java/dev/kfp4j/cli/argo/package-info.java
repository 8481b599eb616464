/**
 * {@code kfp4j argo submit|wait|status|logs|list|stop|delete} (and the old top-level aliases), registered
 * only when kfp4j-argo and the Kubernetes client are on the classpath.
 */
package dev.kfp4j.cli.argo;
