package dev.kfp4j.runtime.entrypoint;

import dev.kfp4j.runtime.value.ValueType;

/** Inputs and outputs of one component execution, whichever protocol started it. */
public interface ComponentIo {

  /**
   * The value of input {@code name}, decoded to {@code type}.
   *
   * @throws InputException if it is missing, unreadable, malformed or of the wrong type
   */
  <T> T input(String name, ValueType<T> type) throws InputException;

  /** Records the value of output {@code name}; it is stored once the user method has returned. */
  <T> void output(String name, T value, ValueType<T> type);
}
