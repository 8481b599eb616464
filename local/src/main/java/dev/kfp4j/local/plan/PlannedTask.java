package dev.kfp4j.local.plan;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One container task of a pipeline, with nested pipelines flattened: the unit the runner schedules.
 *
 * @param path the task's path: its name, prefixed by its enclosing nested tasks ({@code inner/summarize});
 *     its outputs are the run's values {@code <path>.<output>}
 * @param component the component key in the spec ({@code summarize})
 * @param entrypoint what runs it, as the last word of its command: the generated entrypoint class, or the
 *     component's address ({@code com.acme.Average#add}) for the runtime's shared entrypoint
 * @param inputs every input of the component and where it comes from
 * @param outputs the component's output names
 * @param dependencies the paths of the tasks that must succeed before this one starts
 * @param cache whether the spec allows reusing an earlier execution ({@code cachingOptions.enableCache})
 * @param retry how often and how patiently a failed execution is retried
 * @param container for a container step: what it runs instead of an entrypoint
 * @param options environment, Secrets, timeout and memory limit from the executor, and what is ignored locally
 * @param afterFailure whether it runs once its dependencies ended, also when one failed or was skipped (an exit
 *     handler's clean-up task: KFP's {@code triggerPolicy.strategy: ALL_UPSTREAM_TASKS_COMPLETED})
 */
public record PlannedTask(String path, String component, String entrypoint, Map<String, Source> inputs,
    List<String> outputs, Set<String> dependencies, boolean cache, RetryPolicy retry,
    java.util.Optional<ContainerTask> container, TaskOptions options, boolean afterFailure) {

  public PlannedTask {
    inputs = Map.copyOf(inputs);
    outputs = List.copyOf(outputs);
    dependencies = Set.copyOf(dependencies);
  }

  /** A task that runs once its dependencies succeeded. */
  public PlannedTask(String path, String component, String entrypoint, Map<String, Source> inputs,
      List<String> outputs, Set<String> dependencies, boolean cache, RetryPolicy retry,
      java.util.Optional<ContainerTask> container, TaskOptions options) {
    this(path, component, entrypoint, inputs, outputs, dependencies, cache, retry, container, options, false);
  }

  /** A task that runs a generated entrypoint, without executor options (the default timeout applies). */
  public PlannedTask(String path, String component, String entrypoint, Map<String, Source> inputs,
      List<String> outputs, Set<String> dependencies, boolean cache, RetryPolicy retry) {
    this(path, component, entrypoint, inputs, outputs, dependencies, cache, retry, java.util.Optional.empty(),
        TaskOptions.none(TaskOptions.DEFAULT_TIMEOUT));
  }

  /** The entrypoint's {@code --inputs} argument. */
  public String inputsJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    inputs.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(entry -> node.set(entry.getKey(), entry.getValue().toJson()));
    return node.toString();
  }

  /** The value name of one of this task's outputs. */
  public String valueName(String output) {
    return path + "." + output;
  }

  /**
   * A task's retry setting ({@code retryPolicy}): at most {@code maxRetries} more attempts, waiting
   * {@code backoff × factor^(attempt-1)}, capped at {@code maxBackoff}, before each.
   */
  public record RetryPolicy(int maxRetries, Duration backoff, double factor, Duration maxBackoff) {

    /** No retries. */
    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, 1, Duration.ZERO);

    /** The wait before retry number {@code retry} (1-based). */
    public Duration delayBefore(int retry) {
      double millis = backoff.toMillis() * Math.pow(factor, Math.max(0, retry - 1));
      return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
    }
  }
}
