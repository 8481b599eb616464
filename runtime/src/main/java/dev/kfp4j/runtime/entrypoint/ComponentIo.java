package dev.kfp4j.runtime.entrypoint;

import dev.kfp4j.runtime.value.Codec;
import dev.kfp4j.runtime.value.Codecs;
import dev.kfp4j.runtime.value.ValueType;
import java.nio.file.Path;

/** Inputs and outputs of one component execution, whichever protocol started it. */
public interface ComponentIo {

  /**
   * The value of input {@code name}, decoded with {@code codec}.
   *
   * @throws InputException if it is missing, unreadable, malformed or of the wrong type
   */
  <T> T input(String name, Codec<T> codec) throws InputException;

  /** Records the value of output {@code name}; it is stored with {@code codec} once the user method has returned. */
  <T> void output(String name, T value, Codec<T> codec);

  /** {@link #input(String, Codec)} with the codec of a reflected type. */
  @SuppressWarnings("unchecked")
  default <T> T input(String name, ValueType<T> type) throws InputException {
    return input(name, (Codec<T>) Codecs.forType(type.type()));
  }

  /** {@link #output(String, Object, Codec)} with the codec of a reflected type. */
  @SuppressWarnings("unchecked")
  default <T> void output(String name, T value, ValueType<T> type) {
    output(name, value, (Codec<T>) Codecs.forType(type.type()));
  }

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
