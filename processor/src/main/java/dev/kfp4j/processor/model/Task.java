package dev.kfp4j.processor.model;

import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One node of a pipeline body's task graph. Each kind of task is one permitted subtype; a writer
 * handles every kind in one place through {@link #accept(Visitor)}, so adding a kind (a loop, a
 * condition branch, an exit handler, a container step) is a compile error in every writer until it
 * handles the new kind.
 */
public sealed interface Task permits Task.ComponentCall, Task.PipelineCall {

  /** The task name, unique in its pipeline ({@code add}, {@code add-2}). */
  String name();

  /** The callee's inputs, in parameter order, each with where its value comes from. */
  List<Binding> inputs();

  /** The names of the tasks of the same pipeline whose outputs this task uses. */
  SortedSet<String> dependencies();

  /** Dispatches on the kind of task. */
  <R> R accept(Visitor<R> visitor);

  /** One method per kind of task: implementing it handles every kind. */
  interface Visitor<R> {
    R componentCall(ComponentCall call);

    R pipelineCall(PipelineCall call);
  }

  /**
   * A call of a {@code @Component} method: one execution of its entrypoint.
   *
   * @param component the component it runs
   * @param options the call's effective options: its pipeline's, then its component's, then its own (the local
   *     variable's) option annotations, the more specific winning
   */
  record ComponentCall(String name, ComponentModel component, List<Binding> inputs, SortedSet<String> dependencies,
      TaskOptions options) implements Task {

    public ComponentCall {
      inputs = List.copyOf(inputs);
      dependencies = sorted(dependencies);
    }

    /** A call with its component's options only. */
    public ComponentCall(String name, ComponentModel component, List<Binding> inputs, SortedSet<String> dependencies) {
      this(name, component, inputs, dependencies, component.options());
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.componentCall(this);
    }
  }

  /**
   * A call of another {@code @Pipeline} method: a nested DAG.
   *
   * @param pipeline the name of the nested pipeline
   */
  record PipelineCall(String name, String pipeline, List<Binding> inputs, SortedSet<String> dependencies)
      implements Task {

    public PipelineCall {
      inputs = List.copyOf(inputs);
      dependencies = sorted(dependencies);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.pipelineCall(this);
    }
  }

  private static SortedSet<String> sorted(SortedSet<String> names) {
    return Collections.unmodifiableSortedSet(new TreeSet<>(names));
  }
}
