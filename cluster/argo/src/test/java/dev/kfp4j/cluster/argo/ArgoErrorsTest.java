package dev.kfp4j.cluster.argo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API server's refusals, each answered by fabric8's mock server in expectation mode with the
 * Status body a real API server sends, and the one-line error each becomes.
 */
@EnableKubernetesMockClient
class ArgoErrorsTest {

  static final String WORKFLOWS_PATH = "/apis/argoproj.io/v1alpha1/namespaces/ml/workflows";

  KubernetesMockServer server;
  KubernetesClient client;
  ArgoWorkflows argo;

  @BeforeEach
  void setUp() {
    argo = ArgoWorkflows.using(client);
  }

  @Test
  void forbiddenNamesVerbResourceAndNamespace() {
    server.expect().post().withPath(WORKFLOWS_PATH).andReturn(403, status(403, "Forbidden",
        "workflows.argoproj.io is forbidden: User \"system:serviceaccount:ml:dev\" cannot create resource "
            + "\"workflows\" in API group \"argoproj.io\" in the namespace \"ml\"", null, null)).once();
    ArgoException e = assertThrows(ArgoException.class, () -> submit());
    assertEquals("forbidden: not allowed to create workflows.argoproj.io in namespace 'ml' (RBAC): "
        + "workflows.argoproj.io is forbidden: User \"system:serviceaccount:ml:dev\" cannot create resource "
        + "\"workflows\" in API group \"argoproj.io\" in the namespace \"ml\"", e.getMessage());
  }

  @Test
  void aMissingCrdIsNamed() {
    server.expect().post().withPath(WORKFLOWS_PATH).andReturn(404, status(404, "NotFound",
        "the server could not find the requested resource", null, null)).once();
    ArgoException e = assertThrows(ArgoException.class, () -> submit());
    assertTrue(e.getMessage().startsWith("the Argo Workflows CRD (workflows.argoproj.io/v1alpha1) is not installed on "
        + "https://localhost:"), e.getMessage());
    assertTrue(e.getMessage().endsWith("; install Argo Workflows first"), e.getMessage());
  }

  @Test
  void aMissingCrdIsNamedWhenListingToo() {
    server.expect().get().withPath(WORKFLOWS_PATH).andReturn(404, "404 page not found\n").once();
    ArgoException e = assertThrows(ArgoException.class, () -> argo.list("ml", Map.of()));
    assertTrue(e.getMessage().startsWith("the Argo Workflows CRD"), e.getMessage());
  }

  @Test
  void aMissingNamespaceIsNamed() {
    server.expect().post().withPath(WORKFLOWS_PATH).andReturn(404, status(404, "NotFound",
        "namespaces \"ml\" not found", "namespaces", "ml")).once();
    ArgoException e = assertThrows(ArgoException.class, () -> submit());
    assertEquals("namespace 'ml' does not exist (create workflows.argoproj.io in namespace 'ml')", e.getMessage());
  }

  @Test
  void aRejectedWorkflowShowsTheServersMessage() {
    server.expect().post().withPath(WORKFLOWS_PATH).andReturn(422, status(422, "Invalid",
        "Workflow.argoproj.io \"diamond-abc\" is invalid: spec.templates[0].name: Invalid value: \"Diamond_1\": "
            + "spec.templates[0].name in body should match '^[a-zA-Z0-9][-a-zA-Z0-9]*$'", "Workflow", "diamond-abc"))
        .once();
    ArgoException e = assertThrows(ArgoException.class, () -> submit());
    assertEquals("the API server rejected the workflow (create workflows.argoproj.io in namespace 'ml'): "
        + "Workflow.argoproj.io \"diamond-abc\" is invalid: spec.templates[0].name: Invalid value: \"Diamond_1\": "
        + "spec.templates[0].name in body should match '^[a-zA-Z0-9][-a-zA-Z0-9]*$'", e.getMessage());
  }

  @Test
  void aNameThatIsTakenIsAConflict() {
    server.expect().post().withPath(WORKFLOWS_PATH).andReturn(409, status(409, "AlreadyExists",
        "workflows.argoproj.io \"avg\" already exists", "workflows", "avg")).once();
    ObjectNode named = ArgoTestSupport.diamond();
    named.withObjectProperty("metadata").put("name", "avg").remove("generateName");
    ArgoException e = assertThrows(ArgoException.class,
        () -> argo.submit(named, SubmitOptions.defaults().withNamespace("ml")));
    assertEquals("conflict on create workflows.argoproj.io 'avg' in namespace 'ml': workflows.argoproj.io \"avg\" "
        + "already exists; submit with a generateName to get a fresh name", e.getMessage());
  }

  @Test
  void refusedCredentialsAreNamedWithoutShowingThem() {
    server.expect().get().withPath(WORKFLOWS_PATH).andReturn(401, status(401, "Unauthorized", "Unauthorized", null, null))
        .once();
    ArgoException e = assertThrows(ArgoException.class, () -> argo.list("ml", Map.of()));
    assertTrue(e.getMessage().startsWith("unauthorized: the API server at https://localhost:"), e.getMessage());
    assertTrue(e.getMessage().endsWith(" refused the credentials of the current kubeconfig context "
        + "(list workflows.argoproj.io in namespace 'ml')"), e.getMessage());
  }

  @Test
  void forbiddenLogsNameThePodsLogResource() {
    server.expect().get().withPath("/api/v1/namespaces/ml/pods/p1/log?pretty=false&container=main")
        .andReturn(403, status(403, "Forbidden", "pods \"p1\" is forbidden: cannot get resource \"pods/log\"", null, null))
        .once();
    ArgoException e = assertThrows(ArgoException.class, () -> new PodLogs(client).read("ml", "p1"));
    assertEquals("forbidden: not allowed to get pods/log 'p1' in namespace 'ml' (RBAC): "
        + "pods \"p1\" is forbidden: cannot get resource \"pods/log\"", e.getMessage());
  }

  @Test
  void noClusterReachable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl("http://127.0.0.1:" + closedPort)
        .withRequestRetryBackoffLimit(0).build();
    try (KubernetesClient unreachable = new KubernetesClientBuilder().withConfig(config).build()) {
      ArgoException e = assertThrows(ArgoException.class,
          () -> ArgoWorkflows.using(unreachable).list("ml", Map.of()));
      assertEquals("no Kubernetes API server reachable at http://127.0.0.1:" + closedPort
          + "/ (connection refused); check KUBECONFIG and the current context", e.getMessage());
    }
  }

  private void submit() {
    argo.submit(ArgoTestSupport.diamond(), SubmitOptions.defaults().withNamespace("ml"));
  }

  private static Status status(int code, String reason, String message, String kind, String name) {
    StatusBuilder status = new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason)
        .withMessage(message);
    if (kind != null) {
      status.withNewDetails().withKind(kind).withName(name).endDetails();
    }
    return status.build();
  }
}
