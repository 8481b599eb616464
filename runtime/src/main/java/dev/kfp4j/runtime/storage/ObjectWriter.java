package dev.kfp4j.runtime.storage;

import java.io.IOException;
import java.io.OutputStream;

/** Produces an object's bytes into a stream that a backend hands it. */
@FunctionalInterface
public interface ObjectWriter {

  /** Writes the whole object to {@code out}; must not close it. */
  void writeTo(OutputStream out) throws IOException;

  /** A writer of {@code bytes} (not copied). */
  static ObjectWriter of(byte[] bytes) {
    return new ByteArrayWriter(bytes);
  }
}
