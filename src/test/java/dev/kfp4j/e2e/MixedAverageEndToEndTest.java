package dev.kfp4j.e2e;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.kfp4j.example.avg.MixedAverage;
import dev.kfp4j.local.LocalRunner;
import dev.kfp4j.local.RunResult;
import dev.kfp4j.local.container.ContainerRuntime;
import dev.kfp4j.local.run.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example's {@code mixed-average} pipeline end to end in the local runner's host mode: the seed's
 * heavyweight {@code add} is the shipped Python program ({@code example-avg/src/main/python/avg_steps.py},
 * mapped from the image path {@code /app}), KFP's published Add component runs its own shell command, and
 * {@code div} is the generated Java entrypoint.
 *
 * <p>The published component pipes its sum into {@code gsutil cp - FILE}, a Google Cloud SDK tool that its
 * image ({@code google/cloud-sdk}) has and the build machine has not: the test puts a two-line stand-in for
 * exactly that use ({@code cp -} from standard input to a local file) first on the step's {@code PATH}.
 */
class MixedAverageEndToEndTest {

  /** The example's Python steps, from this module's folder ({@code src/test}). */
  static final Path PYTHON_STEPS = Path.of("../../example-avg/src/main/python").toAbsolutePath().normalize();

  @TempDir
  Path work;

  static Path gsutilStandIn(Path dir) throws Exception {
    Path tools = Files.createDirectories(dir.resolve("tools"));
    Path gsutil = tools.resolve("gsutil");
    Files.writeString(gsutil, "#!/bin/sh\n# stand-in for 'gsutil cp - FILE' only\n"
        + "[ \"$1\" = cp ] && [ \"$2\" = - ] || { echo \"gsutil stand-in: only 'cp - FILE'\" >&2; exit 2; }\n"
        + "cat > \"$3\"\n");
    Files.setPosixFilePermissions(gsutil, PosixFilePermissions.fromString("rwxr-xr-x"));
    return tools;
  }

  private LocalRunner runner() throws Exception {
    return LocalRunner.builder().workDirectory(work.resolve(".kfp4j")).stopOnSignal(false)
        .retryBackoff(Duration.ofMillis(10))
        .containers(ContainerRuntime.host(Map.of("/app", PYTHON_STEPS)).withHostTools(List.of(gsutilStandIn(work))))
        .build();
  }

  @Test
  void threeKindsOfStepsComputeTheAverage() throws Exception {
    assertThat(Files.isRegularFile(PYTHON_STEPS.resolve("avg_steps.py"))).isTrue();
    RunResult result = runner().run("mixed-average", Map.of("numbers", List.of(1, 2, 3, 6), "offset", 4));
    assertWithMessage("%s", result).that(result.state()).isEqualTo(RunResult.State.SUCCEEDED);
    // (1 + 2 + 3 + 6 + 4) / 4, as the same pipeline called in plain Java gives
    assertThat(result.output("Output", Double.class)).isEqualTo(4.0);
    assertThat(MixedAverage.mixedAverage(List.of(1, 2, 3, 6), 4)).isEqualTo(4.0);
    assertThat(result.task("add").state()).isEqualTo(TaskState.SUCCEEDED);
    assertThat(result.task("add-offset").state()).isEqualTo(TaskState.SUCCEEDED);
    assertThat(Files.readString(result.task("add").log())).doesNotContain("Traceback");
  }

  @Test
  void aFailingPublishedStepFailsWithItsLastLineAndSkipsWhatDependsOnIt() throws Exception {
    Path tools = Files.createDirectories(work.resolve("failing-tools"));
    Path gsutil = tools.resolve("gsutil");
    Files.writeString(gsutil, "#!/bin/sh\necho 'AccessDeniedException: 403 stand-in refusal' >&2\nexit 1\n");
    Files.setPosixFilePermissions(gsutil, PosixFilePermissions.fromString("rwxr-xr-x"));
    RunResult result = LocalRunner.builder().workDirectory(work.resolve(".kfp4j")).stopOnSignal(false)
        .containers(ContainerRuntime.host(Map.of("/app", PYTHON_STEPS)).withHostTools(List.of(tools))).build()
        .run("mixed-average", Map.of("numbers", List.of(1, 2, 3), "offset", 0));
    assertThat(result.state()).isEqualTo(RunResult.State.FAILED);
    assertThat(result.task("add").state()).isEqualTo(TaskState.SUCCEEDED);
    assertThat(result.task("add-offset").state()).isEqualTo(TaskState.FAILED);
    assertThat(result.task("add-offset").error().orElseThrow()).contains("AccessDeniedException: 403 stand-in refusal");
    assertThat(result.task("div").state()).isEqualTo(TaskState.SKIPPED);
  }
}
