package dev.kfp4j.processor.pipeline;

import dev.kfp4j.processor.model.Source;
import java.util.Map;
import java.util.Set;
import javax.lang.model.type.TypeMirror;

/** What a name or expression in a pipeline body stands for while the body is read. */
sealed interface Symbol {

  /**
   * A single value: a parameter, a task output, a constant. A value whose statement failed (already reported) has
   * no source, and its declared type if known ({@code null} otherwise): later lines using it are still checked, but
   * not reported again.
   */
  record Value(Source source, TypeMirror type, Set<String> dependencies) implements Symbol {

    /** The value of a variable whose initialiser failed; {@code declared} may be null (unknown or {@code var}). */
    static Value failed(TypeMirror declared) {
      return new Value(null, declared, Set.of());
    }

    /** Whether this stands for a statement that failed. */
    boolean failed() {
      return source == null;
    }
  }

  /**
   * The record result of a task: each record component is a separate output.
   *
   * @param task the producing task
   * @param callee the called method's name, for messages
   * @param type the record type
   * @param components output name → its type, in declaration order
   */
  record RecordResult(String task, String callee, TypeMirror type, Map<String, TypeMirror> components) implements Symbol {}

  /** The (absent) result of a void call. */
  record NoResult(String callee) implements Symbol {}

  /**
   * A list declared empty before a loop that collects one task result per iteration into it; a value only
   * after that loop.
   *
   * @param name the variable's name
   * @param depth how many loops enclose its declaration
   * @param serial tells apart lists declared under the same name in different blocks
   */
  record Accumulator(String name, int depth, int serial) implements Symbol {}

  /**
   * A variable declared without a value ({@code String report;}), to be assigned in the branches of an {@code if}
   * that follows; after a chain that assigns it in every branch it is that chain's one-of value.
   *
   * @param name the variable's name
   * @param type its declared type
   * @param depth how many branches enclose its declaration
   * @param loopDepth how many loops enclose its declaration
   * @param partly whether an earlier chain assigned it in some branches only
   */
  record Pending(String name, TypeMirror type, int depth, int loopDepth, boolean partly) implements Symbol {}
}
