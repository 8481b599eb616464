package dev.kfp4j.processor.spec;

import static dev.kfp4j.processor.spec.Node.map;

import dev.kfp4j.processor.model.TaskOptions;
import dev.kfp4j.processor.options.Durations;
import dev.kfp4j.processor.options.Quantities;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders task options into the KFP IR as KFP's own compiler does: container {@code env} and {@code resources}
 * (schema 2.1.0's string fields and, for older backends, the deprecated numeric ones), the task's
 * {@code cachingOptions}, {@code retryPolicy} (all four fields) and {@code taskInfo}, and the Kubernetes options
 * as one executor's {@code KubernetesExecutorConfig} in the platform spec (kfp-kubernetes' field names).
 */
final class KfpOptions {

  private KfpOptions() {}

  /**
   * Adds {@code env} (after any the executor sets itself) and {@code resources} to an executor's container; keys
   * stay in KFP's (sorted) order.
   */
  static void container(Map<String, Object> container, TaskOptions options) {
    Map<String, String> literals = options.literalEnv();
    if (!literals.isEmpty()) {
      @SuppressWarnings("unchecked")
      List<Object> env = (List<Object>) container.computeIfAbsent("env", k -> new ArrayList<>());
      literals.forEach((name, value) -> env.add(map("name", name, "value", value)));
    }
    TaskOptions.Resources r = options.resources();
    if (r.isSet()) {
      Map<String, Object> resources = map();
      if (!r.accelerator().isEmpty()) {
        String count = String.valueOf(r.acceleratorCount());
        resources.put("accelerator", map("count", count, "resourceCount", count, "resourceType", r.accelerator(),
            "type", r.accelerator()));
      }
      putNumber(resources, "cpuLimit", r.cpuLimit().isEmpty() ? null : Quantities.cpu(r.cpuLimit()));
      putNumber(resources, "cpuRequest", r.cpuRequest().isEmpty() ? null : Quantities.cpu(r.cpuRequest()));
      putNumber(resources, "memoryLimit", r.memoryLimit().isEmpty() ? null
          : Quantities.gigabytes(Quantities.memory(r.memoryLimit())));
      putNumber(resources, "memoryRequest", r.memoryRequest().isEmpty() ? null
          : Quantities.gigabytes(Quantities.memory(r.memoryRequest())));
      putText(resources, "resourceCpuLimit", r.cpuLimit());
      putText(resources, "resourceCpuRequest", r.cpuRequest());
      putText(resources, "resourceMemoryLimit", r.memoryLimit());
      putText(resources, "resourceMemoryRequest", r.memoryRequest());
      container.put("resources", resources);
    }
  }

  /** A task's {@code retryPolicy}, with all four fields (KFP's backend passes a missing maximum to Argo as 0). */
  static Map<String, Object> retryPolicy(TaskOptions.Retry retry) {
    return map("backoffDuration", Durations.seconds(retry.backoffMillis()),
        "backoffFactor", new Yaml.RawJson(Quantities.decimal(java.math.BigDecimal.valueOf(retry.factor()))),
        "backoffMaxDuration", Durations.seconds(retry.maxBackoffMillis()),
        "maxRetryCount", retry.count());
  }

  /** One executor's {@code KubernetesExecutorConfig} (empty when it sets none), keys sorted as KFP writes them. */
  static Map<String, Object> kubernetes(TaskOptions options) {
    Map<String, Object> config = new java.util.TreeMap<>();
    if (options.timeoutSeconds() != null) {
      config.put("activeDeadlineSeconds", String.valueOf(options.timeoutSeconds()));
    }
    if (!options.imagePullPolicy().isEmpty()) {
      config.put("imagePullPolicy", options.imagePullPolicy());
    }
    if (!options.imagePullSecrets().isEmpty()) {
      List<Object> secrets = new ArrayList<>();
      options.imagePullSecrets().forEach(secret -> secrets.add(withName(map(), secret)));
      config.put("imagePullSecret", secrets);
    }
    if (!options.nodeSelector().isEmpty()) {
      config.put("nodeSelector", map("labels", options.nodeSelector()));
    }
    if (!options.podLabels().isEmpty() || !options.podAnnotations().isEmpty()) {
      Map<String, Object> metadata = map();
      if (!options.podAnnotations().isEmpty()) {
        metadata.put("annotations", options.podAnnotations());
      }
      if (!options.podLabels().isEmpty()) {
        metadata.put("labels", options.podLabels());
      }
      config.put("podMetadata", metadata);
    }
    Map<String, Map<String, String>> bySecret = new java.util.LinkedHashMap<>();
    options.secretEnv().forEach((env, key) ->
        bySecret.computeIfAbsent(key.secret(), s -> new java.util.LinkedHashMap<>()).put(env, key.key()));
    if (!bySecret.isEmpty()) {
      List<Object> secretAsEnv = new ArrayList<>();
      bySecret.forEach((secret, envs) -> {
        List<Object> keyToEnv = new ArrayList<>();
        envs.forEach((env, key) -> keyToEnv.add(map("envVar", env, "secretKey", key)));
        secretAsEnv.add(withName(map("keyToEnv", keyToEnv), secret));
      });
      config.put("secretAsEnv", secretAsEnv);
    }
    if (!options.secretVolumes().isEmpty()) {
      List<Object> volumes = new ArrayList<>();
      options.secretVolumes().values().forEach(volume -> {
        Map<String, Object> entry = map("mountPath", volume.mountPath(), "optional", volume.optional());
        volumes.add(withName(entry, volume.secret()));
      });
      config.put("secretAsVolume", volumes);
    }
    if (!options.tolerations().isEmpty()) {
      List<Object> tolerations = new ArrayList<>();
      for (TaskOptions.Toleration t : options.tolerations()) {
        Map<String, Object> toleration = map();
        putText(toleration, "effect", t.effect());
        putText(toleration, "key", t.key());
        toleration.put("operator", t.operator());
        if (t.seconds() != null) {
          toleration.put("tolerationSeconds", String.valueOf(t.seconds()));
        }
        putText(toleration, "value", t.value());
        tolerations.add(toleration);
      }
      config.put("tolerations", tolerations);
    }
    return config;
  }

  /**
   * A Secret's name both ways kfp-kubernetes writes it: the deprecated {@code secretName} (older backends) and
   * {@code secretNameParameter} (KFP 2.4 and later).
   */
  private static Map<String, Object> withName(Map<String, Object> entry, String secret) {
    entry.put("secretName", secret);
    entry.put("secretNameParameter", map("runtimeValue", map("constant", secret)));
    return entry;
  }

  private static void putNumber(Map<String, Object> target, String key, java.math.BigDecimal value) {
    if (value != null) {
      target.put(key, new Yaml.RawJson(Quantities.decimal(value)));
    }
  }

  private static void putText(Map<String, Object> target, String key, String value) {
    if (!value.isEmpty()) {
      target.put(key, value);
    }
  }
}
