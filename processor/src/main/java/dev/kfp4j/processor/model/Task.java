package dev.kfp4j.processor.model;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One call in a pipeline body: a component execution, or a nested pipeline.
 *
 * @param name the task name, unique in its pipeline ({@code add}, {@code add-2})
 * @param component the component it runs, or null for a nested pipeline
 * @param pipeline the name of the nested pipeline it runs, or null for a component
 * @param inputs the callee's inputs, in parameter order
 * @param dependencies the names of the tasks whose outputs it uses
 */
public record Task(String name, ComponentModel component, String pipeline, List<Binding> inputs,
    SortedSet<String> dependencies) {

  public Task {
    inputs = List.copyOf(inputs);
    dependencies = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(dependencies));
  }

  /** Whether this task runs a nested pipeline. */
  public boolean isPipeline() {
    return pipeline != null;
  }
}
