package dev.kfp4j.cluster.argo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Submitting, reading back, listing, stopping and deleting Workflows on fabric8's mock API server in
 * CRUD mode (objects are really stored and served; it is not a real cluster and runs no controller).
 */
@EnableKubernetesMockClient(crud = true)
class ArgoSubmitTest {

  KubernetesMockServer server;
  KubernetesClient client;
  ArgoWorkflows argo;

  @BeforeEach
  void setUp() {
    argo = ArgoWorkflows.using(client);
  }

  @Test
  void submitAppliesEveryOptionAndTheServerStoresIt() {
    SubmitOptions options = SubmitOptions.defaults()
        .withNamespace("pipelines")
        .withParameter("message", "hi there")
        .withGenerateName("avg-run-")
        .withLabel("team", "ml")
        .withServiceAccount("kfp4j-runner")
        .withStorageSecret("minio-creds");

    WorkflowRun run = argo.submit(ArgoTestSupport.diamond(), options);

    assertTrue(run.name().startsWith("avg-run-"), run.name());
    assertEquals("pipelines", run.namespace());
    JsonNode stored = ArgoTestSupport.stored(client, "pipelines", run.name());
    assertEquals("avg-run-", stored.at("/metadata/generateName").asText());
    assertEquals("ml", stored.at("/metadata/labels/team").asText());
    assertEquals("diamond", stored.at("/metadata/labels/kfp4j.dev~1pipeline").asText());
    assertEquals("kfp4j-runner", stored.at("/spec/serviceAccountName").asText());
    assertEquals("hi there", stored.at("/spec/arguments/parameters/0/value").asText());
    assertEquals("[1,2,3]", stored.at("/spec/arguments/parameters/1/value").asText());
    List<String> secretNames = new ArrayList<>();
    stored.at("/spec/templates/1/container/env").forEach(env -> {
      if (env.at("/valueFrom/secretKeyRef").isObject()) {
        secretNames.add(env.at("/valueFrom/secretKeyRef/name").asText());
      }
    });
    assertEquals(List.of("minio-creds", "minio-creds"), secretNames);
    assertEquals("file:///tmp/kfp4j/", stored.at("/spec/templates/1/container/env/2/value").asText());
  }

  @Test
  void getListStopTerminateDelete() {
    WorkflowRun first = argo.submit(ArgoTestSupport.diamond(), SubmitOptions.defaults().withNamespace("ns1")
        .withLabel("batch", "one"));
    WorkflowRun second = argo.submit(ArgoTestSupport.diamond(), SubmitOptions.defaults().withNamespace("ns1"));
    assertFalse(first.name().equals(second.name()));

    assertEquals(first.name(), argo.get("ns1", first.name()).name());
    assertEquals(2, argo.list("ns1", Map.of()).size());
    assertEquals(List.of(first.name()), argo.list("ns1", Map.of("batch", "one")).stream().map(WorkflowRun::name).toList());
    assertTrue(argo.list("other", Map.of()).isEmpty());

    assertEquals("Stop", argo.stop("ns1", first.name()).shutdown());
    assertEquals("Stop", argo.get("ns1", first.name()).shutdown());
    assertEquals("Terminate", argo.terminate("ns1", second.name()).shutdown());
    assertEquals("Terminate", ArgoTestSupport.stored(client, "ns1", second.name()).at("/spec/shutdown").asText());

    argo.delete("ns1", first.name());
    assertEquals(List.of(second.name()), argo.list("ns1", Map.of()).stream().map(WorkflowRun::name).toList());
    ArgoException gone = assertThrows(ArgoException.class, () -> argo.get("ns1", first.name()));
    assertEquals("workflow '" + first.name() + "' not found in namespace 'ns1'", gone.getMessage());
    ArgoException again = assertThrows(ArgoException.class, () -> argo.delete("ns1", first.name()));
    assertEquals(gone.getMessage(), again.getMessage());
  }

  @Test
  void unknownParameterIsRefusedBeforeAnythingIsSent() {
    ArgoException e = assertThrows(ArgoException.class, () -> argo.submit(ArgoTestSupport.diamond(),
        SubmitOptions.defaults().withParameter("mesage", "x")));
    assertEquals("unknown parameter 'mesage'; the workflow declares message, numbers", e.getMessage());
    assertTrue(argo.list(argo.namespace(java.util.Optional.empty()), Map.of()).isEmpty());
  }
}
