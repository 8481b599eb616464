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
  void aJavaStepMapsTheImagesStartUpArchive() throws Exception {
    // The spec's own command for calculate-average's add, with -Xshare:on instead of :auto (a JVM that cannot map
    // the archive then fails instead of running without it) and the class loading log on stdout.
    JsonNode container = new YAMLMapper().readTree(ImageTest.SPECS.resolve("calculate-average/pipeline.yaml").toFile())
        .path("deploymentSpec").path("executors").path("exec-add").path("container");
    List<String> command = new ArrayList<>();
    container.path("command").forEach(node -> command.add(node.asText()));
    assertThat(command).contains("-Xshare:auto");
    String main = command.get(command.size() - 1);
    String executorInput = "{\"inputs\":{\"parameterValues\":{\"numbers\":[1,2,3]}},"
        + "\"outputs\":{\"parameters\":{\"Output\":{\"outputFile\":\"/tmp/Output\"}}}}";
    List<String> step = new ArrayList<>(command.subList(1, command.size() - 1));
    step.replaceAll(arg -> arg.equals("-Xshare:auto") ? "-Xshare:on" : arg);
    step.add(step.indexOf("-cp"), "-Xlog:class+load=info");
    step.addAll(List.of(main, "--executor_input", executorInput));
    String log = podmanRun(command.get(0), step);
    assertThat(log).contains(main + " source: shared objects file");
    assertThat(log).contains("dev.kfp4j.runtime.entrypoint.ComponentMain source: shared objects file");
    assertThat(log).contains("dev.kfp4j.runtime.value.Codecs source: shared objects file");

    // The same step on another classpath (the first jar its manifest names put first) cannot map it: with
    // -Xshare:on the JVM refuses to start, which is what makes the check above able to fail.
    int cp = step.indexOf("-cp") + 1;
    step.set(cp, firstManifestJar(step.get(cp)) + ":" + step.get(cp));
    Process other = podmanProcess(command.get(0), step);
    String otherLog = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(other.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertWithMessage("%s", otherLog).that(other.exitValue()).isNotEqualTo(0);
    assertThat(otherLog).contains("shared class paths mismatch");
  }

  /** The image path of the first jar that the manifest of {@code jar} (the project's jar, as built here) names. */
  private static String firstManifestJar(String jar) throws IOException {
    Path built = ImageTest.EXAMPLE.resolve("target").resolve(Path.of(jar).getFileName());
    try (java.util.jar.JarFile file = new java.util.jar.JarFile(built.toFile())) {
      String named = file.getManifest().getMainAttributes().getValue("Class-Path");
      assertWithMessage("Class-Path of %s", built).that(named).isNotNull();
      return Path.of(jar).getParent().resolve(named.trim().split("\\s+")[0]).normalize().toString();
    }
  }

  private static String podmanRun(String entrypoint, List<String> args) throws Exception {
    Process process = podmanProcess(entrypoint, args);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertWithMessage("%s: %s", args, output).that(process.exitValue()).isEqualTo(0);
    return output;
  }

  private static Process podmanProcess(String entrypoint, List<String> args) throws Exception {
    List<String> line = new ArrayList<>(List.of("podman", "run", "--rm"));
    line.addAll(podmanOptions());
    // By the id of the image this build made (Jib's jib-image.id), not its name: podman's image store is this
    // machine's, and another checkout's build may load its own image under the same name meanwhile.
    String id = Files.readString(ImageTest.EXAMPLE.resolve("target/jib-image.id")).trim();
    line.addAll(List.of("--entrypoint", entrypoint, id.substring(id.indexOf(':') + 1)));
    line.addAll(args);
    Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
    process.getOutputStream().close();
    return process;
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

    // Its Java step is the example's div, in the example's image: the example's classpath and start-up archive.
    List<String> exampleCommand = new ArrayList<>();
    new YAMLMapper().readTree(ImageTest.SPECS.resolve("calculate-average/pipeline.yaml").toFile()).path("deploymentSpec")
        .path("executors").path("exec-add").path("container").path("command")
        .forEach(node -> exampleCommand.add(node.asText()));
    String archive = exampleCommand.stream().filter(arg -> arg.startsWith("-XX:SharedArchiveFile=")).findFirst()
        .map(arg -> arg.substring("-XX:SharedArchiveFile=".length())).orElse("");
    CompiledSample sample = CompiledSample.compile("user/com/acme/podman/HeavyAverage.java", "kfp4j-e2e-heavy",
        exampleImage(), "-Akfp4j.classpath=" + ImageTest.specClasspath(), "-Akfp4j.cds.archive=" + archive);
    RunResult result = runner().run(sample.spec("heavy-average", "pipeline.yaml").toString(),
        Map.of("numbers", List.of(1, 2, 3, 6)));
    assertWithMessage("%s", result).that(result.state()).isEqualTo(RunResult.State.SUCCEEDED);
    assertThat(result.output("Output", Double.class)).isEqualTo(3.0);
    assertThat(result.task("add").state()).isEqualTo(TaskState.SUCCEEDED);
    assertThat(Files.readString(result.task("add").log())).contains("(" + pythonImage + ", container)");
    assertThat(Files.readString(result.task("div").log())).contains("(" + exampleImage() + ", container)");
  }

  /**
   * The local runner on podman. The specs name the image by name, and podman's image store is this machine's: another
   * checkout's build may have loaded its own image under that name since {@link #loadTheImage}, so the name is
   * pointed at this build's image (by id) again first.
   */
  private LocalRunner runner() throws Exception {
    String id = Files.readString(ImageTest.EXAMPLE.resolve("target/jib-image.id")).trim();
    podman(List.of("tag", id.substring(id.indexOf(':') + 1), exampleImage()), null);
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
