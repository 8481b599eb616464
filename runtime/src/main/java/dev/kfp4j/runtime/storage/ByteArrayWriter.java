package dev.kfp4j.runtime.storage;

import java.io.IOException;
import java.io.OutputStream;

/** The writer of {@link ObjectWriter#of(byte[])}: a class, not a lambda (no invokedynamic bootstrap in a step's JVM). */
final class ByteArrayWriter implements ObjectWriter {

  private final byte[] bytes;

  ByteArrayWriter(byte[] bytes) {
    this.bytes = bytes;
  }

  @Override
  public void writeTo(OutputStream out) throws IOException {
    out.write(bytes);
  }
}
