/**
 * The Kubeflow Pipelines REST client (API v2beta1): loads a compiled pipeline's IR, uploads pipelines
 * and versions, finds or creates experiments, starts runs and waits for them; a plain library (its commands
 * are {@code kfp4j kfp …} in kfp4j-cli).
 */
package dev.kfp4j.cluster.kfp;
