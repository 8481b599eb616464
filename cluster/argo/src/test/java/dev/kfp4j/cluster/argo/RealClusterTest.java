package dev.kfp4j.cluster.argo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Runs Argo's own dag-diamond example on a real cluster with Argo Workflows installed. Only when
 * {@code KUBECONFIG} is set; otherwise skipped (and a skip is not a pass). Namespace:
 * {@code KFP4J_TEST_NAMESPACE}, else the kubeconfig context's.
 */
class RealClusterTest {

  @Test
  void diamondRunsToSuccessOnARealCluster() throws Exception {
    assumeTrue(System.getenv("KUBECONFIG") != null, "KUBECONFIG is not set: no real cluster to run on");
    String yaml;
    try (var in = getClass().getResourceAsStream("/real-cluster/dag-diamond.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (ArgoWorkflows argo = ArgoWorkflows.connect()) {
      String namespace = argo.namespace(Optional.ofNullable(System.getenv("KFP4J_TEST_NAMESPACE")));
      WorkflowRun submitted = argo.submit(WorkflowSpecs.parse(yaml, "dag-diamond.yaml"),
          SubmitOptions.defaults().withNamespace(namespace).withLabel("kfp4j.dev/test", "real-cluster"));
      try {
        WorkflowRun run = argo.watch(namespace, submitted.name(),
            new ProgressPrinter(new PrintWriter(System.out, true)), Duration.ofMinutes(5));
        assertEquals("Succeeded", run.phase(), run.message());
        assertEquals(4, run.nodes().stream().filter(NodeRun::isPod).count());
      } finally {
        argo.delete(namespace, submitted.name());
      }
    }
  }
}
