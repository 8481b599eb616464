package dev.kfp4j.runtime.entrypoint;

import dev.kfp4j.runtime.value.ValueType;
import java.nio.file.Path;

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

  /**
   * The local copy of input artifact {@code name}: a file or a directory tree, downloaded before the
   * call and checked against its recorded size and digest.
   *
   * @throws InputException if it is missing, damaged or cannot be fetched
   */
  Path inputArtifact(String name) throws InputException;

  /**
   * Records the file or directory of output artifact {@code name}, typed by its KFP schema title; it is
   * uploaded once the user method has returned.
   */
  void outputArtifact(String name, Path path, String schemaTitle);
}
