package dev.kfp4j.runtime.storage;

import java.net.URI;

/** An address lies outside the configured storage roots, or is not a plain, absolute address. */
public final class AddressRefusedException extends StorageException {

  private static final long serialVersionUID = 1L;

  public AddressRefusedException(URI address, String reason) {
    super(address, "address refused: " + reason);
  }
}
