package dev.kfp4j.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kfp4j.local.container.ContainerRuntime;
import dev.kfp4j.local.container.ContainerStepRunner;
import dev.kfp4j.local.exec.RunControl;
import dev.kfp4j.local.plan.ContainerTask;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A container step's cache identity follows its image, not the image's name: an image rebuilt under the same name
 * (here two empty images imported as {@code kfp4j-cache-key-test:0}, differing in one environment variable) gives
 * another identity, so the cache does not return the old image's outputs. Host mode keeps the name (no image runs).
 * Skipped, saying why, where podman does not answer.
 */
class ContainerCacheKeyTest {

  private static final String IMAGE = "kfp4j-cache-key-test:0";

  @TempDir
  Path work;

  @Test
  void anImageRebuiltUnderTheSameNameIsANewIdentity() throws Exception {
    assumeTrue(ContainerRuntime.answers("podman"),
        "podman is not installed here or does not answer 'podman info' (.ci/run installs Debian's podman and runc)");
    ContainerTask task = new ContainerTask(IMAGE, List.of("true"), List.of(), false, Map.of());
    ContainerRuntime podman = new ContainerRuntime(ContainerRuntime.Mode.PODMAN, Map.of(), List.of(), List.of());
    try {
      podman("import", "--change", "ENV BUILD=1", "-", IMAGE);
      String first = new ContainerStepRunner(podman, new RunControl(), work).identity(task);
      assertEquals(first, new ContainerStepRunner(podman, new RunControl(), work).identity(task), "the same image");
      podman("import", "--change", "ENV BUILD=2", "-", IMAGE);
      String second = new ContainerStepRunner(podman, new RunControl(), work).identity(task);
      assertNotEquals(first, second, "the image was rebuilt under the same name");
      assertTrue(first.startsWith(task.identity()) && second.startsWith(task.identity()), first);
    } finally {
      podman("rmi", "--force", IMAGE);
    }
    assertEquals(task.identity(), new ContainerStepRunner(ContainerRuntime.host(Map.of()), new RunControl(), work)
        .identity(task), "host mode runs no image");
  }

  /** Runs podman; {@code import … -} reads an empty tar archive (an image with no files). */
  private static void podman(String... args) throws Exception {
    Process process = new ProcessBuilder(concat(args)).redirectErrorStream(true).start();
    try (var in = process.getOutputStream()) {
      if (args[0].equals("import")) {
        in.write(new byte[1024]); // an empty tar: two zero blocks of 512 bytes
      }
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(2, TimeUnit.MINUTES), "podman " + args[0] + " did not finish");
    assertEquals(0, process.exitValue(), "podman " + String.join(" ", args) + ": " + output);
  }

  private static List<String> concat(String... args) {
    List<String> line = new java.util.ArrayList<>(List.of("podman"));
    line.addAll(List.of(args));
    return line;
  }
}
