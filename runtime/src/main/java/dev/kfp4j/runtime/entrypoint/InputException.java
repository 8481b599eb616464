package dev.kfp4j.runtime.entrypoint;

/** An input could not be provided: the message names the input, its address and what was wrong. */
public final class InputException extends Exception {

  private static final long serialVersionUID = 1L;

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
