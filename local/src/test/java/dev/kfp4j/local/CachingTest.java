package dev.kfp4j.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.kfp4j.local.run.TaskState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An execution is reused when the component and its input values match; cache=false and --no-cache opt out. */
class CachingTest {

  @TempDir
  Path work;

  private List<String> runs(Path marker) throws IOException {
    return Files.readAllLines(marker);
  }

  @Test
  void sameInputsHitDifferentInputsMissAndCacheFalseAlwaysRuns() throws IOException {
    Path marker = work.resolve("marker.txt");
    LocalRunner runner = Runners.inProcess(work).build();
    Map<String, Object> params = Map.of("marker", marker.toString(), "x", 1);

    RunResult first = runner.run("counting", params);
    assertEquals(TaskState.SUCCEEDED, first.task("count").state());
    assertEquals(20, first.output("Output", Integer.class));

    RunResult second = runner.run("counting", params);
    assertEquals(TaskState.CACHED, second.task("count").state());
    assertEquals(TaskState.SUCCEEDED, second.task("uncached").state(), "@Component(cache = false) runs every time");
    assertEquals(20, second.output("Output", Integer.class));
    assertEquals(List.of("count 1", "uncached 2", "uncached 2"), runs(marker));

    RunResult other = runner.run("counting", Map.of("marker", marker.toString(), "x", 5));
    assertEquals(TaskState.SUCCEEDED, other.task("count").state());
    assertEquals(60, other.output("Output", Integer.class));
  }

  @Test
  void noCacheRunsEverythingAndRecordsNothing() throws IOException {
    Path marker = work.resolve("marker.txt");
    Map<String, Object> params = Map.of("marker", marker.toString(), "x", 1);
    RunResult forced = Runners.inProcess(work).noCache(true).build().run("counting", params);
    assertEquals(TaskState.SUCCEEDED, forced.task("count").state());
    RunResult after = Runners.inProcess(work).build().run("counting", params);
    assertEquals(TaskState.SUCCEEDED, after.task("count").state(), "--no-cache recorded nothing to reuse");
    RunResult again = Runners.inProcess(work).noCache(true).build().run("counting", params);
    assertEquals(TaskState.SUCCEEDED, again.task("count").state(), "--no-cache reuses nothing");
    assertEquals(List.of("count 1", "uncached 2", "count 1", "uncached 2", "count 1", "uncached 2"), runs(marker));
  }

  @Test
  void cachedOutputsAreCopiedIntoTheNewRun() throws IOException {
    LocalRunner runner = Runners.inProcess(work).build();
    RunResult first = runner.run("calculate-average", Map.of("numbers", List.of(2, 4)));
    RunResult second = runner.run("calculate-average", Map.of("numbers", List.of(2, 4)));
    assertEquals(TaskState.CACHED, second.task("div").state());
    Path value = Path.of(second.outputs().get("Output"));
    assertFalse(value.startsWith(first.directory()), "a run's values live in its own folder");
    assertEquals("3.0", Files.readString(value).trim());
  }
}
