package dev.kfp4j.local.plan;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * A loop of a pipeline (KFP's {@code parameterIterator}): its iterations are planned when it runs, from the
 * list its items binding reads then.
 *
 * @param path the loop's path ({@code for-loop-1}, {@code inner/for-loop-2}); iteration {@code i}'s tasks are
 *     {@code <path>/<i>/<task>}, and its collected lists the run's values {@code <path>.<output>}
 * @param items the list it iterates over
 * @param parallelism at most this many iterations at once; 0 for no limit of its own
 * @param dependencies the paths of the tasks that must succeed before it starts
 * @param outputs the loop's collected outputs
 * @param iteration plans iteration {@code i}
 */
public record PlannedLoop(String path, Source items, int parallelism, Set<String> dependencies, List<String> outputs,
    IntFunction<Iteration> iteration) implements PlannedScope {

  public PlannedLoop {
    dependencies = Set.copyOf(dependencies);
    outputs = List.copyOf(outputs);
  }

  /** The value name of one of the loop's collected outputs. */
  public String valueName(String output) {
    return path + "." + output;
  }

  /**
   * One iteration, planned.
   *
   * @param tasks its container tasks, dependencies first
   * @param loops the loops and condition chains inside it, by path
   * @param collected each loop output → the value name this iteration contributes to it
   */
  public record Iteration(List<PlannedTask> tasks, Map<String, PlannedScope> loops, Map<String, String> collected) {
    public Iteration {
      tasks = List.copyOf(tasks);
      loops = Map.copyOf(loops);
      collected = Map.copyOf(collected);
    }
  }
}
