package dev.kfp4j.runtime.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

/**
 * One storage backend (file, S3, …): reads and writes whole objects by address.
 *
 * <p>Implementations stream in both directions with bounded memory, make a written object visible
 * only once it is complete (a reader never sees half an object, and a failed write leaves nothing),
 * and never put a credential in an exception message. Addresses reaching a backend have already been
 * checked against the configured roots by {@link Storage}.
 *
 * <p>A new backend (GCS, Azure Blob, …) implements this interface plus an {@link ObjectStoreProvider}
 * registered in {@code META-INF/services/dev.kfp4j.runtime.storage.ObjectStoreProvider}.
 */
public interface ObjectStore extends AutoCloseable {

  /** Opens the object for reading; throws {@link ObjectNotFoundException} if there is none. */
  InputStream read(URI address) throws IOException;

  /**
   * Writes the object atomically: the bytes {@code writer} produces become visible under {@code
   * address} only if it returns normally; if it throws, nothing is left behind.
   */
  void write(URI address, ObjectWriter writer) throws IOException;

  /** Whether an object exists at the address. */
  boolean exists(URI address) throws IOException;

  /** Deletes the object if it exists. */
  void delete(URI address) throws IOException;

  /**
   * Why objects cannot be written at {@code address} (a read-only backend), or empty if they can be.
   * Asked before a step runs, so that a step whose outputs could not be stored is not run at all.
   */
  default java.util.Optional<String> whyNotWritable(URI address) {
    return java.util.Optional.empty();
  }

  /** The size of the object in bytes, if the backend knows it cheaply; used only to describe failures. */
  default java.util.OptionalLong size(URI address) {
    return java.util.OptionalLong.empty();
  }

  @Override
  default void close() throws IOException {}
}
