package dev.kfp4j.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.local.run.TaskState;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Independent branches run at the same time, up to --parallelism; asserted on recorded start and end times. */
class ParallelismTest {

  @TempDir
  Path work;

  @Test
  void independentBranchesOverlap() {
    RunResult result = Runners.inProcess(work).parallelism(2).noCache(true).build()
        .run("two-branches", Map.of("millis", 600));
    assertEquals("ab", result.output("Output", String.class));
    // Each branch started before the other ended.
    assertTrue(Runners.at(result, "slow", TaskState.RUNNING).isBefore(Runners.at(result, "slow-2", TaskState.SUCCEEDED)));
    assertTrue(Runners.at(result, "slow-2", TaskState.RUNNING).isBefore(Runners.at(result, "slow", TaskState.SUCCEEDED)));
    // The join waited for both.
    assertTrue(Runners.at(result, "join", TaskState.RUNNING).isAfter(Runners.at(result, "slow", TaskState.SUCCEEDED)));
    assertTrue(Runners.at(result, "join", TaskState.RUNNING).isAfter(Runners.at(result, "slow-2", TaskState.SUCCEEDED)));
  }

  @Test
  void parallelismOneRunsOneTaskAtATime() {
    RunResult result = Runners.inProcess(work).parallelism(1).noCache(true).build()
        .run("two-branches", Map.of("millis", 100));
    boolean slowFirst = Runners.at(result, "slow", TaskState.RUNNING).isBefore(Runners.at(result, "slow-2", TaskState.RUNNING));
    String first = slowFirst ? "slow" : "slow-2";
    String second = slowFirst ? "slow-2" : "slow";
    assertTrue(!Runners.at(result, second, TaskState.RUNNING).isBefore(Runners.at(result, first, TaskState.SUCCEEDED)));
  }
}
