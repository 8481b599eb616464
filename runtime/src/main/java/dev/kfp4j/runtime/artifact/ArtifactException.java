package dev.kfp4j.runtime.artifact;

import java.io.IOException;

/** An artifact cannot be stored or fetched: missing, of the wrong shape, or not matching its manifest. */
public final class ArtifactException extends IOException {

  private static final long serialVersionUID = 1L;

  public ArtifactException(String message) {
    super(message);
  }
}
