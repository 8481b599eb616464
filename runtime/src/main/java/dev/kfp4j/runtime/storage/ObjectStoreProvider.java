package dev.kfp4j.runtime.storage;

import java.io.IOException;
import java.util.Set;

/**
 * Creates the {@link ObjectStore} for one or more URI schemes; found with {@link
 * java.util.ServiceLoader}, so a component image carries only the backends on its classpath.
 */
public interface ObjectStoreProvider {

  /** The URI schemes this provider serves, lower case ({@code "file"}, {@code "s3"}). */
  Set<String> schemes();

  /**
   * Creates a store. Settings (endpoint, region, …) come from {@code settings}; credentials come
   * from wherever the backend's own client looks for them (environment, profile, mounted secret),
   * never from a context or a spec.
   */
  ObjectStore create(StorageSettings settings) throws IOException;
}
