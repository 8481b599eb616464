package dev.kfp4j.e2e;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kfp4j.local.LocalRunner;
import dev.kfp4j.local.RunResult;
import dev.kfp4j.local.container.ContainerRuntime;
import dev.kfp4j.local.run.TaskState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pipelines whose every step runs in a real container with podman, through the local runner's podman path
 * ({@code --containers podman --in-images}): the example's Java steps in the image Jib built
 * ({@code podman load -i example-avg/target/jib-image.tar}), and the seed's heavyweight Python {@code add}
 * (context protocol) in an image of its own. Skipped, saying why, where podman does not answer or the image
 * was not built ({@code mvn verify -Pimage}); .ci/run installs Debian's podman and runc and builds it.
 *
 * <p>The Python steps' image ({@code src/main/python/Containerfile}) starts from {@code python:3.12-slim},
 * which no registry here serves: the test builds an image of the same name and layout ({@code /app/avg_steps.py},
 * {@code python3} on the PATH) from this machine's own Debian python3 (its files and the libraries ldd names),
 * with {@code podman import}.
 */
class PodmanImageTest {

  /**
   * How podman runs here (Debian 12's podman 4.3 as root): the default crun refuses the machine's hybrid
   * cgroup layout, so runc with cgroupfs; explicit ulimits, since the defaults it derives fail to apply.
   */
  static List<String> podmanOptions() {
    List<String> options = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/sbin/runc"))) {
      options.addAll(List.of("--runtime", "/usr/sbin/runc", "--cgroup-manager", "cgroupfs"));
    }
    options.addAll(List.of("--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024"));
    return options;
  }

  @TempDir
  Path work;

  @BeforeAll
  static void loadTheImage() throws Exception {
    assumeTrue(ContainerRuntime.answers("podman"),
        "podman is not installed here or does not answer 'podman info' (.ci/run installs Debian's podman and runc)");
    ImageTest.assumeImageBuilt();
    String loaded = podman(List.of("load", "-i", ImageTest.IMAGE_TAR.toString()), null);
    assertThat(loaded).contains("kfp4j-example-avg");
  }

  @Test
  void theExamplesJavaStepsRunInTheJibImage() throws Exception {
    RunResult result = runner().run("calculate-average", Map.of("numbers", List.of(1, 2, 3, 6)));
    assertWithMessage("%s", result).that(result.state()).isEqualTo(RunResult.State.SUCCEEDED);
    assertThat(result.output("Output", Double.class)).isEqualTo(3.0);
    for (String task : List.of("add", "div")) {
      String log = Files.readString(result.task(task).log());
      assertWithMessage("log of %s", task).that(log).contains("(" + exampleImage() + ", container)");
    }
  }

  @Test
  void filesAndDirectoriesPassBetweenStepsInTheJibImage() throws Exception {
    // The example's train-model: a data set file, a model directory (with an empty folder), metrics, a report;
    // each step downloads its inputs into /tmp inside its container and uploads what it returns.
    RunResult result = runner().run("train-model", Map.of("rows", 5, "rate", 0.1));
    assertWithMessage("%s", result).that(result.state()).isEqualTo(RunResult.State.SUCCEEDED);
    for (String task : List.of("generate", "train", "evaluate", "report")) {
      assertWithMessage("log of %s", task).that(Files.readString(result.task(task).log()))
          .contains("(" + exampleImage() + ", container)");
    }
    Path report = result.downloadArtifact("Output", work.resolve("report.md"));
    assertThat(Files.readString(report)).startsWith("# Training report\n\nmetrics: {\"slope\": ");
  }

  @Test
  void aContextProtocolPythonStepFeedsAJavaStepInContainers() throws Exception {
    Path python = Path.of("/usr/bin/python3");
    assumeTrue(Files.isExecutable(python), "no Debian python3 here to build the Python steps' image from");
    JsonNode mixed = new YAMLMapper().readTree(ImageTest.SPECS.resolve("mixed-average/pipeline.yaml").toFile());
    String pythonImage = mixed.path("deploymentSpec").path("executors").path("exec-add").path("container")
        .path("image").asText();
    assertThat(pythonImage).isNotEmpty();
    buildPythonImage(python.toRealPath(), pythonImage, work.resolve("python-image"));

    CompiledSample sample = CompiledSample.compile("user/com/acme/podman/HeavyAverage.java", "kfp4j-e2e-heavy",
        exampleImage());
    RunResult result = runner().run(sample.spec("heavy-average", "pipeline.yaml").toString(),
        Map.of("numbers", List.of(1, 2, 3, 6)));
    assertWithMessage("%s", result).that(result.state()).isEqualTo(RunResult.State.SUCCEEDED);
    assertThat(result.output("Output", Double.class)).isEqualTo(3.0);
    assertThat(result.task("add").state()).isEqualTo(TaskState.SUCCEEDED);
    assertThat(Files.readString(result.task("add").log())).contains("(" + pythonImage + ", container)");
    assertThat(Files.readString(result.task("div").log())).contains("(" + exampleImage() + ", container)");
  }

  private LocalRunner runner() {
    return LocalRunner.builder().workDirectory(work.resolve(".kfp4j")).stopOnSignal(false).noCache(true)
        .retryBackoff(Duration.ofMillis(10))
        .containers(new ContainerRuntime(ContainerRuntime.Mode.PODMAN, Map.of(), podmanOptions(), List.of())
            .withEntrypointsInImages())
        .build();
  }

  /** The image the example's specs name (from the same Maven property Jib builds). */
  private static String exampleImage() throws IOException {
    return new YAMLMapper().readTree(ImageTest.SPECS.resolve("calculate-average/pipeline.yaml").toFile())
        .path("deploymentSpec").path("executors").elements().next().path("container").path("image").asText();
  }

  /**
   * {@code name}: this machine's python3 (the interpreter, its standard library without tests and caches, the
   * shared libraries they link) plus {@code /app/avg_steps.py}, imported into podman.
   */
  private static void buildPythonImage(Path python, String name, Path staging) throws Exception {
    Path stdlib = Path.of("/usr/lib").resolve(python.getFileName().toString());
    assumeTrue(Files.isDirectory(stdlib), "python3 here is not Debian's (no " + stdlib + ")");
    Files.createDirectories(staging.resolve("app"));
    Files.createDirectories(staging.resolve("tmp"));
    Files.copy(MixedAverageEndToEndTest.PYTHON_STEPS.resolve("avg_steps.py"), staging.resolve("app/avg_steps.py"));
    String script = String.join("\n",
        "set -euo pipefail",
        "libs=$(ldd " + python + " " + stdlib + "/lib-dynload/*.so | awk '$2 == \"=>\" && $3 ~ /^\\// {print $3}"
            + " $1 ~ /^\\/.*ld-linux/ {print $1}' | sort -u | sed 's|^/||')",
        "tar -c -h -f - --exclude=__pycache__ --exclude=" + stdlib.toString().substring(1) + "/test"
            + " --exclude=dist-packages --exclude=site-packages -C / usr/bin/python3 " + python.toString().substring(1)
            + " " + stdlib.toString().substring(1) + " $libs -C " + staging + " app tmp"
            + " | podman import - " + name);
    Process process = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertWithMessage("building %s: %s", name, output).that(process.exitValue()).isEqualTo(0);
  }

  private static String podman(List<String> args, Path directory) throws Exception {
    List<String> command = new ArrayList<>(List.of("podman"));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertWithMessage("%s: %s", command, output).that(process.exitValue()).isEqualTo(0);
    return output;
  }
}
