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
   * file: a symbolic link, a directory, a device node, a FIFO, a socket, or a path below a file. A
   * missing file is fine; missing directories are created when it is written (an Argo output path
   * such as {@code /tmp/outputs/context} usually has none yet).
   */
  static void checkTarget(Path target) throws IOException {
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      String kind = Files.isSymbolicLink(target) ? "a symbolic link"
          : Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS) ? "a directory"
          : Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) ? null
          : "not a regular file (a device, a FIFO or a socket)";
      if (kind != null) {
        throw new IOException(target + " is " + kind + ", which would be replaced; name a regular file or a new file "
            + "in a directory");
      }
      return;
    }
    Path ancestor = target.toAbsolutePath().getParent();
    while (ancestor != null && !Files.exists(ancestor)) {
      ancestor = ancestor.getParent();
    }
    if (ancestor != null && !Files.isDirectory(ancestor)) {
      throw new IOException(ancestor + " is not a directory, so " + target + " cannot be created; name a file in a "
          + "directory");
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
