package dev.kfp4j.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.local.run.RunDirectory;
import dev.kfp4j.local.run.RunRecord;
import dev.kfp4j.local.run.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --resume}: only what did not succeed runs again, in the same run. */
class ResumeTest {

  @TempDir
  Path work;

  @Test
  void resumeRunsOnlyWhatDidNotSucceed() throws Exception {
    Path marker = work.resolve("marker.txt");
    Path gate = work.resolve("gate");
    LocalRunner runner = Runners.inProcess(work).build();
    RunResult failed = runner.run("resumable", Map.of("marker", marker.toString(), "gate", gate.toString()));
    assertEquals(RunResult.State.FAILED, failed.state());
    assertEquals(TaskState.FAILED, failed.task("gate").state());
    assertEquals(TaskState.SKIPPED, failed.task("uncached-2").state());
    assertEquals(List.of("uncached 1"), Files.readAllLines(marker));

    RunRecord first = RunDirectory.open(failed.directory().getParent(), failed.runId()).record().orElseThrow();
    assertEquals(null, first.resumedAt());
    Files.createFile(gate);
    RunResult resumed = runner.resume(failed.runId());
    assertEquals(failed.runId(), resumed.runId());
    assertEquals(RunResult.State.SUCCEEDED, resumed.state(), resumed.toString());
    assertTrue(resumed.task("uncached").reused());
    assertEquals(0, resumed.task("uncached").attempts());
    assertEquals(TaskState.SUCCEEDED, resumed.task("gate").state());
    assertEquals(100, resumed.output("Output", Integer.class));
    // The first task (cache off) did not run again; the last one ran once.
    assertEquals(List.of("uncached 1", "uncached 10"), Files.readAllLines(marker));
    // The run keeps its first start; the resume is recorded beside it.
    RunRecord record = RunDirectory.open(failed.directory().getParent(), failed.runId()).record().orElseThrow();
    assertEquals(first.startedAt(), record.startedAt());
    assertTrue(!Instant.parse(record.resumedAt()).isBefore(Instant.parse(first.endedAt())), record.toString());
    assertEquals(record.resumedAt(), record.latestStart());
  }
}
