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
public sealed interface Task permits Task.ComponentCall, Task.PipelineCall, Task.Loop, Task.Condition,
    Task.ExitHandler {

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

    R condition(Condition condition);

    R exitHandler(ExitHandler handler);
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

  /**
   * An {@code if} / {@code else if} / {@code else} chain: at most one branch runs, the first whose condition
   * holds (KFP's {@code dsl.If/Elif/Else}, Argo's {@code when}). A lone {@code if} is one branch named like the
   * condition itself ({@code condition-1}); a chain is a group ({@code condition-branches-1}) of branches.
   *
   * @param name the task name ({@code condition-branches-1}, or {@code condition-1} for a lone {@code if})
   * @param branches the branches in source order; an {@code else} is the last, with no condition of its own
   * @param oneOfs the values assigned in every branch: after the chain, each is the value of the branch that ran
   * @param inputs every value from outside the chain that its conditions or branches use, by channel name
   * @param dependencies the tasks of the enclosing scope whose outputs the chain uses
   */
  record Condition(String name, List<Branch> branches, List<OneOf> oneOfs, List<Binding> inputs,
      SortedSet<String> dependencies) implements Task {

    public Condition {
      branches = List.copyOf(branches);
      oneOfs = List.copyOf(oneOfs);
      inputs = List.copyOf(inputs);
      dependencies = sorted(dependencies);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.condition(this);
    }

    /** Whether this is a chain written as a group of branches, not a lone {@code if}. */
    public boolean grouped() {
      return !branches.get(0).name().equals(name);
    }

    /** The tasks of every branch, branch after branch. */
    public List<Task> body() {
      List<Task> all = new java.util.ArrayList<>();
      branches.forEach(branch -> all.addAll(branch.body()));
      return all;
    }
  }

  /**
   * One branch of a {@link Condition}: a scope of tasks like a loop body.
   *
   * @param name its name ({@code condition-2}), unique in its pipeline
   * @param condition its own condition; null for an {@code else}
   * @param trigger when it runs: its own condition and that no earlier branch's holds ({@code !(a) && b}, as KFP's
   *     compiler writes an {@code Elif})
   * @param body its tasks, in body order
   * @param inputs every value from outside the branch that its trigger or body uses, by channel name
   * @param outputs the branch outputs a {@link OneOf} selects from, each a task output of the body under its channel
   *     name ({@code pipelinechannel--deploy-Output})
   */
  record Branch(String name, Predicate condition, Predicate trigger, List<Task> body, List<Binding> inputs,
      List<Collected> outputs) {
    public Branch {
      body = List.copyOf(body);
      inputs = List.copyOf(inputs);
      outputs = List.copyOf(outputs);
    }
  }

  /**
   * A value assigned in every branch of a chain ({@code String report; if (…) report = a(); else report = b();}):
   * the value of whichever branch ran (KFP's {@code dsl.OneOf}).
   *
   * @param name its output name on the chain ({@code pipelinechannel--condition-branches-1-oneof-1})
   * @param type the declared type of the variable
   * @param branchOutputs the output name, on each branch in branch order, that holds the value
   */
  record OneOf(String name, JavaValueType type, List<String> branchOutputs) {
    public OneOf {
      branchOutputs = List.copyOf(branchOutputs);
    }
  }

  /**
   * {@code try { body } finally { cleanup }}: the clean-up tasks run after the body whether it succeeded or failed
   * (KFP's {@code dsl.ExitHandler}, Argo's exit hook); the run's status is the body's.
   *
   * @param name the task name of the body's group ({@code exit-handler-1})
   * @param body the try block's tasks, a scope like a loop body
   * @param cleanup the finally block's calls, tasks of the enclosing DAG that wait for the body however it ended
   * @param inputs every value from outside the body that it uses, by channel name
   * @param cleanupInputs every value the clean-up tasks use, by channel name (for an engine that runs them as a
   *     scope of their own)
   * @param dependencies the tasks of the enclosing scope whose outputs the body uses
   */
  record ExitHandler(String name, List<Task> body, List<Task> cleanup, List<Binding> inputs, List<Binding> cleanupInputs,
      SortedSet<String> dependencies) implements Task {

    public ExitHandler {
      body = List.copyOf(body);
      cleanup = List.copyOf(cleanup);
      inputs = List.copyOf(inputs);
      cleanupInputs = List.copyOf(cleanupInputs);
      dependencies = sorted(dependencies);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.exitHandler(this);
    }
  }

  private static SortedSet<String> sorted(SortedSet<String> names) {
    return Collections.unmodifiableSortedSet(new TreeSet<>(names));
  }
}
