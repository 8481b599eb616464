package dev.kfp4j.wire;

/**
 * Names in a kfp4j Argo Workflow that the processor writes and the Argo client reads: its annotations and labels,
 * the task that starts a run, and the value that marks a parameter the submitter must set.
 */
public final class WorkflowNames {

  /** Workflow annotation: a JSON object of pipeline output name → the value name holding it in the final contexts. */
  public static final String OUTPUTS_ANNOTATION = "kfp4j.dev/outputs";
  /** Workflow label: the pipeline's name. */
  public static final String PIPELINE_LABEL = "kfp4j.dev/pipeline";
  /** The task (and template) that starts a run by storing the pipeline's parameters; no pipeline task has this name. */
  public static final String INIT_TASK = "kfp4j-init";
  /** The main class the init task runs. */
  public static final String INIT_MAIN = "dev.kfp4j.runtime.entrypoint.InitMain";
  /** The main class of the Argo steps that list a loop's items and gather its collected outputs. */
  public static final String LOOP_MAIN = "dev.kfp4j.runtime.entrypoint.LoopMain";
  /** The main class of the Argo steps around a condition chain: its operands, its one-of values. */
  public static final String CONDITION_MAIN = "dev.kfp4j.runtime.entrypoint.ConditionMain";
  /** The main class of the steps that fetch a plain container step's inputs and store its outputs. */
  public static final String CONTAINER_VALUES_MAIN = "dev.kfp4j.runtime.container.ContainerValuesMain";
  /** The init step's kind of a pipeline input that is an artifact to import (besides the {@link ParameterKind}s). */
  public static final String ARTIFACT_KIND = "ARTIFACT";
  /** A required pipeline parameter's value until the submitter sets it; the init step refuses it. */
  public static final String REQUIRED = "kfp4j:required";

  private WorkflowNames() {}
}
