package dev.kfp4j.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.local.error.LocalRunException;
import dev.kfp4j.local.plan.Plan;
import dev.kfp4j.local.plan.PlannedTask;
import dev.kfp4j.local.plan.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IR the processor wrote for the test pipelines, read into plans. */
class PlannerTest {

  @TempDir
  Path work;

  private Plan plan(String name) {
    return Runners.inProcess(work).build().plan(name);
  }

  @Test
  void nestedPipelinesAreFlattenedWithPrefixedTaskPaths() {
    Plan plan = plan("outer-scaled");
    List<String> paths = plan.tasks().stream().map(PlannedTask::path).toList();
    assertEquals(List.of("inner-mean/note", "inner-mean/summarize", "inner-mean-2/note", "inner-mean-2/summarize",
        "scale", "twice").stream().sorted().toList(), paths.stream().sorted().toList());
    PlannedTask scale = plan.task("scale").orElseThrow();
    assertEquals(new Source.From("inner-mean/summarize.mean", "inner-mean/summarize"), scale.inputs().get("value"));
    assertEquals(new Source.From("factor", null), scale.inputs().get("factor"));
    assertTrue(scale.dependencies().contains("inner-mean/summarize"), scale.dependencies().toString());
    PlannedTask secondInner = plan.task("inner-mean-2/summarize").orElseThrow();
    assertEquals(new Source.From("twice.Output", "twice"), secondInner.inputs().get("xs"));
    assertTrue(secondInner.dependencies().contains("twice"));
    assertEquals(Map.of("Output", "scale.Output"), plan.outputs());
    assertEquals(List.of("count", "mean"), plan.task("inner-mean/summarize").orElseThrow().outputs().stream().sorted().toList());
    assertEquals("dev.kfp4j.local.fixtures.Nested_SummarizeEntrypoint", secondInner.entrypoint());
  }

  @Test
  void tasksComeAfterTheirDependencies() {
    Plan plan = plan("outer-scaled");
    List<String> paths = plan.tasks().stream().map(PlannedTask::path).toList();
    for (PlannedTask task : plan.tasks()) {
      for (String dependency : task.dependencies()) {
        assertTrue(paths.indexOf(dependency) < paths.indexOf(task.path()), dependency + " before " + task.path());
      }
    }
  }

  @Test
  void cachingRetriesAndConstantsComeFromTheSpec() {
    Plan counting = plan("counting");
    assertTrue(counting.task("count").orElseThrow().cache());
    assertFalse(counting.task("uncached").orElseThrow().cache());
    assertEquals(2, plan("flaky").task("flaky").orElseThrow().retry().maxRetries());
    Source label = plan("two-branches").task("slow-2").orElseThrow().inputs().get("label");
    assertEquals("\"b\"", ((Source.Constant) label).value().toString());
  }

  @Test
  void unsupportedSpecFieldsAreRefusedByName() throws IOException {
    String spec = Files.readString(Path.of("target/test-classes/META-INF/kfp4j/calculate-average/pipeline.yaml"))
        .replace("      div:\n", "      div:\n        artifactIterator:\n          itemInput: x\n");
    Path file = Files.writeString(work.resolve("pipeline.yaml"), spec);
    LocalRunException e = assertThrows(LocalRunException.class, () -> plan(file.toString()));
    assertEquals(LocalRunException.Kind.BAD_SPEC, e.kind());
    assertTrue(e.getMessage().contains("task 'div' uses artifactIterator"), e.getMessage());
  }

  @Test
  void unknownPipelineNamesWhatThereIs() {
    LocalRunException e = assertThrows(LocalRunException.class, () -> plan("calculate-averag"));
    assertEquals(LocalRunException.Kind.NOT_FOUND, e.kind());
    assertTrue(e.getMessage().contains("no pipeline 'calculate-averag'") && e.getMessage().contains("calculate-average"),
        e.getMessage());
  }
}
