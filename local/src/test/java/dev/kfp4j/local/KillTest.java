package dev.kfp4j.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.local.run.RunDirectory;
import dev.kfp4j.local.run.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM to the runner ends its task JVMs and leaves no half-written value. */
class KillTest {

  @TempDir
  Path work;

  @Test
  void sigtermStopsTaskProcessesAndLeavesNoPartialValues() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process runner = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        KillTarget.class.getName(), work.toString())
        .redirectErrorStream(true).redirectOutput(work.resolve("runner.log").toFile()).start();
    try {
      List<ProcessHandle> tasks = waitForTaskProcesses(runner, 2);
      runner.destroy(); // SIGTERM
      assertTrue(runner.waitFor(60, TimeUnit.SECONDS), "the runner stops");
      assertEquals(143, runner.exitValue());
      for (ProcessHandle task : tasks) {
        assertTrue(task.onExit().get(10, TimeUnit.SECONDS) != null && !task.isAlive(), "task process " + task.pid() + " ended");
      }
    } finally {
      runner.destroyForcibly();
    }

    List<RunRecord> runs = RunDirectory.list(work.resolve("runs"));
    assertEquals(1, runs.size());
    RunRecord run = runs.get(0);
    assertEquals("cancelled", run.state(), Files.readString(work.resolve("runner.log")));
    assertEquals("cancelled", run.tasks().get("sleepy").state());
    assertEquals("cancelled", run.tasks().get("sleepy-2").state());
    assertEquals("pending", run.tasks().get("inc").state());
    Path runDir = work.resolve("runs").resolve(run.runId());
    try (Stream<Path> files = Files.walk(runDir)) {
      List<Path> all = files.toList();
      assertTrue(all.stream().noneMatch(p -> p.getFileName().toString().endsWith(".partial")), all.toString());
      assertFalse(all.stream().anyMatch(p -> p.startsWith(runDir.resolve("values/sleepy"))
          && Files.isRegularFile(p)), "no value of a stopped task: " + all);
      assertFalse(Files.exists(runDir.resolve("contexts/sleepy.json")));
    }
  }

  private List<ProcessHandle> waitForTaskProcesses(Process runner, int count) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      List<ProcessHandle> tasks = runner.descendants()
          .filter(p -> p.info().commandLine().orElse("").contains("Fixtures_SleepyEntrypoint")).toList();
      if (tasks.size() >= count) {
        return tasks;
      }
      assertTrue(runner.isAlive(), "the runner died early");
      Thread.sleep(100);
    }
    throw new AssertionError("task processes did not start");
  }
}
