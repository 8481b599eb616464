package dev.kfp4j.cli.kfp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.cluster.kfp.SwaggerCheckedServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The {@code kfp4j kfp upload|run|runs|wait|terminate} commands against the swagger-checking stand-in server
 * (not a KFP).
 */
class KfpCliTest {

  static final String TOKEN = "cli-sekrit-456";

  SwaggerCheckedServer server;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  Map<String, String> env;

  @BeforeEach
  void start() throws Exception {
    server = new SwaggerCheckedServer();
    env = Map.of("KFP4J_KFP_HOST", server.endpoint().toString(), "KFP4J_KFP_TOKEN", TOKEN);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void uploadThenAVersionOfIt() {
    server.reply("UploadPipeline", 200, "pipeline.json");
    assertEquals(0, run("upload", "calculate-average", "--description", "averages"));
    server.reply("PipelineService_GetPipelineByName", 200, "pipeline.json")
        .reply("UploadPipelineVersion", 200, "pipeline-version.json");
    assertEquals(0, run("upload", "calculate-average", "--version", "calculate-average-v2"));
    assertEquals("pipeline p-1 calculate-average\nversion v-2 calculate-average-v2 of pipeline p-1\n", out.toString());
    server.assertClean();
  }

  @Test
  void runCreatesTheExperimentAndWaitsToSuccess() {
    server.reply("ExperimentService_ListExperiments", 200, "experiments-none.json")
        .reply("ExperimentService_CreateExperiment", 200, "experiment-created.json")
        .reply("RunService_CreateRun", 200, "run-pending.json")
        .reply("RunService_GetRun", 200, "run-running.json")
        .reply("RunService_GetRun", 200, "run-succeeded.json");
    assertEquals(0, run("run", "calculate-average", "-p", "numbers=[1,2,3]", "--experiment", "averages",
        "--name", "avg-1", "--pipeline-root", "s3://ml/runs", "--poll", "10ms"), err.toString());
    assertEquals("run r-1 avg-1 in experiment averages\nrun r-1 RUNNING\nrun r-1 SUCCEEDED\n", out.toString());
    server.assertClean();
    var create = server.requests().get(2).json();
    assertEquals("[1,2,3]", create.at("/runtime_config/parameters/numbers").toString());
    assertEquals("calculate-average", create.at("/pipeline_spec/pipelineInfo/name").asText());
    assertEquals("e-2", create.at("/experiment_id").asText());
  }

  @Test
  void runWithNoWaitReturnsOnceCreatedAndTheOldWaitFlagStillWorks() {
    server.reply("ExperimentService_ListExperiments", 200, "experiments-one.json")
        .reply("RunService_CreateRun", 200, "run-pending.json");
    assertEquals(0, run("run", "calculate-average", "-p", "numbers=[1,2,3]", "--experiment", "averages",
        "--name", "avg-1", "--no-wait"), err.toString());
    assertEquals("run r-1 avg-1 in experiment averages\n", out.toString());
    server.assertClean();
    server.reply("ExperimentService_ListExperiments", 200, "experiments-one.json")
        .reply("RunService_CreateRun", 200, "run-pending.json")
        .reply("RunService_GetRun", 200, "run-failed.json");
    assertEquals(1, run("run", "calculate-average", "-p", "numbers=[1,2,3]", "--experiment", "averages",
        "--name", "avg-1", "--wait", "--poll", "10ms"), err.toString());
    assertTrue(out.toString().endsWith("run r-1 FAILED\nerror: task div failed: exit code 5\n"), out.toString());
  }

  @Test
  void aFailedRunExitsWithOneAndSaysWhy() {
    server.reply("RunService_GetRun", 200, "run-failed.json");
    assertEquals(1, run("wait", "r-1"));
    assertEquals("run r-1 FAILED\nerror: task div failed: exit code 5\n", out.toString());
  }

  @Test
  void runsOfAnExperimentAndTerminate() {
    server.reply("ExperimentService_ListExperiments", 200, "experiments-one.json")
        .reply("RunService_ListRuns", 200, "runs.json")
        .reply("RunService_TerminateRun", 200, "empty.json");
    assertEquals(0, run("runs", "--experiment", "averages", "--page-size", "2"));
    assertEquals(0, run("terminate", "r-2"));
    assertEquals("r-2  RUNNING  avg-2  2026-01-02T12:00:00Z\nr-1  SUCCEEDED  avg-1  2026-01-01T12:00:00Z\n"
        + "(3 runs in all; showing the newest 2)\nterminating run r-2\n", out.toString());
    server.assertClean();
    assertEquals("e-1", server.requests().get(1).query().get("experiment_id"));
  }

  @Test
  void aTokenFromAFileIsSentAndNeverShown(@TempDir Path dir) throws Exception {
    Path tokenFile = dir.resolve("token");
    Files.writeString(tokenFile, "file-token-789\n");
    server.reply("RunService_GetRun", 401, "error-unauthenticated.json");
    assertEquals(6, run("wait", "r-1", "--token-file", tokenFile.toString()));
    assertEquals("Bearer file-token-789", server.requests().get(0).header("Authorization"));
    assertTrue(err.toString().startsWith("kfp4j kfp: the KFP API refused the credentials (HTTP 401)"), err.toString());
    assertFalse((out + err.toString()).contains("file-token-789"));
    assertFalse((out + err.toString()).contains(TOKEN));
  }

  @Test
  void usageErrors() {
    env = Map.of();
    assertEquals(2, run("runs"));
    assertTrue(err.toString().startsWith("kfp4j kfp: no KFP API given: pass --host URL or set KFP4J_KFP_HOST"),
        err.toString());
    assertEquals(2, run("run", "calculate-average", "--host", server.endpoint().toString(), "-p", "numbrs=[1]"));
    assertTrue(err.toString().contains("unknown parameter 'numbrs'; pipeline 'calculate-average' declares label, "
        + "numbers, scale"), err.toString());
    assertEquals(0, server.requests().size(), "nothing is sent for a bad parameter");
    assertEquals(3, run("upload", "no-such-pipeline", "--host", server.endpoint().toString()));
    assertEquals(2, run("wait", "r-1", "--host", server.endpoint().toString(), "--timeout", "1x"));
    assertTrue(err.toString().contains("'1x' is not a duration; write e.g. 500ms, 90s, 30m, 1h30m or 2d"),
        err.toString());
  }

  private int run(String... args) {
    CommandLine cli = KfpCommands.group(() -> env);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
