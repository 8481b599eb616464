package dev.kfp4j.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default mode: every task its own JVM, exchanging values only through contexts and storage. */
class SubprocessModeTest {

  @TempDir
  Path work;

  @Test
  void eachTaskRunsInItsOwnJvm() throws Exception {
    RunResult result = Runners.subprocess(work).build().run("calculate-average", Map.of("numbers", List.of(1, 2, 3)));
    assertEquals(RunResult.State.SUCCEEDED, result.state(), result.toString());
    assertEquals("subprocess", result.info().mode());
    assertEquals(2.0, result.output("Output", Double.class));
    assertTrue(Files.readString(result.task("add").log()).contains("Average_AddEntrypoint, subprocess"));
  }

  @Test
  void aFailedTaskReportsTheEntrypointsErrorLine() {
    RunResult result = Runners.subprocess(work).build().run("partly-failing", Map.of("x", 1));
    assertEquals(RunResult.State.FAILED, result.state());
    String error = result.task("boom").error().orElseThrow();
    assertTrue(error.startsWith("kfp4j: component 'boom': failed in dev.kfp4j.local.fixtures.Fixtures.boom"), error);
    assertTrue(error.contains("broken on purpose"), error);
    assertEquals(5, result.task("boom").exitCode(), "the entrypoint's COMPONENT_FAILED exit code");
  }
}
