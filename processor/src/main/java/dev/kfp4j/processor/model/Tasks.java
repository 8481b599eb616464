package dev.kfp4j.processor.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Walks the scopes of a pipeline's tasks: loops and conditions hold tasks of their own. */
public final class Tasks {

  private Tasks() {}

  /** The task named {@code name} in {@code tasks} or in any scope inside them. */
  public static Optional<Task> find(List<Task> tasks, String name) {
    for (Task task : tasks) {
      if (task.name().equals(name)) {
        return Optional.of(task);
      }
      Optional<Task> inner = body(task).isEmpty() ? Optional.empty() : find(body(task), name);
      if (inner.isPresent()) {
        return inner;
      }
    }
    return Optional.empty();
  }

  /** The tasks a scope task holds (a loop's body, every branch of a condition); empty for a call. */
  public static List<Task> body(Task task) {
    if (task instanceof Task.Loop loop) {
      return loop.body();
    }
    if (task instanceof Task.ExitHandler handler) {
      List<Task> both = new ArrayList<>(handler.body());
      both.addAll(handler.cleanup());
      return both;
    }
    return task instanceof Task.Condition condition ? condition.body() : List.of();
  }

  /** Every task in {@code tasks} and in the scopes inside them, parents before their bodies. */
  public static List<Task> all(List<Task> tasks) {
    List<Task> all = new ArrayList<>();
    for (Task task : tasks) {
      all.add(task);
      all.addAll(all(body(task)));
    }
    return all;
  }
}
