package dev.kfp4j.processor.model;

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
}
