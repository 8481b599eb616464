package dev.kfp4j.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.local.container.ContainerRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Container steps ({@code fixtures/ContainerSteps}) in the local runner's host mode: the step's
 * command runs on this machine with the input values in its command line and its output files in a
 * scratch folder, between Java components. No container engine runs on the test machines, so the
 * podman/docker path is only checked for its error when the engine is missing.
 */
class ContainerStepTest {

  @TempDir
  Path work;

  private LocalRunner.Builder host() {
    return Runners.inProcess(work).containers(ContainerRuntime.host(Map.of()));
  }

  @Test
  void plainStepsRunOnTheHostBetweenJavaComponents() {
    RunResult result = host().build().run("container-steps", Map.of("x", 20, "greeting", "it's \"done\""));
    assertEquals(RunResult.State.SUCCEEDED, result.state(), result.toString());
    assertEquals("it's \"done\", 41", result.output("Output", String.class));
    assertEquals(TaskState.SUCCEEDED, result.task("twice").state());
  }

  @Test
  void aSecondRunReusesTheContainerStepsFromTheCache() {
    host().build().run("container-steps", Map.of("x", 1, "greeting", "hi"));
    RunResult second = host().build().run("container-steps", Map.of("x", 1, "greeting", "hi"));
    assertEquals(TaskState.CACHED, second.task("twice").state());
    assertEquals("hi, 3", second.output("Output", String.class));
  }

  @Test
  void anOutputOfTheWrongTypeFailsTheStepWithOneLine() {
    RunResult result = host().build().run("broken-container-step", Map.of("unused", 0));
    assertEquals(RunResult.State.FAILED, result.state());
    String error = result.task("broken").error().orElseThrow();
    assertTrue(error.startsWith("kfp4j: container step 'broken': output 'Output' (NUMBER_INTEGER) is not valid JSON"), error);
    assertEquals(TaskState.SKIPPED, result.task("plus-one").state());
  }

  @Test
  void aFailingProgramShowsItsLastLine() {
    RunResult result = host().build().run("crashing-container-step", Map.of("unused", 0));
    assertEquals(RunResult.State.FAILED, result.state());
    TaskResult crashing = result.task("crashing");
    assertEquals(7, crashing.exitCode());
    assertTrue(crashing.error().orElseThrow().contains("it went wrong"), crashing.error().toString());
  }

  @Test
  void withoutAnEngineTheErrorNamesTheStepAndTheMissingRuntime() {
    Assumptions.assumeFalse(ContainerRuntime.answers("podman"),
        "podman answers here: this test is about a machine without it");
    RunResult result = Runners.inProcess(work)
        .containers(new ContainerRuntime(ContainerRuntime.Mode.PODMAN, Map.of(), List.of(), List.of())).build()
        .run("container-steps", Map.of("x", 1, "greeting", "hi"));
    assertEquals(RunResult.State.FAILED, result.state());
    String error = result.task("twice").error().orElseThrow();
    assertTrue(error.contains("container step 'twice': it runs image busybox:1.36, but podman is not available here"),
        error);
    assertTrue(error.contains("--containers auto|host"), error);
  }
}
