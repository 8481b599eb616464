package dev.kfp4j.cluster.kfp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The KFP client against {@link SwaggerCheckedServer}: every request is checked against KFP's
 * swagger, every answer is a recorded response. A stand-in server, not a KFP.
 */
class KfpClientTest {

  static final String TOKEN = "sekrit-token-123";

  SwaggerCheckedServer server;
  KfpClient kfp;
  PipelineSpec ir;

  @BeforeEach
  void start() throws Exception {
    server = new SwaggerCheckedServer();
    kfp = KfpClient.builder(server.endpoint()).auth(KfpAuth.bearer(TOKEN)).pollInterval(Duration.ofMillis(20))
        .retry(new RetrySettings(2, Duration.ofMillis(10), Duration.ofMillis(50))).build();
    ir = PipelineSpec.fromClasspath("calculate-average", getClass().getClassLoader());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void uploadsAPipelineAsMultipartWithTheIrFile() {
    server.reply("UploadPipeline", 200, "pipeline.json");
    Pipeline pipeline = kfp.uploadPipeline(ir, null, "This pipeline calculates average", "kubeflow");
    assertEquals("p-1", pipeline.pipelineId());
    assertEquals("calculate-average", pipeline.name());
    server.assertClean();
    var request = server.requests().get(0);
    assertEquals(Map.of("name", "calculate-average", "description", "This pipeline calculates average",
        "namespace", "kubeflow"), request.query());
    assertEquals("Bearer " + TOKEN, request.header("Authorization"));
    String body = new String(request.body(), StandardCharsets.UTF_8);
    assertTrue(body.contains("filename=\"pipeline.yaml\""), body);
    assertTrue(body.contains(new String(ir.yaml(), StandardCharsets.UTF_8)), "the IR is uploaded byte for byte");
  }

  @Test
  void uploadsAVersionOfAPipeline() {
    server.reply("UploadPipelineVersion", 200, "pipeline-version.json");
    PipelineVersion version = kfp.uploadPipelineVersion(ir, "p-1", "calculate-average-v2", null);
    assertEquals("v-2", version.pipelineVersionId());
    server.assertClean();
    assertEquals(Map.of("name", "calculate-average-v2", "pipelineid", "p-1"), server.requests().get(0).query());
  }

  @Test
  void getOrCreateExperimentFindsAnExistingOne() {
    server.reply("ExperimentService_ListExperiments", 200, "experiments-one.json");
    Experiment experiment = kfp.getOrCreateExperiment("averages", null, "kubeflow");
    assertEquals("e-1", experiment.experimentId());
    server.assertClean();
    assertEquals(1, server.requests().size());
    assertEquals("{\"predicates\":[{\"key\":\"display_name\",\"operation\":\"EQUALS\",\"string_value\":\"averages\"}]}",
        server.requests().get(0).query().get("filter"));
  }

  @Test
  void getOrCreateExperimentCreatesAMissingOne() {
    server.reply("ExperimentService_ListExperiments", 200, "experiments-none.json")
        .reply("ExperimentService_CreateExperiment", 200, "experiment-created.json");
    Experiment experiment = kfp.getOrCreateExperiment("averages", "runs of the average pipeline", "kubeflow");
    assertEquals("e-2", experiment.experimentId());
    server.assertClean();
    JsonNode body = server.requests().get(1).json();
    assertEquals("{\"display_name\":\"averages\",\"description\":\"runs of the average pipeline\",\"namespace\":\"kubeflow\"}",
        body.toString());
  }

  @Test
  void createsARunOfAnUploadedVersionWithTypedParametersAndPipelineRoot() {
    server.reply("RunService_CreateRun", 200, "run-pending.json");
    Map<String, JsonNode> parameters = ir.parameterValues(Map.of("numbers", "[1,2,3]", "label", "x"));
    Run run = kfp.createRun(Run.of("avg-1", "e-1", new PipelineVersionReference("p-1", "v-2"),
        new RuntimeConfig(parameters, "s3://ml/runs"), "pipeline-runner"));
    assertEquals("r-1", run.runId());
    assertEquals("PENDING", run.state());
    server.assertClean();
    assertEquals("{\"experiment_id\":\"e-1\",\"display_name\":\"avg-1\",\"pipeline_version_reference\":"
        + "{\"pipeline_id\":\"p-1\",\"pipeline_version_id\":\"v-2\"},\"runtime_config\":{\"parameters\":"
        + "{\"label\":\"x\",\"numbers\":[1,2,3]},\"pipeline_root\":\"s3://ml/runs\"},\"service_account\":"
        + "\"pipeline-runner\"}", server.requests().get(0).json().toString());
  }

  @Test
  void createsARunFromAnInlineSpec() {
    server.reply("RunService_CreateRun", 200, "run-pending.json");
    kfp.createRun(Run.inline("avg-1", "e-1", ir.json(),
        new RuntimeConfig(Map.of("numbers", ir.parameterValues(Map.of("numbers", "[4]")).get("numbers")), null), null));
    server.assertClean();
    JsonNode body = server.requests().get(0).json();
    assertEquals("calculate-average", body.at("/pipeline_spec/pipelineInfo/name").asText());
    assertEquals("2.1.0", body.at("/pipeline_spec/schemaVersion").asText());
    assertFalse(body.has("pipeline_version_reference"));
  }

  @Test
  void anInlineSpecWithAPlatformSpecCarriesBothAsKfpsClientDoes() {
    String yaml = "pipelineInfo:\n  name: p\nroot:\n  dag:\n    tasks: {}\nschemaVersion: 2.1.0\n---\nplatforms:\n"
        + "  kubernetes:\n    deploymentSpec:\n      executors:\n        exec-a:\n          activeDeadlineSeconds: '60'\n";
    JsonNode json = PipelineSpec.parse(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8), "test").json();
    assertEquals("p", json.at("/pipeline_spec/pipelineInfo/name").asText());
    assertEquals("60", json.at("/platform_spec/platforms/kubernetes/deploymentSpec/executors/exec-a/activeDeadlineSeconds")
        .asText());
    assertFalse(ir.json().has("platform_spec"));
  }

  @Test
  void waitsThroughRunningToSucceeded() {
    server.reply("RunService_GetRun", 200, "run-pending.json").reply("RunService_GetRun", 200, "run-running.json")
        .reply("RunService_GetRun", 200, "run-running.json").reply("RunService_GetRun", 200, "run-succeeded.json");
    List<String> states = new ArrayList<>();
    Run run = kfp.waitForRun("r-1", Duration.ofSeconds(30), r -> states.add(r.state()));
    assertTrue(run.succeeded());
    assertEquals("2026-01-01T12:03:00Z", run.finishedAt());
    assertEquals(List.of("PENDING", "RUNNING", "SUCCEEDED"), states);
    server.assertClean();
    assertEquals("/apis/v2beta1/runs/r-1", server.requests().get(3).path());
  }

  @Test
  void aFailedRunEndsTheWaitWithItsError() {
    server.reply("RunService_GetRun", 200, "run-failed.json");
    Run run = kfp.waitForRun("r-1", Duration.ofSeconds(30), r -> {});
    assertEquals("FAILED", run.state());
    assertEquals("task div failed: exit code 5", run.error().message());
  }

  @Test
  void waitGivesUpAfterItsTimeout() {
    server.replyAlways("RunService_GetRun", 200, "run-running.json");
    KfpException e = assertThrows(KfpException.class, () -> kfp.waitForRun("r-1", Duration.ofMillis(300), r -> {}));
    assertEquals("run r-1 did not finish within PT0.3S; last state RUNNING", e.getMessage());
    server.assertClean();
  }

  @Test
  void listsRunsNewestFirst() {
    server.reply("RunService_ListRuns", 200, "runs.json");
    RunPage page = kfp.listRuns("e-1", null, 2, null);
    assertEquals(List.of("r-2", "r-1"), page.runs().stream().map(Run::runId).toList());
    assertEquals("page-2", page.nextPageToken());
    assertEquals(3, page.totalSize());
    server.assertClean();
    assertEquals(Map.of("experiment_id", "e-1", "page_size", "2", "sort_by", "created_at desc"),
        server.requests().get(0).query());
  }

  @Test
  void terminatesARun() {
    server.reply("RunService_TerminateRun", 200, "empty.json");
    kfp.terminateRun("r-1");
    server.assertClean();
    assertEquals("/apis/v2beta1/runs/r-1:terminate", server.requests().get(0).path());
    assertEquals(0, server.requests().get(0).body().length);
  }

  @Test
  void unauthorizedNeverShowsTheToken() {
    server.reply("RunService_GetRun", 401, "error-unauthenticated.json");
    KfpException e = assertThrows(KfpException.class, () -> kfp.getRun("r-1"));
    assertEquals(401, e.status());
    assertEquals("the KFP API refused the credentials (HTTP 401) for GET apis/v2beta1/runs/r-1: "
        + "Unauthenticated: token <redacted> is expired; set KFP4J_KFP_TOKEN or KFP4J_KFP_COOKIE", e.getMessage());
    assertFalse(String.valueOf(e).contains(TOKEN));
    assertFalse(KfpAuth.bearer(TOKEN).toString().contains(TOKEN));
    assertEquals(1, server.requests().size(), "401 is not retried");
  }

  @Test
  void aTransient503IsRetriedAndThenSucceeds() {
    server.reply("RunService_GetRun", 503, "error-unavailable.json", "Retry-After", "0")
        .reply("RunService_GetRun", 200, "run-running.json");
    assertEquals("RUNNING", kfp.getRun("r-1").state());
    assertEquals(2, server.requests().size());
    server.assertClean();
  }

  @Test
  void aCreateIsRetriedOn503ButNotOn502() {
    server.reply("RunService_CreateRun", 503, "error-unavailable.json")
        .reply("RunService_CreateRun", 200, "run-pending.json");
    Run request = Run.of("avg-1", "e-1", new PipelineVersionReference("p-1", null), new RuntimeConfig(Map.of(), null), null);
    assertEquals("r-1", kfp.createRun(request).runId());
    server.assertClean();
    server.reply("RunService_CreateRun", 502, "error-unavailable.json");
    KfpException e = assertThrows(KfpException.class, () -> kfp.createRun(request));
    assertEquals(502, e.status()); // a gateway error may hide a created run: not sent twice
    assertEquals(3, server.requests().size());
  }

  @Test
  void transientFailuresThatLastAreReportedAfterTheRetries() {
    server.replyAlways("RunService_GetRun", 503, "error-unavailable.json");
    KfpException e = assertThrows(KfpException.class, () -> kfp.getRun("r-1"));
    assertEquals("the KFP API answered HTTP 503 to GET apis/v2beta1/runs/r-1: "
        + "upstream connect error or disconnect/reset before headers", e.getMessage());
    assertEquals(3, server.requests().size());
  }

  @Test
  void notFoundShowsTheServersMessage() {
    server.reply("RunService_GetRun", 404, "error-not-found.json");
    KfpException e = assertThrows(KfpException.class, () -> kfp.getRun("r-404"));
    assertEquals("not found (HTTP 404): GET apis/v2beta1/runs/r-404: "
        + "Failed to get run: ResourceNotFoundError: Run r-404 not found", e.getMessage());
    server.assertClean();
  }

  @Test
  void anUnreachableServerIsNamed() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    KfpClient nowhere = KfpClient.builder(URI.create("http://127.0.0.1:" + port))
        .retry(new RetrySettings(1, Duration.ofMillis(1), Duration.ofMillis(1))).build();
    KfpException e = assertThrows(KfpException.class, () -> nowhere.getRun("r-1"));
    assertEquals("could not reach the KFP API at http://127.0.0.1:" + port + "/ (GET apis/v2beta1/runs/r-1): "
        + "connection refused", e.getMessage());
    assertEquals(0, e.status());
  }

  @Test
  void typedParametersFollowTheIr() {
    Map<String, JsonNode> values = ir.parameterValues(Map.of("numbers", "[1, 2]", "scale", "2", "label", "7"));
    assertEquals("[1,2]", values.get("numbers").toString());
    assertEquals(IntNode.valueOf(2), values.get("scale"));
    assertTrue(values.get("label").isTextual(), "a STRING parameter stays text even when it looks like a number");
    assertEquals("unknown parameter 'number'; pipeline 'calculate-average' declares label, numbers, scale",
        assertThrows(KfpException.class, () -> ir.parameterValues(Map.of("number", "[1]"))).getMessage());
    assertEquals("pipeline 'calculate-average' needs a value for numbers (-p NAME=VALUE)",
        assertThrows(KfpException.class, () -> ir.parameterValues(Map.of())).getMessage());
    assertEquals("parameter 'numbers' is LIST but '3' is not",
        assertThrows(KfpException.class, () -> ir.parameterValues(Map.of("numbers", "3"))).getMessage());
    assertNull(values.get("missing"));
  }
}
