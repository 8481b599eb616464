/**
 * The Argo Workflows client: loads a compiled pipeline's {@code workflow.yaml}, submits it to Kubernetes
 * (fabric8), watches it step by step, reads pod logs and the pipeline's outputs back; a plain library
 * (its commands are {@code kfp4j argo …} in kfp4j-cli).
 */
package dev.kfp4j.cluster.argo;
