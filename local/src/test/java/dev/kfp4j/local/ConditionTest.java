package dev.kfp4j.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.conditions.Conditions;
import dev.kfp4j.local.run.RunEvent;
import dev.kfp4j.local.run.TaskState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conditions in the local runner: each branch's condition evaluated on the run's values, the branches not taken
 * shown as skipped, one-of values the value of the branch that ran, and each result the direct call's.
 */
class ConditionTest {

  @TempDir
  Path work;

  @Test
  void eachBranchOfAnIfElseIfElseChainAgreesWithTheDirectCall() {
    LocalRunner runner = Runners.inProcess(work).build();
    for (Object[] parameters : List.of(new Object[] {"abcdefghij", 0.9}, new Object[] {"abcdefg", 0.9},
        new Object[] {"ab", 0.9})) {
      RunResult result = runner.run("deploy-or-not", Map.of("model", parameters[0], "threshold", parameters[1]));
      assertEquals(RunResult.State.SUCCEEDED, result.state(), result.toString());
      assertEquals(Conditions.deployOrNot((String) parameters[0], (double) parameters[1]),
          result.output("Output", String.class));
    }
  }

  @Test
  void theBranchesNotTakenAreShownAsSkipped() {
    RunResult result = Runners.inProcess(work).build().run("deploy-or-not", Map.of("model", "abcdefg",
        "threshold", 0.9));
    assertEquals("published: retrained abcdefg x3", result.output("Output", String.class));
    assertEquals(TaskState.SUCCEEDED, result.task("condition-branches-1/condition-3/retrain").state());
    List<RunEvent> skipped = result.events().stream().filter(e -> e.state() == TaskState.SKIPPED).toList();
    assertEquals(List.of("condition-branches-1/condition-2", "condition-branches-1/condition-4"),
        skipped.stream().map(RunEvent::task).toList());
    assertTrue(skipped.get(0).detail().startsWith("condition false"), skipped.get(0).detail());
  }

  @Test
  void nestedChainsAndQuotedStringsAgreeWithTheDirectCall() {
    LocalRunner runner = Runners.inProcess(work).build();
    for (Object[] parameters : List.of(new Object[] {"heads", 8}, new Object[] {"heads", 2},
        new Object[] {"tails", 0}, new Object[] {"it's \"odd\"", 3})) {
      RunResult result = runner.run("nested-conditions", Map.of("coin", parameters[0], "sides", parameters[1]));
      assertEquals(RunResult.State.SUCCEEDED, result.state(), result.toString());
      assertEquals(Conditions.nested((String) parameters[0], (int) parameters[1]), result.output("Output", String.class));
    }
  }

  @Test
  void conditionsInALoopCollectTheBranchThatRan() {
    RunResult result = Runners.inProcess(work).build().run("conditions-in-loop", Map.of("sizes", List.of(1, 3, 5)));
    assertEquals(RunResult.State.SUCCEEDED, result.state(), result.toString());
    assertEquals(Conditions.inLoop(List.of(1, 3, 5)), result.output("Output", List.class));
  }

  @Test
  void aFailedTaskInTheBranchTakenFailsTheChainAndTheRun() {
    RunResult result = Runners.inProcess(work).build().run("nested-conditions", Map.of("coin", "heads",
        "sides", -1));
    assertEquals(RunResult.State.FAILED, result.state());
    assertEquals(TaskState.FAILED, result.task("condition-branches-1/condition-2/roll").state());
    assertEquals(TaskState.FAILED, result.task("condition-branches-1").state());
    assertEquals(TaskState.SKIPPED, result.task("publish").state());
  }
}
