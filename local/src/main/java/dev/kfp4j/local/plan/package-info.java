/**
 * The local runner's plan: the compiled {@code pipeline.yaml} read into flat tasks (nested pipelines
 * expanded), each input's source and each task's dependencies, in topological order.
 */
package dev.kfp4j.local.plan;
