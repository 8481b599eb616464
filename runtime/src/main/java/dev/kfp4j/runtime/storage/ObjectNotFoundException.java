package dev.kfp4j.runtime.storage;

import java.net.URI;

/** No object exists at an address that was read. */
public final class ObjectNotFoundException extends StorageException {

  private static final long serialVersionUID = 1L;

  public ObjectNotFoundException(URI address) {
    super(address, "no such object");
  }
}
