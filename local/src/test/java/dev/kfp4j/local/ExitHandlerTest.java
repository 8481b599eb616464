package dev.kfp4j.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kfp4j.local.run.RunEvent;
import dev.kfp4j.local.run.TaskState;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit handlers in the local runner: the clean-up tasks run after the try block's tasks, whether they succeeded or
 * failed, and the run's state is the try block's.
 */
class ExitHandlerTest {

  @TempDir
  Path work;

  @Test
  void theCleanUpRunsAfterATryBlockThatSucceeded() {
    RunResult result = Runners.inProcess(work).build().run("train-with-clean-up",
        Map.of("dataset", "abc", "threshold", 0.0));
    assertEquals(RunResult.State.SUCCEEDED, result.state(), result.toString());
    assertEquals(TaskState.SUCCEEDED, result.task("exit-handler-1/evaluate").state());
    assertEquals(TaskState.SUCCEEDED, result.task("clean-up-2").state());
    assertEquals(TaskState.SUCCEEDED, result.task("print-op").state());
  }

  @Test
  void theCleanUpRunsAfterATryBlockThatFailedAndTheRunFails() {
    RunResult result = Runners.inProcess(work).build().run("train-with-clean-up",
        Map.of("dataset", "", "threshold", 0.0));
    assertEquals(RunResult.State.FAILED, result.state());
    assertEquals(TaskState.FAILED, result.task("exit-handler-1/train").state());
    assertEquals(TaskState.SKIPPED, result.task("exit-handler-1/evaluate").state());
    assertEquals(TaskState.SUCCEEDED, result.task("clean-up-2").state(), result.toString());
    assertEquals(TaskState.SUCCEEDED, result.task("print-op").state(), result.toString());
  }
}
