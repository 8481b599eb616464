package dev.kfp4j.cluster.argo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Argo Workflows on Kubernetes: submit a compiled pipeline's Workflow, watch it to the end, list,
 * stop, terminate and delete runs. Uses fabric8's generic resource API for
 * {@code workflows.argoproj.io/v1alpha1}, so no Argo model classes are needed.
 */
public final class ArgoWorkflows implements AutoCloseable {

  /** The Workflow custom resource type. */
  public static final ResourceDefinitionContext WORKFLOWS = new ResourceDefinitionContext.Builder()
      .withGroup("argoproj.io").withVersion("v1alpha1").withKind("Workflow").withPlural("workflows")
      .withNamespaced(true).build();

  static final String RESOURCE = "workflows.argoproj.io";
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final KubernetesClient client;
  private final boolean ownsClient;

  private ArgoWorkflows(KubernetesClient client, boolean ownsClient) {
    this.client = client;
    this.ownsClient = ownsClient;
  }

  /** A client for the cluster fabric8 finds: {@code KUBECONFIG} / {@code ~/.kube/config}, else in-cluster. */
  public static ArgoWorkflows connect() {
    Config config = Config.autoConfigure(null);
    // fabric8 retries a failed request 10 times, pauses doubling from 100 ms, before "unreachable" is
    // known; 3 is enough for a command line. A limit set on purpose (system property) is kept.
    if (Config.DEFAULT_REQUEST_RETRY_BACKOFFLIMIT.equals(config.getRequestRetryBackoffLimit())) {
      config = new ConfigBuilder(config).withRequestRetryBackoffLimit(3).build();
    }
    return new ArgoWorkflows(new KubernetesClientBuilder().withConfig(config).build(), true);
  }

  /** Uses {@code client}, which the caller keeps and closes. */
  public static ArgoWorkflows using(KubernetesClient client) {
    return new ArgoWorkflows(client, false);
  }

  /** The fabric8 client underneath. */
  public KubernetesClient client() {
    return client;
  }

  /** {@code requested}, else the client's namespace, else {@code default}. */
  public String namespace(Optional<String> requested) {
    return requested.filter(ns -> !ns.isBlank()).orElseGet(
        () -> client.getNamespace() == null ? "default" : client.getNamespace());
  }

  /** Applies {@code options} to {@code workflow} and creates it; returns it as the API server stored it. */
  public WorkflowRun submit(ObjectNode workflow, SubmitOptions options) {
    String namespace = namespace(options.namespace());
    ObjectNode edited = WorkflowEdits.apply(workflow, options);
    edited.withObjectProperty("metadata").put("namespace", namespace);
    GenericKubernetesResource resource = JSON.convertValue(edited, GenericKubernetesResource.class);
    String name = edited.path("metadata").path("name").asText(null);
    GenericKubernetesResource created = call("create", namespace, name,
        () -> workflows().inNamespace(namespace).resource(resource).create());
    return WorkflowRun.from(toJson(created));
  }

  /** The workflow {@code name} as the cluster reports it now. */
  public WorkflowRun get(String namespace, String name) {
    return WorkflowRun.from(getJson(namespace, name));
  }

  /** The workflow as raw JSON (for {@code status -o json} and for reading what this API does not model). */
  public JsonNode getJson(String namespace, String name) {
    GenericKubernetesResource found = call("get", namespace, name,
        () -> workflows().inNamespace(namespace).withName(name).get());
    if (found == null) {
      throw notFound(namespace, name);
    }
    return toJson(found);
  }

  /** The workflows in {@code namespace} that carry all of {@code labels}, newest first. */
  public List<WorkflowRun> list(String namespace, Map<String, String> labels) {
    GenericKubernetesResourceList listed = call("list", namespace, null,
        () -> labels.isEmpty() ? workflows().inNamespace(namespace).list()
            : workflows().inNamespace(namespace).withLabels(labels).list());
    return listed.getItems().stream()
        .sorted((a, b) -> String.valueOf(b.getMetadata().getCreationTimestamp())
            .compareTo(String.valueOf(a.getMetadata().getCreationTimestamp())))
        .map(item -> WorkflowRun.from(toJson(item))).toList();
  }

  /** Asks Argo to stop the workflow: running steps finish, exit handlers run ({@code spec.shutdown: Stop}). */
  public WorkflowRun stop(String namespace, String name) {
    return shutdown(namespace, name, "Stop");
  }

  /** Asks Argo to terminate the workflow now, without exit handlers ({@code spec.shutdown: Terminate}). */
  public WorkflowRun terminate(String namespace, String name) {
    return shutdown(namespace, name, "Terminate");
  }

  /** Deletes the workflow (its pods go with it). */
  public void delete(String namespace, String name) {
    List<?> deleted = call("delete", namespace, name, () -> workflows().inNamespace(namespace).withName(name).delete());
    if (deleted.isEmpty()) {
      throw notFound(namespace, name);
    }
  }

  /**
   * Watches the workflow until it finishes, telling {@code listener} about every node and phase change;
   * returns the finished run.
   *
   * @throws ArgoException if it does not finish within {@code timeout}, is deleted meanwhile, or the watch fails
   */
  public WorkflowRun watch(String namespace, String name, WorkflowListener listener, Duration timeout) {
    get(namespace, name); // a clear "not found" before any watch starts
    NodeTracker tracker = new NodeTracker(listener);
    AtomicBoolean deleted = new AtomicBoolean();
    GenericKubernetesResource last;
    try {
      last = call("watch", namespace, name, () -> workflows().inNamespace(namespace).withName(name)
          .waitUntilCondition(resource -> {
            if (resource == null) {
              deleted.set(true);
              return true;
            }
            return tracker.update(WorkflowRun.from(toJson(resource))).finished();
          }, timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (ArgoException e) {
      if (e.getCause() instanceof KubernetesClientTimeoutException) {
        throw new ArgoException(ArgoException.Kind.TIMEOUT, "workflow '" + name + "' in namespace '" + namespace + "' did not finish within "
            + timeout + (tracker.last() == null ? "" : "; last phase: " + phaseOf(tracker.last())), e);
      }
      throw e;
    }
    if (deleted.get() || last == null) {
      throw new ArgoException(ArgoException.Kind.NOT_FOUND, "workflow '" + name + "' in namespace '" + namespace + "' was deleted while watching");
    }
    return WorkflowRun.from(toJson(last));
  }

  private static String phaseOf(WorkflowRun run) {
    return run.phase().isEmpty() ? "not yet picked up by the Argo controller" : run.phase();
  }

  private WorkflowRun shutdown(String namespace, String name, String strategy) {
    String patch = "{\"spec\":{\"shutdown\":\"" + strategy + "\"}}";
    GenericKubernetesResource patched = call("patch", namespace, name,
        () -> workflows().inNamespace(namespace).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), patch));
    if (patched == null) {
      throw notFound(namespace, name);
    }
    return WorkflowRun.from(toJson(patched));
  }

  private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> workflows() {
    return client.genericKubernetesResources(WORKFLOWS);
  }

  private <T> T call(String verb, String namespace, String name, Supplier<T> action) {
    try {
      return action.get();
    } catch (KubernetesClientException e) {
      throw ArgoErrors.translate(e, verb, RESOURCE, namespace, name, String.valueOf(client.getMasterUrl()));
    }
  }

  private static ArgoException notFound(String namespace, String name) {
    return new ArgoException(ArgoException.Kind.NOT_FOUND, "workflow '" + name + "' not found in namespace '" + namespace + "'");
  }

  static JsonNode toJson(GenericKubernetesResource resource) {
    return JSON.valueToTree(resource);
  }

  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }

  /** Remembers each node's phase so that only changes reach the listener. */
  private static final class NodeTracker {
    private final WorkflowListener listener;
    private final Map<String, String> phases = new HashMap<>();
    private volatile WorkflowRun last;

    NodeTracker(WorkflowListener listener) {
      this.listener = listener;
    }

    synchronized WorkflowRun update(WorkflowRun run) {
      boolean phaseChanged = last == null || !last.phase().equals(run.phase());
      // A new phase is told before the nodes it brought, a final one after them (it sums them up).
      if (phaseChanged && !run.finished()) {
        listener.onPhase(run);
      }
      for (NodeRun node : run.nodes()) {
        String previous = phases.put(node.id(), node.phase());
        if (!node.phase().equals(previous)) {
          listener.onNode(run, node, Optional.ofNullable(previous));
        }
      }
      if (phaseChanged && run.finished()) {
        listener.onPhase(run);
      }
      last = run;
      return run;
    }

    WorkflowRun last() {
      return last;
    }
  }
}
