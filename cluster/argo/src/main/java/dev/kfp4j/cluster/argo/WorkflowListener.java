package dev.kfp4j.cluster.argo;

import java.util.Optional;

/** Hears about a watched workflow: each node whose phase changed, and each change of the workflow's phase. */
public interface WorkflowListener {

  /** Hears nothing. */
  WorkflowListener NONE = new WorkflowListener() {};

  /** A node appeared or changed phase; {@code previousPhase} is empty for a node seen for the first time. */
  default void onNode(WorkflowRun run, NodeRun node, Optional<String> previousPhase) {}

  /** The workflow's phase changed (also called once for the phase first seen). */
  default void onPhase(WorkflowRun run) {}

  /** Both listeners, this one first. */
  default WorkflowListener andThen(WorkflowListener next) {
    WorkflowListener first = this;
    return new WorkflowListener() {
      @Override
      public void onNode(WorkflowRun run, NodeRun node, Optional<String> previousPhase) {
        first.onNode(run, node, previousPhase);
        next.onNode(run, node, previousPhase);
      }

      @Override
      public void onPhase(WorkflowRun run) {
        first.onPhase(run);
        next.onPhase(run);
      }
    };
  }
}
