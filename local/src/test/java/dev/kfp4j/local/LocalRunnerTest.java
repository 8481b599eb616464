package dev.kfp4j.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.local.error.LocalRunException;
import dev.kfp4j.local.fixtures.Average;
import dev.kfp4j.local.fixtures.Nested;
import dev.kfp4j.local.run.RunDirectory;
import dev.kfp4j.local.run.TaskState;
import dev.kfp4j.runtime.context.RunContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java API end to end, in-process: typed arguments in, typed outputs out, values in the run folder. */
class LocalRunnerTest {

  @TempDir
  Path work;

  @Test
  void runsAPipelineByNameAndReturnsTypedOutputs() throws Exception {
    RunResult result = Runners.inProcess(work).build().run("calculate-average", Map.of("numbers", List.of(1, 2, 3)));
    assertEquals(RunResult.State.SUCCEEDED, result.state(), result.toString());
    assertEquals(2.0, result.output("Output", Double.class));
    assertEquals(TaskState.SUCCEEDED, result.task("add").state());
    // Values went through contexts and storage: div's output context names add's output and its own.
    RunContext div = RunContext.parse(Files.readString(result.directory().resolve("contexts/div.json")));
    assertEquals(Path.of(result.info().root().resolve("add/Output.json")), Path.of(div.address("add.Output").orElseThrow()));
    assertEquals("6", Files.readString(Path.of(div.address("add.Output").orElseThrow())).trim());
    RunDirectory directory = RunDirectory.open(work.resolve("runs"), result.runId());
    assertEquals("succeeded", directory.record().orElseThrow().state());
    assertEquals("succeeded", directory.record().orElseThrow().tasks().get("div").state());
  }

  @Test
  void valuesGoUnderAnotherStorageRootWhenGiven() throws Exception {
    Path elsewhere = work.resolve("elsewhere");
    RunResult result = Runners.inProcess(work).root(elsewhere.toUri()).build()
        .run("calculate-average", Map.of("numbers", List.of(4, 8)));
    assertEquals(6.0, result.output("Output", Double.class));
    Path value = Path.of(result.outputs().get("Output"));
    assertEquals(elsewhere.resolve(result.runId()).resolve("div/Output.json"), value);
    assertEquals("12", Files.readString(elsewhere.resolve(result.runId()).resolve("add/Output.json")).trim());
    assertTrue(Files.isRegularFile(result.directory().resolve("contexts/div.json")), "contexts stay in the run folder");
  }

  @Test
  void runsAPipelineSpecFileByPath() {
    String spec = Path.of("target/test-classes/META-INF/kfp4j/calculate-average/pipeline.yaml").toAbsolutePath().toString();
    RunResult result = Runners.inProcess(work).build().run(spec, Map.of("numbers", List.of(1, 2)));
    assertEquals(1.5, result.output("Output", Double.class));
    LocalRunException missing = org.junit.jupiter.api.Assertions.assertThrows(LocalRunException.class,
        () -> Runners.inProcess(work).build().run("no/such/pipeline.yaml", Map.of()));
    assertEquals(LocalRunException.Kind.NOT_FOUND, missing.kind());
    assertTrue(missing.getMessage().contains("no pipeline spec file"), missing.getMessage());
  }

  @Test
  void runsAPipelineByItsMethod() {
    LocalRunner runner = Runners.inProcess(work).build();
    assertEquals(2.0, runner.run(Average.class, "average", List.of(1, 2, 3)).output("Output", Double.class));
    // Two parameters: declaration order (numbers, factor) comes from the compiled workflow.
    assertEquals(4.0, runner.run(Nested.class, "outerScaled", List.of(1, 2, 3), 2.0).output("Output", Double.class));
  }

  @Test
  void nestedPipelinesStoreTheirTasksUnderPrefixedNames() throws Exception {
    RunResult result = Runners.inProcess(work).build().run("outer-scaled",
        Map.of("numbers", List.of(1, 2, 3), "factor", 10.0));
    assertEquals(20.0, result.output("Output", Double.class), result.toString());
    RunContext second = RunContext.parse(Files.readString(result.directory().resolve("contexts/inner-mean-2/summarize.json")));
    assertEquals("4.0", Files.readString(Path.of(second.address("inner-mean-2/summarize.mean").orElseThrow())).trim());
    // The void leaf ran, and what it printed went to its own log, not to the runner's stdout.
    assertEquals(TaskState.SUCCEEDED, result.task("inner-mean/note").state());
    assertTrue(Files.readString(result.task("inner-mean/note").log()).contains("note: 2.0"));
  }
}
