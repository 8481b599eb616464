package dev.kfp4j.local.plan;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A compiled pipeline as the runner runs it: its parameters, its container tasks (nested pipelines
 * flattened) in an order where every task comes after its dependencies, and its outputs.
 *
 * @param name the pipeline's name ({@code pipelineInfo.name})
 * @param description its description, or empty
 * @param source where the spec was read from, for messages
 * @param parameters the declared inputs, by name (sorted)
 * @param tasks the container tasks, dependencies first
 * @param outputs each pipeline output's value name ({@code Output → div.Output})
 * @param outputKinds each pipeline output's KFP kind
 * @param loops the loops and condition chains of its DAG (outside any other), by path; their tasks are planned as
 *     they run
 */
public record Plan(String name, String description, String source, Map<String, Parameter> parameters,
    List<PlannedTask> tasks, Map<String, String> outputs, Map<String, String> outputKinds, Map<String, PlannedScope> loops) {

  public Plan {
    parameters = Map.copyOf(parameters);
    tasks = List.copyOf(tasks);
    outputs = Map.copyOf(outputs);
    outputKinds = Map.copyOf(outputKinds);
    loops = Map.copyOf(loops);
  }

  /** A plan without loops. */
  public Plan(String name, String description, String source, Map<String, Parameter> parameters,
      List<PlannedTask> tasks, Map<String, String> outputs, Map<String, String> outputKinds) {
    this(name, description, source, parameters, tasks, outputs, outputKinds, Map.of());
  }

  /** The task at {@code path}. */
  public Optional<PlannedTask> task(String path) {
    return tasks.stream().filter(task -> task.path().equals(path)).findFirst();
  }

  /**
   * A declared pipeline input.
   *
   * @param name its name
   * @param kind its KFP parameter type (STRING, NUMBER_INTEGER, NUMBER_DOUBLE, BOOLEAN, LIST, STRUCT)
   * @param defaultValue its default as JSON text, if the spec gives one
   */
  public record Parameter(String name, String kind, Optional<String> defaultValue) {}
}
