package dev.kfp4j.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.local.error.LocalRunException;
import dev.kfp4j.local.run.RunDirectory;
import dev.kfp4j.local.run.RunRecord;
import dev.kfp4j.local.run.TaskState;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs that used to end with a wrong result or an unrecorded state. */
class RunnerHardeningTest {

  @TempDir Path work;

  @Test
  void aComponentNamedInputsDoesNotReplaceThePipelinesParameters() {
    for (LocalRunner runner : List.of(Runners.inProcess(work).build(), Runners.subprocess(work).build())) {
      RunResult result = runner.run("collide", Map.of("Output", 5));
      assertTrue(result.succeeded(), result.toString());
      assertEquals(5, result.output("Output", Integer.class));
    }
  }

  @Test
  void anInProcessComponentCallingSystemExitIsRefusedAndTheRunFails() {
    RunResult result = Runners.inProcess(work).build().run("exits", Map.of("x", 1));
    // Still here: the runner's JVM was not ended.
    assertEquals(RunResult.State.FAILED, result.state());
    TaskResult quit = result.task("quit");
    assertEquals(TaskState.FAILED, quit.state());
    String error = quit.error().orElseThrow();
    assertTrue(error.contains("cannot run in-process"), error);
    assertTrue(error.contains("dev.kfp4j.local.fixtures.ExitsHelper calls System.exit"), error);
    assertTrue(error.contains("without --in-process"), error);
    RunRecord record = RunDirectory.list(work.resolve("runs")).get(0);
    assertEquals("failed", record.state());
  }

  @Test
  void aRunWhoseInitStepFailsIsListedAsFailedWithOneKfp4jPrefix() {
    // Parameters cannot be stored under a read-only root: the init step fails.
    LocalRunException e = assertThrows(LocalRunException.class, () -> Runners.inProcess(work)
        .root(URI.create("http://127.0.0.1:9/values/")).build().run("calculate-average", Map.of("numbers", List.of(1))));
    assertTrue(e.getMessage().startsWith("init: "), e.getMessage());
    assertTrue(e.getMessage().contains("read-only"), e.getMessage());
    List<RunRecord> runs = RunDirectory.list(work.resolve("runs"));
    assertEquals(1, runs.size(), "the run is listed");
    assertEquals("failed", runs.get(0).state());
  }
}
