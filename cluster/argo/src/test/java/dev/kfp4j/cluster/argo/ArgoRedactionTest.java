package dev.kfp4j.cluster.argo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * An API server (or a proxy in front of it) whose error body echoes the request's headers must not
 * make any Argo command print the kubeconfig's bearer token: every call's error goes through the
 * shared redaction.
 */
@EnableKubernetesMockClient
class ArgoRedactionTest {

  static final String TOKEN = "kubeconfig-token-9f8e7d6c5b4a";
  static final String WORKFLOWS = "/apis/argoproj.io/v1alpha1/namespaces/ml/workflows";
  static final String ECHO = "{\"error\":\"bad gateway\",\"request\":{\"headers\":{\"Authorization\":[\"Bearer " + TOKEN
      + "\"],\"Accept\":[\"application/json\"]}}}";
  static final String STATUS_ECHO = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":500,"
      + "\"message\":\"proxy error, request headers: Authorization: Bearer " + TOKEN + "\"}";

  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void listDoesNotPrintTheToken() {
    server.expect().get().withPath(WORKFLOWS).andReturn(502, ECHO).always();
    assertRedacted(argo -> argo.list("ml", Map.of()));
  }

  @Test
  void submitDoesNotPrintTheToken() {
    server.expect().post().withPath(WORKFLOWS).andReturn(500, STATUS_ECHO).always();
    assertRedacted(argo -> argo.submit(ArgoTestSupport.diamond(), SubmitOptions.defaults().withNamespace("ml")));
  }

  @Test
  void statusStopAndDeleteDoNotPrintTheToken() {
    server.expect().get().withPath(WORKFLOWS + "/wf-1").andReturn(500, ECHO).always();
    server.expect().patch().withPath(WORKFLOWS + "/wf-1").andReturn(500, ECHO).always();
    server.expect().delete().withPath(WORKFLOWS + "/wf-1").andReturn(500, ECHO).always();
    assertRedacted(argo -> argo.get("ml", "wf-1"));
    assertRedacted(argo -> argo.stop("ml", "wf-1"));
    assertRedacted(argo -> argo.delete("ml", "wf-1"));
  }

  @Test
  void logsDoNotPrintTheToken() {
    server.expect().get().withPath("/api/v1/namespaces/ml/pods/p1/log?pretty=false&container=main")
        .andReturn(500, ECHO).always();
    try (KubernetesClient withToken = withToken()) {
      ArgoException e = assertThrows(ArgoException.class, () -> new PodLogs(withToken).read("ml", "p1"));
      assertNoToken(e);
    }
  }

  private void assertRedacted(Consumer<ArgoWorkflows> call) {
    try (KubernetesClient withToken = withToken()) {
      ArgoException e = assertThrows(ArgoException.class, () -> call.accept(ArgoWorkflows.using(withToken)));
      assertNoToken(e);
    }
  }

  private static void assertNoToken(ArgoException e) {
    assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    assertTrue(e.getMessage().contains("<redacted>"), e.getMessage());
  }

  private KubernetesClient withToken() {
    Config config = new ConfigBuilder(client.getConfiguration()).withOauthToken(TOKEN)
        .withRequestRetryBackoffLimit(0).build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
