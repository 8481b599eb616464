package dev.kfp4j.runtime.storage;

import dev.kfp4j.wire.EnvironmentVariables;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Non-secret storage settings by key ({@code kfp4j.s3.endpoint}, …): an explicit map first, then the
 * JVM system property of the same key, then the environment variable derived from it
 * ({@code KFP4J_S3_ENDPOINT}).
 */
public final class StorageSettings {

  private final Map<String, String> explicit;
  private final Map<String, String> environment;

  private StorageSettings(Map<String, String> explicit, Map<String, String> environment) {
    this.explicit = new TreeMap<>(explicit);
    this.environment = Map.copyOf(environment);
  }

  /** Settings from system properties and the process environment. */
  public static StorageSettings fromEnvironment() {
    return new StorageSettings(Map.of(), System.getenv());
  }

  /** Settings from {@code explicit} only, then system properties and {@code environment}. */
  public static StorageSettings of(Map<String, String> explicit, Map<String, String> environment) {
    return new StorageSettings(explicit, environment);
  }

  /** The value of {@code key}, if set anywhere. */
  public Optional<String> get(String key) {
    String value = explicit.get(key);
    if (value == null) {
      value = System.getProperty(key);
    }
    if (value == null) {
      value = environment.get(environmentName(key));
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  /** The setting naming the storage roots every address must lie under, comma-separated. */
  public static final String ROOTS = "kfp4j.storage.roots";

  /** The roots configured in {@value #ROOTS} ({@code KFP4J_STORAGE_ROOTS}), in order; empty if none. */
  public java.util.List<java.net.URI> configuredRoots() throws AddressRefusedException {
    java.util.List<java.net.URI> roots = new java.util.ArrayList<>();
    for (String root : get(ROOTS).orElse("").split(",")) {
      if (!root.isBlank()) {
        roots.add(Addresses.parse(root.trim()));
      }
    }
    return roots;
  }

  /** The environment variable name for a setting key: {@code kfp4j.s3.endpoint} → {@code KFP4J_S3_ENDPOINT}. */
  public static String environmentName(String key) {
    return EnvironmentVariables.ofSetting(key);
  }
}
