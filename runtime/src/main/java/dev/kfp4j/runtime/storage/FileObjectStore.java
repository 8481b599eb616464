package dev.kfp4j.runtime.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code file://} storage, the embedded default. A write goes to a temporary file beside the target
 * and is moved into place atomically, so a reader sees the old object, the new one, or none.
 */
public final class FileObjectStore implements ObjectStore {

  @Override
  public InputStream read(URI address) throws IOException {
    Path path = path(address);
    if (Files.isDirectory(path)) {
      throw new StorageException(address, "is a directory, not an object");
    }
    try {
      return FileStreams.read(path);
    } catch (NoSuchFileException | NotDirectoryException e) {
      throw new ObjectNotFoundException(address);
    } catch (AccessDeniedException e) {
      throw new StorageException(address, "permission denied", e);
    } catch (IOException e) {
      // ENOTDIR (a parent is a file) comes as a plain FileSystemException: still "no such object".
      if (!Files.exists(path)) {
        throw new ObjectNotFoundException(address);
      }
      throw new StorageException(address, "cannot read: " + e, e);
    }
  }

  @Override
  public void write(URI address, ObjectWriter writer) throws IOException {
    Path target = path(address);
    Path dir = target.getParent();
    if (dir == null || target.getFileName() == null) {
      throw new StorageException(address, "is not an object address (no file name)");
    }
    try {
      Files.createDirectories(dir);
    } catch (FileAlreadyExistsException e) {
      throw new StorageException(address, "a parent of this address is a file, not a directory", e);
    } catch (AccessDeniedException e) {
      throw new StorageException(address, "permission denied creating its directory", e);
    }
    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new StorageException(address, "is a directory, not an object");
    }
    writeAtomically(target, writer, address);
  }

  @Override
  public java.util.OptionalLong size(URI address) {
    try {
      return java.util.OptionalLong.of(Files.size(path(address)));
    } catch (IOException e) {
      return java.util.OptionalLong.empty();
    }
  }

  @Override
  public boolean exists(URI address) throws IOException {
    return Files.isRegularFile(path(address));
  }

  @Override
  public void delete(URI address) throws IOException {
    try {
      Files.deleteIfExists(path(address));
    } catch (IOException e) {
      throw new StorageException(address, "cannot delete: " + e, e);
    }
  }

  /**
   * Writes {@code target} through a temporary file in the same directory and an atomic rename. The
   * temporary file is created with the default permissions (as a plain new file would be), not the
   * owner-only ones of {@link Files#createTempFile}, so other readers of a shared run directory can
   * read the object.
   */
  static void writeAtomically(Path target, ObjectWriter writer, URI address) throws IOException {
    Path temp = newTempFile(target);
    boolean moved = false;
    try {
      try (OutputStream out = FileStreams.write(temp)) {
        writer.writeTo(out);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new StorageException(address, "the file system cannot replace files atomically", e);
      }
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
  }

  private static Path newTempFile(Path target) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path temp = target.resolveSibling("." + target.getFileName() + "."
          + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".partial");
      try {
        return Files.createFile(temp);
      } catch (FileAlreadyExistsException e) {
        if (attempt > 100) {
          throw e;
        }
      }
    }
  }

  /**
   * The address with every symbolic link on its path resolved, for checking it against a root that
   * is resolved the same way. Names that do not exist yet are kept as they are (nothing can link
   * through them). A link that points nowhere is refused, since what it would point to later is
   * unknown.
   */
  static Path realPath(URI address) throws IOException {
    Path path = path(address);
    Deque<Path> missing = new ArrayDeque<>();
    Path existing = path;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      missing.push(existing.getFileName());
      existing = existing.getParent();
    }
    if (existing == null) {
      return path;
    }
    Path real;
    try {
      real = existing.toRealPath();
    } catch (NoSuchFileException e) {
      throw new AddressRefusedException(address, "a symbolic link on its path points to nothing");
    }
    while (!missing.isEmpty()) {
      real = real.resolve(missing.pop());
    }
    return real;
  }

  static Path path(URI address) throws StorageException {
    if (address.getRawAuthority() != null && !address.getRawAuthority().isEmpty()
        && !"localhost".equalsIgnoreCase(address.getRawAuthority())) {
      throw new StorageException(address, "file addresses must be local (file:///path)");
    }
    try {
      return Path.of(URI.create("file://" + address.getRawPath())).normalize();
    } catch (IllegalArgumentException e) { // InvalidPathException too
      throw new StorageException(address, "not a file path: " + e.getMessage());
    }
  }

  /** Registers {@link FileObjectStore} for {@code file://}. */
  public static final class Provider implements ObjectStoreProvider {
    @Override
    public Set<String> schemes() {
      return Set.of("file");
    }

    @Override
    public ObjectStore create(StorageSettings settings) {
      return new FileObjectStore();
    }
  }
}
