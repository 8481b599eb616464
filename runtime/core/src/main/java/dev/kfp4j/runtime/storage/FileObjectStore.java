package dev.kfp4j.runtime.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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
      return Files.newInputStream(path);
    } catch (NoSuchFileException e) {
      throw new ObjectNotFoundException(address);
    }
  }

  @Override
  public void write(URI address, ObjectWriter writer) throws IOException {
    Path target = path(address);
    Path dir = target.getParent();
    try {
      Files.createDirectories(dir);
    } catch (FileAlreadyExistsException e) {
      throw new StorageException(address, "a parent of this address is a file, not a directory");
    }
    Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".partial");
    boolean moved = false;
    try {
      try (OutputStream out = Files.newOutputStream(temp)) {
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

  @Override
  public boolean exists(URI address) throws IOException {
    return Files.isRegularFile(path(address));
  }

  @Override
  public void delete(URI address) throws IOException {
    Files.deleteIfExists(path(address));
  }

  private static Path path(URI address) throws StorageException {
    if (address.getRawAuthority() != null && !address.getRawAuthority().isEmpty()
        && !"localhost".equalsIgnoreCase(address.getRawAuthority())) {
      throw new StorageException(address, "file addresses must be local (file:///path)");
    }
    try {
      return Path.of(URI.create("file://" + address.getRawPath()));
    } catch (IllegalArgumentException e) {
      throw new StorageException(address, "not a file path: " + e.getMessage());
    }
  }

  /** Registers {@link FileObjectStore} for {@code file://}. */
  public static final class Provider implements ObjectStoreProvider {
    @Override
    public java.util.Set<String> schemes() {
      return java.util.Set.of("file");
    }

    @Override
    public ObjectStore create(StorageSettings settings) {
      return new FileObjectStore();
    }
  }
}
