package dev.kfp4j.runtime.context;

/** A context string is malformed, incomplete, or carries something it must not (a credential). */
public final class ContextException extends Exception {

  private static final long serialVersionUID = 1L;

  public ContextException(String message) {
    super(message);
  }
}
