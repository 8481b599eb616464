package dev.kfp4j.local;

import dev.kfp4j.local.run.TaskState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** Test helpers: a runner on a temporary work folder, and event look-ups. */
final class Runners {

  private Runners() {}

  /** In-process, two tasks at once, short retry backoff, no signal handling (the test JVM is shared). */
  static LocalRunner.Builder inProcess(Path work) {
    return LocalRunner.builder().workDirectory(work).inProcess(true).parallelism(2)
        .retryBackoff(Duration.ofMillis(10)).stopOnSignal(false);
  }

  /** One JVM per task, with this test JVM's classpath. */
  static LocalRunner.Builder subprocess(Path work) {
    return inProcess(work).inProcess(false);
  }

  /** When {@code task} first entered {@code state}. */
  static Instant at(RunResult result, String task, TaskState state) {
    return result.events().stream().filter(e -> e.task().equals(task) && e.state() == state).findFirst()
        .orElseThrow(() -> new AssertionError("no " + state + " event for " + task + " in " + result.events()))
        .time();
  }
}
