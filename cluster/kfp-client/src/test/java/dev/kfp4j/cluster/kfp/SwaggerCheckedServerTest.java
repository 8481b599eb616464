package dev.kfp4j.cluster.kfp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The test server itself refuses what the swagger does not allow, so a passing client test means something. */
class SwaggerCheckedServerTest {

  @Test
  void unknownFieldsParametersAndPathsAreViolations() throws Exception {
    try (SwaggerCheckedServer server = new SwaggerCheckedServer()) {
      server.reply("RunService_CreateRun", 200, "run-pending.json");
      HttpClient http = HttpClient.newHttpClient();
      http.send(HttpRequest.newBuilder(server.endpoint().resolve("/apis/v2beta1/runs?page=2"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"display_name\":\"x\",\"runtime_config\":{\"params\":{}},"
              + "\"pipelineSpec\":{},\"state\":5}")).build(), HttpResponse.BodyHandlers.discarding());
      http.send(HttpRequest.newBuilder(server.endpoint().resolve("/apis/v1beta1/runs")).GET().build(),
          HttpResponse.BodyHandlers.discarding());
      http.send(HttpRequest.newBuilder(server.endpoint().resolve("/apis/v2beta1/pipelines/upload"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
          HttpResponse.BodyHandlers.discarding());
      String problems = assertThrows(AssertionError.class, server::assertClean).getMessage();
      assertTrue(problems.contains("query parameter 'page' is not declared"), problems);
      assertTrue(problems.contains("$.runtime_config.params: unknown field (declared: parameters, pipeline_root)"), problems);
      assertTrue(problems.contains("$.pipelineSpec: unknown field"), problems);
      assertTrue(problems.contains("$.state: expected a string, found NUMBER"), problems);
      assertTrue(problems.contains("GET /apis/v1beta1/runs: no such operation in the KFP swagger"), problems);
      assertTrue(problems.contains("form parameter 'uploadfile' needs multipart/form-data"), problems);
      assertTrue(problems.contains("UploadPipeline POST /apis/v2beta1/pipelines/upload: no recorded reply left"), problems);
    }
  }

  @Test
  void recordedResponsesMustMatchTheOperationsSchema() throws Exception {
    try (SwaggerCheckedServer server = new SwaggerCheckedServer()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> server.reply("ExperimentService_CreateExperiment", 200, "run-pending.json"));
      assertTrue(e.getMessage().contains("$.run_id: unknown field"), e.getMessage());
      assertEquals(0, server.requests().size());
    }
  }
}
