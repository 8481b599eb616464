package dev.kfp4j.local.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the local runner does with a task's options, read from the compiled IR: the executor's container
 * ({@code env}, {@code resources}) and its Kubernetes platform config ({@code secretAsEnv},
 * {@code activeDeadlineSeconds}, …). Options it cannot honour on one machine are named in {@link #ignored()}.
 *
 * @param env literal environment variables, in order
 * @param secretEnv environment variables taken from a Secret's key, in order
 * @param timeout the longest one attempt may run: the task's {@code activeDeadlineSeconds}, else the runner's default
 * @param memoryLimitBytes the container's memory limit, which becomes the task JVM's {@code -Xmx}; null for none
 * @param secretVolumes Secrets mounted as folders ({@code secretAsVolume}): only a podman/docker container gets them
 * @param cpuLimit the container's CPU limit in cores ({@code "500m"} → {@code "0.5"}), a podman/docker container's
 *     {@code --cpus}; null for none
 * @param ignored the options that have no local meaning (CPU, accelerators, scheduling, pod metadata)
 */
public record TaskOptions(Map<String, String> env, Map<String, SecretKey> secretEnv, Duration timeout,
    Long memoryLimitBytes, List<SecretVolume> secretVolumes, String cpuLimit, List<String> ignored) {

  /** How long a task attempt may run when neither {@code @Timeout} nor the runner's option says. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);

  /** A Secret's key an environment variable is set from. */
  public record SecretKey(String secret, String key) {}

  /** A Secret mounted read-only as a folder at {@code mountPath}; {@code optional}: a missing Secret is no error. */
  public record SecretVolume(String secret, String mountPath, boolean optional) {}

  private static final Pattern QUANTITY = Pattern.compile("([0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?");

  public TaskOptions {
    env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
    secretEnv = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(secretEnv));
    secretVolumes = List.copyOf(secretVolumes);
    ignored = List.copyOf(ignored);
  }

  /** No options, and the given timeout. */
  public static TaskOptions none(Duration timeout) {
    return new TaskOptions(Map.of(), Map.of(), timeout, null, List.of(), null, List.of());
  }

  /**
   * The options of an executor.
   *
   * @param container the executor's {@code container} in {@code deploymentSpec}
   * @param kubernetes its {@code KubernetesExecutorConfig} in the platform spec (missing node for none)
   * @param defaultTimeout the timeout when the spec sets none
   */
  static TaskOptions read(JsonNode container, JsonNode kubernetes, Duration defaultTimeout) {
    Map<String, String> env = new LinkedHashMap<>();
    container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
    Map<String, SecretKey> secretEnv = new LinkedHashMap<>();
    kubernetes.path("secretAsEnv").forEach(secret -> {
      String name = secret.path("secretNameParameter").path("runtimeValue").path("constant").asText(
          secret.path("secretName").asText());
      secret.path("keyToEnv").forEach(k -> secretEnv.put(k.path("envVar").asText(),
          new SecretKey(name, k.path("secretKey").asText())));
    });
    List<SecretVolume> volumes = new ArrayList<>();
    kubernetes.path("secretAsVolume").forEach(volume -> volumes.add(new SecretVolume(
        volume.path("secretNameParameter").path("runtimeValue").path("constant").asText(volume.path("secretName").asText()),
        volume.path("mountPath").asText(), volume.path("optional").asBoolean(false))));
    Duration timeout = kubernetes.has("activeDeadlineSeconds")
        ? Duration.ofSeconds(kubernetes.get("activeDeadlineSeconds").asLong()) : defaultTimeout;
    JsonNode resources = container.path("resources");
    Long memoryLimit = resources.has("resourceMemoryLimit") ? bytes(resources.get("resourceMemoryLimit").asText()) : null;
    List<String> ignored = new ArrayList<>();
    String cpuLimit = resources.has("resourceCpuLimit") ? cores(resources.get("resourceCpuLimit").asText()) : null;
    for (String field : List.of("resourceCpuRequest", "resourceMemoryRequest")) {
      if (resources.has(field)) {
        ignored.add(field.substring("resource".length(), "resource".length() + 1).toLowerCase(java.util.Locale.ROOT)
            + field.substring("resource".length() + 1));
      }
    }
    if (resources.has("accelerator")) {
      ignored.add("accelerator");
    }
    Map<String, String> kubernetesFields = new LinkedHashMap<>();
    kubernetesFields.put("nodeSelector", "nodeSelector");
    kubernetesFields.put("tolerations", "tolerations");
    kubernetesFields.put("imagePullSecret", "imagePullSecrets");
    kubernetesFields.put("imagePullPolicy", "imagePullPolicy");
    kubernetesFields.put("podMetadata", "pod labels/annotations");
    kubernetesFields.forEach((field, shown) -> {
      if (kubernetes.has(field)) {
        ignored.add(shown);
      }
    });
    return new TaskOptions(env, secretEnv, timeout, memoryLimit, volumes, cpuLimit, ignored);
  }

  /** A Kubernetes CPU quantity in cores as a plain decimal ({@code "500m"} → {@code "0.5"}), or null if it is not one. */
  static String cores(String quantity) {
    Matcher m = Pattern.compile("([0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)(m)?").matcher(quantity);
    if (!m.matches()) {
      return null;
    }
    BigDecimal cores = new BigDecimal(m.group(1));
    if (m.group(2) != null) {
      cores = cores.movePointLeft(3);
    }
    return cores.stripTrailingZeros().toPlainString();
  }

  /** A Kubernetes memory quantity in bytes, or null if it is not one. */
  static Long bytes(String quantity) {
    Matcher m = QUANTITY.matcher(quantity);
    if (!m.matches()) {
      return null;
    }
    String suffix = m.group(2) == null ? "" : m.group(2);
    BigDecimal factor = switch (suffix) {
      case "k" -> BigDecimal.TEN.pow(3);
      case "M" -> BigDecimal.TEN.pow(6);
      case "G" -> BigDecimal.TEN.pow(9);
      case "T" -> BigDecimal.TEN.pow(12);
      case "P" -> BigDecimal.TEN.pow(15);
      case "E" -> BigDecimal.TEN.pow(18);
      case "Ki" -> BigDecimal.valueOf(2).pow(10);
      case "Mi" -> BigDecimal.valueOf(2).pow(20);
      case "Gi" -> BigDecimal.valueOf(2).pow(30);
      case "Ti" -> BigDecimal.valueOf(2).pow(40);
      case "Pi" -> BigDecimal.valueOf(2).pow(50);
      case "Ei" -> BigDecimal.valueOf(2).pow(60);
      default -> BigDecimal.ONE;
    };
    return new BigDecimal(m.group(1)).multiply(factor).longValue();
  }

  /** The task JVM's heap option for the memory limit ({@code -Xmx1024m}), or empty. */
  public List<String> jvmOptions() {
    if (memoryLimitBytes == null) {
      return List.of();
    }
    return List.of("-Xmx" + Math.max(8, memoryLimitBytes / (1024 * 1024)) + "m");
  }
}
