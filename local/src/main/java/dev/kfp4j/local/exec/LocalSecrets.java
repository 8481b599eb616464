package dev.kfp4j.local.exec;

import dev.kfp4j.local.error.LocalRunException;
import dev.kfp4j.local.plan.TaskOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a run on this machine finds the values of {@code @SecretEnv} variables: the runner's own environment
 * variable of the same name (a task JVM inherits it), else the file {@code <secrets folder>/<secret>/<key>}, laid
 * out like a Kubernetes Secret mounted as a volume. The folder is the system property {@value #PROPERTY}, else the
 * environment variable {@value #VARIABLE}, else {@code .kfp4j/secrets}. Values are never printed or logged.
 */
public final class LocalSecrets {

  /** System property naming the secrets folder. */
  public static final String PROPERTY = "kfp4j.secrets.dir";
  /** Environment variable naming the secrets folder. */
  public static final String VARIABLE = "KFP4J_SECRETS_DIR";

  private LocalSecrets() {}

  /** The secrets folder. */
  public static Path folder() {
    String configured = System.getProperty(PROPERTY, System.getenv(VARIABLE));
    return Path.of(configured == null || configured.isBlank() ? ".kfp4j/secrets" : configured).toAbsolutePath();
  }

  /**
   * The values to set for {@code secretEnv}: those the runner's environment already holds are inherited and not
   * repeated; the others are read from the secrets folder.
   *
   * @throws LocalRunException naming the variable, the Secret and both places to put it, if it is in neither
   */
  public static Map<String, String> resolve(String task, Map<String, TaskOptions.SecretKey> secretEnv) {
    return resolve(task, secretEnv, false);
  }

  /** The values to set for {@code secretEnv}, those the runner's environment holds included (for a container). */
  public static Map<String, String> resolveAll(String task, Map<String, TaskOptions.SecretKey> secretEnv) {
    return resolve(task, secretEnv, true);
  }

  private static Map<String, String> resolve(String task, Map<String, TaskOptions.SecretKey> secretEnv,
      boolean inherited) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, TaskOptions.SecretKey> entry : secretEnv.entrySet()) {
      String own = System.getenv(entry.getKey());
      if (own != null) {
        if (inherited) {
          values.put(entry.getKey(), own);
        }
        continue;
      }
      TaskOptions.SecretKey key = entry.getValue();
      Path file = folder().resolve(key.secret()).resolve(key.key());
      if (!Files.isRegularFile(file)) {
        throw new LocalRunException(LocalRunException.Kind.NOT_FOUND, "task '" + task + "' needs " + entry.getKey()
            + " from key '" + key.key() + "' of Secret '" + key.secret() + "'; locally, set " + entry.getKey()
            + " in the runner's environment or write the value to " + file);
      }
      try {
        String value = Files.readString(file, StandardCharsets.UTF_8);
        values.put(entry.getKey(), value.endsWith("\n") ? value.substring(0, value.length() - 1) : value);
      } catch (IOException e) {
        throw new LocalRunException(LocalRunException.Kind.IO, "task '" + task + "': cannot read the local Secret file "
            + file + " for " + entry.getKey() + ": " + e.getClass().getSimpleName(), e);
      }
    }
    return values;
  }
}
