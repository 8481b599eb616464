package dev.kfp4j.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.loops.Loops;
import dev.kfp4j.local.run.TaskState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loops in the local runner: iterations planned from the list the run produces, collected results in
 * iteration order, and each pipeline's result the same as calling its method directly.
 */
class LoopTest {

  @TempDir
  Path work;

  @Test
  void fanOutOverAParameterAndFanInAgreeWithTheDirectCall() {
    List<Double> rates = List.of(0.5, 2.0, 1.0);
    RunResult result = Runners.inProcess(work).build().run("tune", Map.of("dataset", "abc", "rates", rates));
    assertEquals(RunResult.State.SUCCEEDED, result.state(), result.toString());
    assertEquals(Loops.tune("abc", rates), result.output("Output", Double.class));
    assertEquals(TaskState.SUCCEEDED, result.task("for-loop-1/2/train-and-score").state());
  }

  @Test
  void loopsOverATaskOutputAConstantNestedListsAndThroughNestedPipelines() throws Exception {
    LocalRunner runner = Runners.inProcess(work).build();
    RunResult output = runner.run("loop-over-output", Map.of("n", 5));
    assertEquals(Loops.loopOverOutput(5), output.output("Output", Integer.class), output.toString());
    RunResult constant = runner.run("loop-over-constant", Map.of());
    assertEquals(Loops.loopOverConstant(), constant.output("Output", List.class), constant.toString());
    RunResult nested = runner.run("nested-loops", Map.of("rows", 3));
    assertEquals(Loops.nestedLoops(3), nested.output("Output", Integer.class), nested.toString());
    assertEquals(TaskState.SUCCEEDED, nested.task("for-loop-1/2/for-loop-2/1/twice").state());
    RunResult through = runner.run("collected-into-pipeline", Map.of("xs", List.of(1, 2, 3)));
    assertEquals(Loops.collectedIntoPipeline(List.of(1, 2, 3)), through.output("Output", Integer.class),
        through.toString());
    // The collected list is a value of the run like any other, in iteration order.
    assertEquals("[2,4,6]", Files.readString(Path.of(constant.outputs().get("Output"))).trim());
  }

  @Test
  void progressShowsEachIterationsTaskWithItsPlaceInEveryLoopAroundIt() {
    StringWriter console = new StringWriter();
    RunResult nested = Runners.inProcess(work).listener(new ConsoleProgress(new PrintWriter(console, true), false))
        .build().run("nested-loops", Map.of("rows", 3));
    assertEquals(RunResult.State.SUCCEEDED, nested.state(), nested.toString());
    String progress = console.toString();
    // for-loop-1/2/for-loop-2/1/twice: the third row's second element
    assertTrue(progress.matches("(?s).*\\] twice\\[3/3\\]\\[2/\\d+\\] +succeeded.*"), progress);
    assertTrue(progress.matches("(?s).*\\] for-loop-1 +running +3 iterations.*"), progress);
    // the summary table keeps the task paths, which --resume, show and the run folder use
    assertTrue(progress.contains("for-loop-1/2/for-loop-2/1/twice"), progress);
  }

  @Test
  void recordItemsReachTheirComponents() {
    RunResult result = Runners.inProcess(work).build().run("record-items",
        Map.of("shards", List.of(new Loops.Shard("a", 1), new Loops.Shard("b", 2)), "dataset", "xy"));
    assertEquals(RunResult.State.SUCCEEDED, result.state(), result.toString());
    assertEquals(TaskState.SUCCEEDED, result.task("for-loop-1/1/describe").state());
  }

  @Test
  void aFailedIterationFailsTheLoopWhileTheOthersFinishAndResumeRerunsOnlyIt() {
    RunResult result = Runners.inProcess(work).build().run("collected-into-pipeline", Map.of("xs", List.of(1, 13, 3)));
    assertEquals(RunResult.State.FAILED, result.state());
    assertEquals(TaskState.FAILED, result.task("for-loop-1/1/twice").state());
    assertEquals(TaskState.SUCCEEDED, result.task("for-loop-1/2/plus-pipeline/plus").state());
    assertEquals(TaskState.FAILED, result.task("for-loop-1").state());
    assertTrue(result.task("for-loop-1").error().orElseThrow().contains("iteration [1] of 3 failed"),
        result.task("for-loop-1").error().toString());
    assertEquals(TaskState.SKIPPED, result.task("sum-pipeline/sum").state());
  }
}
