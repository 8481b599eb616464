package dev.kfp4j.runtime.value;

import java.io.IOException;

/** A value could not be decoded to, or encoded from, its Java type. */
public final class ValueException extends IOException {

  private static final long serialVersionUID = 1L;

  public ValueException(String message, Throwable cause) {
    super(message, cause);
  }
}
