package dev.kfp4j.cluster.argo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kfp4j.runtime.context.ContextException;
import dev.kfp4j.runtime.context.RunContext;
import dev.kfp4j.runtime.storage.Storage;
import dev.kfp4j.runtime.value.ValueCodec;
import dev.kfp4j.runtime.value.ValueType;
import dev.kfp4j.wire.WorkflowNames;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A finished workflow's outputs: the run context its steps produced (the {@code context} output
 * parameter of the nodes) and the values behind its addresses, read from storage.
 */
public final class WorkflowOutputs {

  /** The output parameter in which each step publishes its updated context. */
  public static final String CONTEXT_PARAMETER = "context";

  private WorkflowOutputs() {}

  /**
   * The run's final context: the workflow's root node's {@code context} output when it has one,
   * else the contexts of all its nodes merged in finishing order (a later step's address wins).
   */
  public static Optional<RunContext> context(WorkflowRun run) {
    Optional<NodeRun> root = run.node(run.name()).filter(n -> n.outputParameters().containsKey(CONTEXT_PARAMETER));
    if (root.isPresent()) {
      return Optional.of(parse(run, root.get()));
    }
    List<NodeRun> producers = run.nodes().stream()
        .filter(n -> n.outputParameters().containsKey(CONTEXT_PARAMETER))
        .sorted(Comparator.comparing((NodeRun n) -> n.finishedAt().orElse(Instant.MAX)).thenComparing(NodeRun::name))
        .toList();
    RunContext merged = null;
    for (NodeRun node : producers) {
      RunContext context = parse(run, node);
      if (merged == null) {
        merged = context;
        continue;
      }
      for (Map.Entry<String, URI> value : context.values().entrySet()) {
        try {
          merged = merged.with(value.getKey(), value.getValue());
        } catch (ContextException e) {
          throw new ArgoException("context of step '" + node.displayName() + "' of workflow '" + run.name() + "': "
              + e.getMessage(), e);
        }
      }
    }
    return Optional.ofNullable(merged);
  }

  /** Every named value's address in the final context (pipeline parameters and {@code <task>.<output>}), sorted. */
  public static SortedMap<String, URI> addresses(WorkflowRun run) {
    return context(run).map(c -> (SortedMap<String, URI>) new TreeMap<>(c.values())).orElseGet(TreeMap::new);
  }

  /** The Workflow annotation in which the kfp4j processor names each pipeline output's value. */
  public static final String OUTPUTS_ANNOTATION = WorkflowNames.OUTPUTS_ANNOTATION;

  /**
   * The pipeline's outputs by name ({@code Output}, or one per record component) → their addresses,
   * from the workflow's {@value #OUTPUTS_ANNOTATION} annotation and the final context.
   */
  public static SortedMap<String, URI> pipelineOutputs(WorkflowRun run) {
    String annotation = run.annotations().get(OUTPUTS_ANNOTATION);
    SortedMap<String, URI> outputs = new TreeMap<>();
    if (annotation == null) {
      return outputs;
    }
    JsonNode names;
    try {
      names = ValueCodec.get().mapper().readTree(annotation);
    } catch (IOException e) {
      throw new ArgoException("annotation " + OUTPUTS_ANNOTATION + " of workflow '" + run.name() + "' is not JSON", e);
    }
    SortedMap<String, URI> addresses = addresses(run);
    for (Map.Entry<String, JsonNode> output : names.properties()) {
      URI address = addresses.get(output.getValue().asText());
      if (address == null) {
        throw new ArgoException("workflow '" + run.name() + "' has no value '" + output.getValue().asText()
            + "' for its output '" + output.getKey() + "' (did it finish successfully?)");
      }
      outputs.put(output.getKey(), address);
    }
    return outputs;
  }

  /** Reads the value at {@code address} as {@code type}. */
  public static <T> T read(Storage storage, URI address, ValueType<T> type) throws IOException {
    try (InputStream in = storage.read(address)) {
      return ValueCodec.get().decode(in, type);
    }
  }

  /** Reads every value of the final context as JSON, by name. */
  public static SortedMap<String, JsonNode> readAll(WorkflowRun run, Storage storage) throws IOException {
    SortedMap<String, JsonNode> values = new TreeMap<>();
    for (Map.Entry<String, URI> entry : addresses(run).entrySet()) {
      values.put(entry.getKey(), read(storage, entry.getValue(), ValueType.of(JsonNode.class)));
    }
    return values;
  }

  private static RunContext parse(WorkflowRun run, NodeRun node) {
    try {
      return RunContext.parse(node.outputParameters().get(CONTEXT_PARAMETER));
    } catch (ContextException e) {
      throw new ArgoException("output '" + CONTEXT_PARAMETER + "' of step '" + node.displayName() + "' of workflow '"
          + run.name() + "' is not a valid context: " + e.getMessage(), e);
    }
  }
}
