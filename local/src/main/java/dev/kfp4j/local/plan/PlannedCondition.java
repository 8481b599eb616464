package dev.kfp4j.local.plan;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A chain of conditions (KFP's {@code triggerPolicy.condition} on each branch of a {@code condition-branches} group,
 * or on a lone condition): when it can start, each branch's condition is evaluated on the run's values, and the
 * branches whose condition holds are planned and run.
 *
 * @param path the chain's path; branch {@code b}'s tasks are {@code <path>/<b>/<task>} (a lone condition's are
 *     {@code <path>/<task>})
 * @param dependencies the paths of the tasks that must succeed before it starts
 * @param outputs each one-of output → the output of each branch (by branch name) that holds its value
 * @param branches the branches, in order
 */
public record PlannedCondition(String path, Set<String> dependencies, Map<String, Map<String, String>> outputs,
    List<Branch> branches) implements PlannedScope {

  public PlannedCondition {
    dependencies = Set.copyOf(dependencies);
    outputs = Map.copyOf(outputs);
    branches = List.copyOf(branches);
  }

  /** The value name of one of the chain's one-of outputs. */
  public String valueName(String output) {
    return path + "." + output;
  }

  /**
   * One branch.
   *
   * @param name its task name ({@code condition-2})
   * @param path its path, the prefix of its tasks' paths
   * @param condition when it runs
   * @param inputs the values its condition reads, by input name
   * @param plan plans its tasks; {@code collected} of the result maps each branch output to its value name
   */
  public record Branch(String name, String path, TriggerCondition condition, Map<String, Source> inputs,
      Supplier<PlannedLoop.Iteration> plan) {
    public Branch {
      inputs = Map.copyOf(inputs);
    }
  }
}
