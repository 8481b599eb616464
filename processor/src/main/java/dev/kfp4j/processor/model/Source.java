package dev.kfp4j.processor.model;

import java.util.List;

/** Where a task input or pipeline output gets its value. */
public sealed interface Source {

  /** A parameter of the enclosing pipeline. */
  record Parameter(String name) implements Source {}

  /** An output of an earlier task of the same pipeline. */
  record TaskOutput(String task, String output) implements Source {}

  /**
   * A value fixed at compile time.
   *
   * @param json the value as JSON text ({@code 5}, {@code "text"}, {@code true})
   */
  record Constant(String json) implements Source {}

  /**
   * The current item of an enclosing loop, or one of its record components.
   *
   * @param loop the loop's task name
   * @param fields the record components selected, outermost first; empty for the whole item
   */
  record LoopItem(String loop, List<String> fields) implements Source {
    public LoopItem {
      fields = List.copyOf(fields);
    }
  }
}
