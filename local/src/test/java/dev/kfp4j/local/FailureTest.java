package dev.kfp4j.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.local.plan.PlannedTask;
import dev.kfp4j.local.run.TaskState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed task's dependents are skipped; independent branches finish; the summary says what failed and where. */
class FailureTest {

  @TempDir
  Path work;

  @Test
  void dependentsAreSkippedAndIndependentBranchesFinish() throws Exception {
    LocalRunner runner = Runners.inProcess(work).build();
    String afterBoom = runner.plan("partly-failing").tasks().stream()
        .filter(task -> task.dependencies().contains("boom")).map(PlannedTask::path).findFirst().orElseThrow();
    StringWriter console = new StringWriter();
    RunResult result = Runners.inProcess(work).listener(new ConsoleProgress(new PrintWriter(console, true), false))
        .build().run("partly-failing", Map.of("x", 1));

    assertEquals(RunResult.State.FAILED, result.state());
    TaskResult boom = result.task("boom");
    assertEquals(TaskState.FAILED, boom.state());
    assertTrue(boom.error().orElseThrow().contains("broken on purpose"), boom.error().toString());
    assertTrue(Files.readString(boom.log()).contains("broken on purpose"));
    assertEquals(TaskState.SKIPPED, result.task(afterBoom).state());
    long succeeded = result.tasks().values().stream().filter(t -> t.state() == TaskState.SUCCEEDED).count();
    assertEquals(2, succeeded, "the independent branch (two incs) finished: " + result.tasks());

    String summary = console.toString();
    assertTrue(summary.contains("failed: boom"), summary);
    assertTrue(summary.contains(boom.log().toString()), summary);
    assertTrue(summary.contains("broken on purpose"), summary);
  }
}
