package dev.kfp4j.local.plan;

import java.util.Set;

/** A node of a run whose tasks are planned when it runs: a loop (per item) or a chain of conditions (per branch). */
public sealed interface PlannedScope permits PlannedLoop, PlannedCondition {

  /** Its path ({@code for-loop-1}, {@code inner/condition-branches-2}). */
  String path();

  /** The paths of the tasks that must succeed before it starts. */
  Set<String> dependencies();
}
