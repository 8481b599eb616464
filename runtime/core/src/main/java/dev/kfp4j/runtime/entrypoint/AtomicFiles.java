package dev.kfp4j.runtime.entrypoint;

import dev.kfp4j.runtime.storage.FileObjectStore;
import dev.kfp4j.runtime.storage.ObjectWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Local files (the output context, KFP's output parameter files) written whole or not at all, the
 * same way the {@code file://} store writes objects: a temporary file beside the target, then an
 * atomic move.
 */
final class AtomicFiles {

  private static final FileObjectStore FILES = new FileObjectStore();

  private AtomicFiles() {}

  static void write(Path target, String text) throws IOException {
    write(target, text.getBytes(StandardCharsets.UTF_8));
  }

  static void write(Path target, byte[] bytes) throws IOException {
    FILES.write(target.toAbsolutePath().normalize().toUri(), new Bytes(bytes));
  }

  // A class, not a lambda: no invokedynamic bootstrap on the start-up path of every entrypoint.
  private record Bytes(byte[] bytes) implements ObjectWriter {
    @Override
    public void writeTo(OutputStream out) throws IOException {
      out.write(bytes);
    }
  }
}
