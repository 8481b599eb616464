package dev.kfp4j.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.local.run.RunEvent;
import dev.kfp4j.local.run.TaskState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code @Component(retries = 2)}: up to two more attempts, each a fresh execution. */
class RetryTest {

  @TempDir
  Path work;

  @Test
  void succeedsOnTheThirdAttempt() {
    RunResult result = Runners.inProcess(work).build()
        .run("flaky", Map.of("marker", work.resolve("attempts").toString(), "failures", 2));
    assertEquals(RunResult.State.SUCCEEDED, result.state(), result.toString());
    assertEquals(3, result.output("Output", Integer.class));
    assertEquals(3, result.task("flaky").attempts());
    List<Integer> attempts = result.events().stream()
        .filter(e -> e.task().equals("flaky") && e.state() == TaskState.RUNNING && e.detail().startsWith("retry")
            || e.task().equals("flaky") && e.state() == TaskState.RUNNING && e.detail().isEmpty())
        .map(RunEvent::attempt).toList();
    assertEquals(List.of(1, 2, 3), attempts);
  }

  @Test
  void failsWhenRetriesRunOut() {
    RunResult result = Runners.inProcess(work).build()
        .run("flaky", Map.of("marker", work.resolve("attempts").toString(), "failures", 5));
    assertEquals(RunResult.State.FAILED, result.state());
    TaskResult flaky = result.task("flaky");
    assertEquals(3, flaky.attempts());
    assertTrue(flaky.error().orElseThrow().contains("flaky failure 3 of 5"), flaky.error().toString());
  }
}
