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
    assertLogHasTheStackTrace(result);
  }

  @Test
  void aFailedInProcessTaskLogsItsStackTraceToo() {
    RunResult result = Runners.inProcess(work).build().run("partly-failing", Map.of("x", 1));
    assertEquals(RunResult.State.FAILED, result.state());
    assertTrue(result.task("boom").error().orElseThrow().startsWith("kfp4j: component 'boom': failed in "));
    assertLogHasTheStackTrace(result);
  }

  /** The failed task's log holds the user's exception with its frames, and ends with the one error line. */
  private static void assertLogHasTheStackTrace(RunResult result) {
    String log;
    try {
      log = Files.readString(result.task("boom").log());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertTrue(log.contains("broken on purpose"), log);
    assertTrue(log.contains("\tat dev.kfp4j.local.fixtures.Fixtures.boom("), log);
    assertTrue(log.strip().lines().reduce((a, b) -> b).orElseThrow().startsWith("kfp4j: component 'boom': failed in"),
        log);
  }
}
