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
public sealed interface Task permits Task.ComponentCall, Task.PipelineCall, Task.Loop {

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

    R loop(Loop loop);
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

  /**
   * A for-each loop: its body's tasks run once per item of a list (KFP's {@code ParallelFor}, Argo's
   * {@code withParam}), a scope of tasks like a nested pipeline's DAG.
   *
   * @param name the loop's task name ({@code for-loop-1}), unique in its pipeline like every task name
   * @param items where the list comes from (a parameter, a task output, a constant, an enclosing loop's item)
   * @param itemInput the name the body's DAG gets each item under ({@code pipelinechannel--rates-loop-item})
   * @param itemType the type of one item
   * @param parallelism at most this many iterations at once; 0 for no limit
   * @param body the tasks of one iteration, in body order
   * @param collected the loop's outputs: each a list of one body task output, in iteration order
   * @param inputs every value from outside the loop that the loop (items included) or its body uses, each
   *     under its channel name ({@code pipelinechannel--prepare-Output}); constants are not among them
   * @param dependencies the tasks of the enclosing scope whose outputs the loop or its body uses
   */
  record Loop(String name, Source items, String itemInput, JavaValueType itemType, int parallelism, List<Task> body,
      List<Collected> collected, List<Binding> inputs, SortedSet<String> dependencies) implements Task {

    public Loop {
      body = List.copyOf(body);
      collected = List.copyOf(collected);
      inputs = List.copyOf(inputs);
      dependencies = sorted(dependencies);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.loop(this);
    }

    /** Whether {@code task} names a task of this loop's body (at any depth). */
    public boolean contains(String task) {
      return Tasks.find(body, task).isPresent();
    }
  }

  /**
   * One fan-in output of a loop: the list of one body task's output, one element per iteration.
   *
   * @param name the loop's output name ({@code pipelinechannel--train-Output})
   * @param type the list type
   * @param producer the body task output collected
   */
  record Collected(String name, JavaValueType type, Source.TaskOutput producer) {}

  private static SortedSet<String> sorted(SortedSet<String> names) {
    return Collections.unmodifiableSortedSet(new TreeSet<>(names));
  }
}
