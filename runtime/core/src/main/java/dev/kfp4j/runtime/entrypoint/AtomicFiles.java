package dev.kfp4j.runtime.entrypoint;

import dev.kfp4j.runtime.storage.FileObjectStore;
import dev.kfp4j.runtime.storage.ObjectWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Local files (the output context, KFP's output parameter files) written whole or not at all, the
 * same way the {@code file://} store writes objects: a temporary file beside the target, then an
 * atomic move.
 */
final class AtomicFiles {

  private static final FileObjectStore FILES = new FileObjectStore();

  private AtomicFiles() {}

  /**
   * Refuses, before anything runs, a target that this write would destroy or that is not a plain
   * file: a symbolic link, a directory, a device node, a FIFO, a socket. A missing file is fine, in an
   * existing directory if {@code directoryMustExist}.
   */
  static void checkTarget(Path target, boolean directoryMustExist) throws IOException {
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      String kind = Files.isSymbolicLink(target) ? "a symbolic link"
          : Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS) ? "a directory"
          : Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) ? null
          : "not a regular file (a device, a FIFO or a socket)";
      if (kind != null) {
        throw new IOException(target + " is " + kind + ", which would be replaced; name a regular file or a new file "
            + "in an existing directory");
      }
      return;
    }
    Path directory = target.toAbsolutePath().getParent();
    if (directoryMustExist && (directory == null || !Files.isDirectory(directory))) {
      throw new IOException("the directory of " + target + " does not exist; create it first or name a file in an "
          + "existing directory");
    }
  }

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
