package dev.kfp4j.processor.spec;

import static dev.kfp4j.processor.spec.Node.map;

import dev.kfp4j.processor.model.TaskOptions;
import dev.kfp4j.processor.options.Durations;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders task options into an Argo template: container {@code resources}, {@code env} (Secrets through
 * {@code secretKeyRef}), {@code volumeMounts} and {@code imagePullPolicy}; the template's {@code retryStrategy},
 * {@code activeDeadlineSeconds}, {@code nodeSelector}, {@code tolerations}, {@code volumes} and pod
 * {@code metadata}.
 */
final class ArgoOptions {

  /** The pod annotation KFP's user interface shows as a task's display name. */
  static final String DISPLAY_NAME_ANNOTATION = "pipelines.kubeflow.org/task_display_name";

  private ArgoOptions() {}

  /** Adds the container's part of {@code options} to {@code container} (after the {@code env} it may already have). */
  @SuppressWarnings("unchecked")
  static void container(Map<String, Object> container, TaskOptions options) {
    if (!options.env().isEmpty()) {
      List<Object> env = (List<Object>) container.computeIfAbsent("env", k -> new ArrayList<>());
      options.env().forEach((name, value) -> {
        if (value instanceof TaskOptions.Literal literal) {
          env.add(map("name", name, "value", literal.value()));
        } else if (value instanceof TaskOptions.SecretKey secret) {
          env.add(map("name", name, "valueFrom", map("secretKeyRef", map("key", secret.key(), "name", secret.secret()))));
        }
      });
    }
    if (!options.imagePullPolicy().isEmpty()) {
      container.put("imagePullPolicy", options.imagePullPolicy());
    }
    TaskOptions.Resources r = options.resources();
    if (r.isSet()) {
      Map<String, Object> limits = map();
      if (!r.accelerator().isEmpty()) {
        limits.put(r.accelerator(), String.valueOf(r.acceleratorCount()));
      }
      putText(limits, "cpu", r.cpuLimit());
      putText(limits, "memory", r.memoryLimit());
      Map<String, Object> requests = map();
      putText(requests, "cpu", r.cpuRequest());
      putText(requests, "memory", r.memoryRequest());
      Map<String, Object> resources = map();
      if (!limits.isEmpty()) {
        resources.put("limits", limits);
      }
      if (!requests.isEmpty()) {
        resources.put("requests", requests);
      }
      container.put("resources", resources);
    }
    if (!options.secretVolumes().isEmpty()) {
      List<Object> mounts = new ArrayList<>();
      int n = 0;
      for (TaskOptions.SecretVolume volume : options.secretVolumes().values()) {
        mounts.add(map("mountPath", volume.mountPath(), "name", volumeName(n++), "readOnly", true));
      }
      container.put("volumeMounts", mounts);
    }
  }

  /** Adds the template's part of {@code options} to {@code template} (after its container). */
  static void template(Map<String, Object> template, TaskOptions options) {
    if (options.timeoutSeconds() != null) {
      template.put("activeDeadlineSeconds", String.valueOf(options.timeoutSeconds()));
    }
    if (!options.podLabels().isEmpty() || !options.podAnnotations().isEmpty()) {
      Map<String, Object> metadata = map();
      if (!options.podAnnotations().isEmpty()) {
        metadata.put("annotations", new java.util.TreeMap<String, Object>(options.podAnnotations()));
      }
      if (!options.podLabels().isEmpty()) {
        metadata.put("labels", options.podLabels());
      }
      template.put("metadata", metadata);
    }
    if (!options.nodeSelector().isEmpty()) {
      template.put("nodeSelector", options.nodeSelector());
    }
    TaskOptions.Retry retry = options.retry();
    if (retry != null && retry.count() > 0) {
      // Always: a retry is for anything that stops a task, a failing exit code as well as an evicted or lost pod.
      template.put("retryStrategy", map("backoff", map(
              "duration", Durations.seconds(retry.backoffMillis()),
              "factor", factor(retry.factor()),
              "maxDuration", Durations.seconds(retry.maxBackoffMillis())),
          "limit", String.valueOf(retry.count()),
          "retryPolicy", "Always"));
    }
    if (!options.tolerations().isEmpty()) {
      List<Object> tolerations = new ArrayList<>();
      for (TaskOptions.Toleration t : options.tolerations()) {
        Map<String, Object> toleration = map();
        putText(toleration, "effect", t.effect());
        putText(toleration, "key", t.key());
        toleration.put("operator", t.operator());
        if (t.seconds() != null) {
          toleration.put("tolerationSeconds", t.seconds());
        }
        putText(toleration, "value", t.value());
        tolerations.add(toleration);
      }
      template.put("tolerations", tolerations);
    }
    if (!options.secretVolumes().isEmpty()) {
      List<Object> volumes = new ArrayList<>();
      int n = 0;
      for (TaskOptions.SecretVolume volume : options.secretVolumes().values()) {
        volumes.add(map("name", volumeName(n++), "secret", map("optional", volume.optional(),
            "secretName", volume.secret())));
      }
      template.put("volumes", volumes);
    }
  }

  /**
   * Annotates the pod of {@code template} with the display name its call passes in input {@code input} (KFP's user
   * interface shows it); the input defaults to empty for calls without one.
   */
  @SuppressWarnings("unchecked")
  static void displayName(Map<String, Object> template, String input) {
    Map<String, Object> metadata = (Map<String, Object>) template.computeIfAbsent("metadata", k -> map());
    Map<String, Object> annotations = (Map<String, Object>) metadata.computeIfAbsent("annotations",
        k -> new java.util.TreeMap<String, Object>());
    annotations.put(DISPLAY_NAME_ANNOTATION, "{{inputs.parameters." + input + "}}");
  }

  /**
   * Argo reads the backoff factor as an integer ({@code IntOrString.IntValue}), so a fractional factor would
   * become 0 there; it is rounded up instead (documented in the README's options table).
   */
  static String factor(double factor) {
    return BigDecimal.valueOf(factor).setScale(0, RoundingMode.CEILING).toPlainString();
  }

  private static String volumeName(int n) {
    return "kfp4j-secret-" + n;
  }

  private static void putText(Map<String, Object> target, String key, String value) {
    if (!value.isEmpty()) {
      target.put(key, value);
    }
  }
}
