package dev.kfp4j.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kfp4j.local.run.RunEvent;
import dev.kfp4j.local.run.TaskState;
import dev.kfp4j.runtime.artifact.ArtifactManifest;
import dev.kfp4j.runtime.artifact.Artifacts;
import dev.kfp4j.runtime.storage.Addresses;
import dev.kfp4j.runtime.storage.Storage;
import dev.kfp4j.runtime.storage.StorageSettings;
import dev.kfp4j.runtime.value.ValueCodec;
import dev.kfp4j.runtime.value.ValueType;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A finished local run: its state, every task's result and event, and its outputs, read back from
 * storage as typed values ({@code result.output("Output", Double.class)}).
 */
public final class RunResult {

  /** How a run ended. */
  public enum State {
    /** Every task succeeded or was cached. */
    SUCCEEDED,
    /** At least one task failed. */
    FAILED,
    /** The run was interrupted before it finished. */
    CANCELLED
  }

  private final RunInfo info;
  private final State state;
  private final Instant started;
  private final Instant ended;
  private final Map<String, TaskResult> tasks;
  private final List<RunEvent> events;
  private final Map<String, URI> outputs;
  private final StorageSettings settings;

  RunResult(RunInfo info, State state, Instant started, Instant ended, Map<String, TaskResult> tasks,
      List<RunEvent> events, Map<String, URI> outputs, StorageSettings settings) {
    this.info = info;
    this.state = state;
    this.started = started;
    this.ended = ended;
    this.tasks = Map.copyOf(tasks);
    this.events = List.copyOf(events);
    this.outputs = Map.copyOf(outputs);
    this.settings = settings;
  }

  /** The run's id. */
  public String runId() {
    return info.runId();
  }

  /** What the run was. */
  public RunInfo info() {
    return info;
  }

  /** How it ended. */
  public State state() {
    return state;
  }

  /** Whether every task succeeded or was cached. */
  public boolean succeeded() {
    return state == State.SUCCEEDED;
  }

  /** Wall time from start to end. */
  public Duration elapsed() {
    return Duration.between(started, ended);
  }

  /** Every task's result, by path. */
  public Map<String, TaskResult> tasks() {
    return tasks;
  }

  /** One task's result. */
  public TaskResult task(String path) {
    TaskResult result = tasks.get(path);
    if (result == null) {
      throw new IllegalArgumentException("run " + runId() + " has no task '" + path + "'; it has " + tasks.keySet());
    }
    return result;
  }

  /** The tasks that failed. */
  public List<TaskResult> failed() {
    return tasks.values().stream().filter(task -> task.state() == TaskState.FAILED).toList();
  }

  /** Every state change, in order. */
  public List<RunEvent> events() {
    return events;
  }

  /** The address of each pipeline output this run produced. */
  public Map<String, URI> outputs() {
    return outputs;
  }

  /** A pipeline output decoded to {@code type}. */
  public <T> T output(String name, Class<T> type) {
    return output(name, ValueType.of(type));
  }

  /** A pipeline output decoded to a generic type ({@code new ValueType<List<Integer>>() {}}). */
  public <T> T output(String name, ValueType<T> type) {
    URI address = outputs.get(name);
    if (address == null) {
      throw new IllegalStateException(state != State.SUCCEEDED ? "run " + runId() + " " + state.name().toLowerCase()
          + describeFailures() : "pipeline '" + info.pipeline() + "' has no output '" + name + "'; it has " + outputs.keySet());
    }
    try (Storage storage = Storage.create(List.of(info.root()), settings); InputStream in = storage.read(address)) {
      return ValueCodec.get().decode(in, type);
    } catch (IOException e) {
      throw new IllegalStateException("output '" + name + "' at " + Addresses.redact(address) + ": " + e.getMessage(), e);
    }
  }

  /**
   * A pipeline output as JSON; for an artifact (a file or directory), what it is and where it lives:
   * {@code {"artifact":"file:///…/report/Output","schemaTitle":"system.Markdown","name":"report.md","size":12,"sha256":"…"}}.
   */
  public JsonNode outputJson(String name) {
    Optional<ArtifactManifest> artifact = artifact(name);
    if (artifact.isPresent()) {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      node.put("artifact", Addresses.redact(outputs.get(name)));
      node.put("schemaTitle", artifact.get().schemaTitle());
      node.put("name", artifact.get().name());
      node.put("size", artifact.get().size());
      node.put("sha256", artifact.get().sha256());
      return node;
    }
    return output(name, ValueType.of(JsonNode.class));
  }

  /** The manifest of a pipeline output that is an artifact (a file or directory), or empty for a JSON value. */
  public Optional<ArtifactManifest> artifact(String name) {
    URI address = outputs.get(name);
    if (address == null) {
      return Optional.empty();
    }
    try (Storage storage = Storage.create(List.of(info.root()), settings)) {
      return Artifacts.find(storage, address);
    } catch (IOException e) {
      throw new IllegalStateException("output '" + name + "' at " + Addresses.redact(address) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Downloads a pipeline output artifact to {@code target} (which must not exist), checking its digest.
   *
   * @return the local file or directory
   */
  public Path downloadArtifact(String name, Path target) {
    URI address = outputs.get(name);
    if (address == null) {
      throw new IllegalStateException("pipeline '" + info.pipeline() + "' has no output '" + name + "'; it has "
          + outputs.keySet());
    }
    try (Storage storage = Storage.create(List.of(info.root()), settings)) {
      Artifacts.download(storage, address, target);
      return target;
    } catch (IOException e) {
      throw new IllegalStateException("output '" + name + "' at " + Addresses.redact(address) + ": " + e.getMessage(), e);
    }
  }

  private String describeFailures() {
    List<TaskResult> failed = failed();
    return failed.isEmpty() ? "" : ": " + failed.stream()
        .map(task -> task.task() + " (" + task.error().orElse("exit code " + task.exitCode()) + ")")
        .collect(Collectors.joining("; "));
  }

  /** The run's directory (run.json, contexts, logs). */
  public Path directory() {
    return info.directory();
  }

  @Override
  public String toString() {
    return "run " + runId() + " of " + info.pipeline() + ": " + state + describeFailures();
  }
}
