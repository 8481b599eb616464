package dev.kfp4j.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.local.container.ContainerRuntime;
import dev.kfp4j.local.plan.ContainerTask;
import dev.kfp4j.local.plan.PlannedTask;
import dev.kfp4j.local.run.TaskState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Container steps ({@code fixtures/ContainerSteps}) in the local runner's host mode: the step's
 * command runs on this machine with the input values in its command line and its output files in a
 * scratch folder, between Java components. Here the podman/docker path is checked for its error when an
 * engine is missing and for what it plans with {@code --in-images}; the e2e PodmanImageTest runs it for real.
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
  void componentFilesTakeAndGiveArtifactsBetweenJavaComponents() {
    RunResult result = host().build().run("word-counts", Map.of("sentence", "to be or not to be", "minLength", 2));
    assertEquals(RunResult.State.SUCCEEDED, result.state(), result.toString());
    // v1 inputPath of the Java data set, a folder written at outputPath, read by the v2 file's path placeholder
    assertEquals("# Words\n- be.txt\n- not.txt\n- or.txt\n- to.txt\n4 of 6", result.output("Output", String.class));
    RunResult again = host().build().run("word-counts", Map.of("sentence", "to be or not to be", "minLength", 2));
    assertEquals(TaskState.CACHED, again.task("summarize").state(), "same artifact bytes, same key");
    RunResult other = host().build().run("word-counts", Map.of("sentence", "to be or not", "minLength", 2));
    assertEquals(TaskState.SUCCEEDED, other.task("count-words").state(), "another data set is another key");
    assertEquals("# Words\n- be.txt\n- not.txt\n- or.txt\n- to.txt\n4 of 4", other.output("Output", String.class));
  }

  @Test
  void anArtifactOutputTheProgramDidNotWriteFailsTheStep() {
    RunResult result = host().build().run("missing-artifact-step", Map.of("sentence", "a b"));
    assertEquals(RunResult.State.FAILED, result.state());
    String error = result.task("forget").error().orElseThrow();
    assertTrue(error.contains("the program wrote nothing at the path of output artifact 'counts'"), error);
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
    // An engine this machine lacks (podman is installed where PodmanImageTest runs; docker's client may be, without a daemon).
    ContainerRuntime.Mode missing = !ContainerRuntime.answers("podman") ? ContainerRuntime.Mode.PODMAN
        : !ContainerRuntime.answers("docker") ? ContainerRuntime.Mode.DOCKER : null;
    Assumptions.assumeTrue(missing != null, "both podman and docker answer here: this test is about a missing engine");
    String engine = missing.name().toLowerCase(java.util.Locale.ROOT);
    RunResult result = Runners.inProcess(work)
        .containers(new ContainerRuntime(missing, Map.of(), List.of(), List.of())).build()
        .run("container-steps", Map.of("x", 1, "greeting", "hi"));
    assertEquals(RunResult.State.FAILED, result.state());
    String error = result.task("twice").error().orElseThrow();
    assertTrue(error.contains("container step 'twice': it runs image busybox:1.36, but " + engine
        + " is not available here"), error);
    assertTrue(error.contains("--containers auto|host"), error);
  }

  @Test
  void inImagesTheGeneratedEntrypointsBecomeContextProtocolContainerTasks() {
    PlannedTask plusOne = Runners.inProcess(work).build().plan("container-steps").task("plus-one").orElseThrow();
    assertTrue(plusOne.container().isEmpty(), "a JVM here by default");
    PlannedTask inImage = Runners.inProcess(work)
        .containers(ContainerRuntime.auto().withEntrypointsInImages()).build().plan("container-steps")
        .task("plus-one").orElseThrow();
    ContainerTask container = inImage.container().orElseThrow();
    assertEquals("kfp4j-local-test:0", container.image());
    assertTrue(container.contextProtocol() && container.entrypoint(), container.toString());
    assertEquals("dev.kfp4j.local.fixtures.ContainerSteps_PlusOneEntrypoint",
        container.command().get(container.command().size() - 1));
    // The spec's command as written: java, the short-step JVM flags, the image's classpath, the entrypoint.
    assertEquals(List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", "/app/resources:/app/classes:/app/libs/*"),
        container.command().subList(0, 5));
    assertEquals(List.of(), container.args(), "KFP's --executor_input {{$}} is replaced by the context protocol's");
    assertEquals("dev.kfp4j.local.fixtures.ContainerSteps_PlusOneEntrypoint", inImage.entrypoint());
    // A container step is planned the same either way.
    assertEquals(Runners.inProcess(work).build().plan("container-steps").task("twice").orElseThrow().container(),
        Runners.inProcess(work).containers(ContainerRuntime.auto().withEntrypointsInImages()).build()
            .plan("container-steps").task("twice").orElseThrow().container());
  }

  @Test
  void entrypointsInImagesNeedAnEngine() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> ContainerRuntime.host(Map.of()).withEntrypointsInImages());
    assertTrue(error.getMessage().contains("need podman or docker, not host mode"), error.getMessage());
    IllegalArgumentException s3 = assertThrows(IllegalArgumentException.class, () -> Runners.inProcess(work)
        .root(java.net.URI.create("s3://bucket/runs/")).containers(ContainerRuntime.auto().withEntrypointsInImages())
        .build());
    assertTrue(s3.getMessage().startsWith("entrypoints run in their images need a file:// storage root"), s3.getMessage());
    assertTrue(s3.getMessage().contains("s3://bucket/runs/"), s3.getMessage());
  }
}
