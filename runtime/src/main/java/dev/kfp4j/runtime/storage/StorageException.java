package dev.kfp4j.runtime.storage;

import java.io.IOException;
import java.net.URI;

/** A storage operation failed; the message names the address and the reason, never a credential. */
public class StorageException extends IOException {

  private static final long serialVersionUID = 1L;

  private final URI address;

  public StorageException(URI address, String reason) {
    super(message(address, reason));
    this.address = address;
  }

  public StorageException(URI address, String reason, Throwable cause) {
    super(message(address, reason), cause);
    this.address = address;
  }

  private static String message(URI address, String reason) {
    return address == null ? reason : Addresses.redact(address) + ": " + reason;
  }

  /** The address the failed operation was about, or null if it could not even be parsed. */
  public URI address() {
    return address;
  }
}
