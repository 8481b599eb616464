package dev.kfp4j.processor.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A task's options from {@code @Retry}, {@code @Resources}, {@code @Env} and the other option annotations: one
 * layer (what one {@code @Pipeline} method, {@code @Component} method or local variable says), or several
 * layers merged with {@link #over}, the more specific winning. Unset values are {@code null}, empty strings or
 * empty collections. Values are already validated and normalised (durations in milliseconds).
 *
 * @param retry retries with backoff, or null
 * @param resources requests, limits and accelerators; fields may be empty
 * @param timeoutSeconds the longest one attempt may run, or null
 * @param env environment variables by name, in declaration order: literal values and Secret keys
 * @param secretVolumes Secrets mounted as files, by mount path
 * @param nodeSelector node labels the task needs, sorted by key
 * @param tolerations taints the task tolerates, in declaration order
 * @param cache whether outputs may be reused, or null
 * @param displayName the name shown in user interfaces, or empty
 * @param image the task's image, or empty
 * @param imagePullPolicy {@code Always}, {@code IfNotPresent}, {@code Never}, or empty
 * @param imagePullSecrets Secrets to pull the image with
 * @param podLabels labels on the task's pod, sorted
 * @param podAnnotations annotations on the task's pod, sorted
 */
public record TaskOptions(
    Retry retry,
    Resources resources,
    Long timeoutSeconds,
    Map<String, EnvValue> env,
    Map<String, SecretVolume> secretVolumes,
    Map<String, String> nodeSelector,
    List<Toleration> tolerations,
    Boolean cache,
    String displayName,
    String image,
    String imagePullPolicy,
    List<String> imagePullSecrets,
    Map<String, String> podLabels,
    Map<String, String> podAnnotations) {

  /** No option set. */
  public static final TaskOptions NONE = new TaskOptions(null, Resources.NONE, null, Map.of(), Map.of(), Map.of(),
      List.of(), null, "", "", "", List.of(), Map.of(), Map.of());

  public TaskOptions {
    env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
    secretVolumes = java.util.Collections.unmodifiableMap(new TreeMap<>(secretVolumes));
    nodeSelector = java.util.Collections.unmodifiableMap(new TreeMap<>(nodeSelector));
    tolerations = List.copyOf(tolerations);
    imagePullSecrets = List.copyOf(imagePullSecrets);
    podLabels = java.util.Collections.unmodifiableMap(new TreeMap<>(podLabels));
    podAnnotations = java.util.Collections.unmodifiableMap(new TreeMap<>(podAnnotations));
  }

  /**
   * Retries with exponential backoff, as KFP's {@code RetryPolicy}.
   *
   * @param count retries after the first attempt, 0–100
   * @param backoffMillis the wait before the first retry
   * @param factor each further wait is the previous one times this
   * @param maxBackoffMillis no retry starts later than this after the first attempt
   */
  public record Retry(int count, long backoffMillis, double factor, long maxBackoffMillis) {
    /** KFP's defaults: {@code 0s}, {@code 2}, {@code 3600s}. */
    public static Retry of(int count) {
      return new Retry(count, 0, 2.0, 3_600_000);
    }
  }

  /**
   * Kubernetes quantities as written ({@code "500m"}, {@code "4Gi"}); empty when unset.
   *
   * @param acceleratorCount how many accelerators (0 when {@code accelerator} is empty)
   */
  public record Resources(String cpuRequest, String cpuLimit, String memoryRequest, String memoryLimit,
      String accelerator, int acceleratorCount) {
    /** Nothing set. */
    public static final Resources NONE = new Resources("", "", "", "", "", 0);

    /** Whether any field is set. */
    public boolean isSet() {
      return !equals(NONE);
    }

    /** Field by field, {@code more}'s set fields win; an accelerator travels with its count. */
    public Resources over(Resources more) {
      boolean accelerator = !more.accelerator.isEmpty();
      return new Resources(pick(more.cpuRequest, cpuRequest), pick(more.cpuLimit, cpuLimit),
          pick(more.memoryRequest, memoryRequest), pick(more.memoryLimit, memoryLimit),
          accelerator ? more.accelerator : this.accelerator, accelerator ? more.acceleratorCount : acceleratorCount);
    }
  }

  /** An environment variable's value: a literal or a key of a Kubernetes Secret. */
  public sealed interface EnvValue permits Literal, SecretKey {}

  /** A literal value. */
  public record Literal(String value) implements EnvValue {}

  /** The value of {@code key} in the Secret {@code secret}. */
  public record SecretKey(String secret, String key) implements EnvValue {}

  /** A Secret mounted as files under {@code mountPath}. */
  public record SecretVolume(String secret, String mountPath, boolean optional) {}

  /**
   * A toleration; {@code seconds} is null for none.
   */
  public record Toleration(String key, String operator, String value, String effect, Long seconds) {}

  /** These options with {@code more}'s (more specific) options winning where both set one. */
  public TaskOptions over(TaskOptions more) {
    Map<String, EnvValue> mergedEnv = new LinkedHashMap<>(env);
    mergedEnv.putAll(more.env);
    Map<String, SecretVolume> volumes = new TreeMap<>(secretVolumes);
    volumes.putAll(more.secretVolumes);
    Map<String, String> selector = new TreeMap<>(nodeSelector);
    selector.putAll(more.nodeSelector);
    LinkedHashSet<Toleration> tolerated = new LinkedHashSet<>(tolerations);
    tolerated.addAll(more.tolerations);
    LinkedHashSet<String> pullSecrets = new LinkedHashSet<>(imagePullSecrets);
    pullSecrets.addAll(more.imagePullSecrets);
    Map<String, String> labels = new TreeMap<>(podLabels);
    labels.putAll(more.podLabels);
    Map<String, String> annotations = new TreeMap<>(podAnnotations);
    annotations.putAll(more.podAnnotations);
    return new TaskOptions(more.retry != null ? more.retry : retry, resources.over(more.resources),
        more.timeoutSeconds != null ? more.timeoutSeconds : timeoutSeconds, mergedEnv, volumes, selector,
        new ArrayList<>(tolerated), more.cache != null ? more.cache : cache, pick(more.displayName, displayName),
        pick(more.image, image), pick(more.imagePullPolicy, imagePullPolicy), new ArrayList<>(pullSecrets), labels,
        annotations);
  }

  /** Whether outputs may be reused: the option, else {@code true} (KFP's default). */
  public boolean cacheEnabled() {
    return cache == null || cache;
  }

  /** Literal environment variables, in order. */
  public Map<String, String> literalEnv() {
    Map<String, String> literals = new LinkedHashMap<>();
    env.forEach((name, value) -> {
      if (value instanceof Literal literal) {
        literals.put(name, literal.value());
      }
    });
    return literals;
  }

  /** Secret-backed environment variables, in order. */
  public Map<String, SecretKey> secretEnv() {
    Map<String, SecretKey> secrets = new LinkedHashMap<>();
    env.forEach((name, value) -> {
      if (value instanceof SecretKey key) {
        secrets.put(name, key);
      }
    });
    return secrets;
  }

  /**
   * What decides a task's executor (KFP) or template (Argo): everything but the options that live on the task
   * itself (caching and display name). Two calls of one component whose executor parts differ get two executors.
   */
  public TaskOptions executorPart() {
    return new TaskOptions(retry, resources, timeoutSeconds, env, secretVolumes, nodeSelector, tolerations, null, "",
        image, imagePullPolicy, imagePullSecrets, podLabels, podAnnotations);
  }

  /** Whether any option of the Kubernetes platform spec is set (KFP writes those in a second document). */
  public boolean hasKubernetesOptions() {
    return timeoutSeconds != null || !secretEnv().isEmpty() || !secretVolumes.isEmpty() || !nodeSelector.isEmpty()
        || !tolerations.isEmpty() || !imagePullPolicy.isEmpty() || !imagePullSecrets.isEmpty()
        || !podLabels.isEmpty() || !podAnnotations.isEmpty();
  }

  private static String pick(String more, String less) {
    return more.isEmpty() ? less : more;
  }
}
