package dev.kfp4j.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kfp4j.local.container.ContainerRuntime;
import dev.kfp4j.local.exec.LocalSecrets;
import dev.kfp4j.local.fixtures.OptionFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Task options of container steps in real podman containers: {@code @Env} and {@code @SecretEnv} variables,
 * a {@code @SecretVolume} mounted from the local secrets folder, {@code memoryLimit} and {@code cpuLimit} as
 * {@code --memory} and {@code --cpus}, and a
 * timeout that removes the container. The image is this machine's {@code sh}, {@code sleep} and {@code cat} with
 * the libraries they link, imported with {@code podman import}. Skipped, saying why, where podman does not answer
 * ({@code .ci/run} installs Debian's podman and runc).
 */
class PodmanOptionsTest {

  @TempDir
  Path work;

  @BeforeAll
  static void image() throws Exception {
    assumeTrue(ContainerRuntime.answers("podman"),
        "podman is not installed here or does not answer 'podman info' (.ci/run installs Debian's podman and runc)");
    String script = String.join("\n",
        "set -euo pipefail",
        "tools=\"$(readlink -f /bin/sh) $(readlink -f /bin/sleep) $(readlink -f /bin/cat)\"",
        "libs=$(ldd $tools | awk '$2 == \"=>\" && $3 ~ /^\\// {print $3} $1 ~ /^\\/.*ld-linux/ {print $1}' | sort -u)",
        "staging=$(mktemp -d)",
        "mkdir -p $staging/bin $staging/tmp $staging/etc",
        "for tool in $tools; do cp $tool $staging/bin/; done",
        "ln -s $(basename $(readlink -f /bin/sh)) $staging/bin/sh",
        "for lib in $libs; do mkdir -p $staging$(dirname $lib); cp -L $lib $staging$lib; done",
        "tar -c -f - -C $staging . | podman import --change 'ENV PATH=/bin' - " + OptionFixtures.SHELL_IMAGE,
        "rm -rf $staging");
    Process process = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), "podman import did not finish");
    assertEquals(0, process.exitValue(), "building " + OptionFixtures.SHELL_IMAGE + ": " + output);
  }

  @AfterEach
  void clearSecrets() {
    System.clearProperty(LocalSecrets.PROPERTY);
  }

  @Test
  void envSecretsAndASecretVolumeReachTheContainerWithoutTheSecretOnACommandLine() throws IOException {
    Path secrets = work.resolve("secrets");
    Files.createDirectories(secrets.resolve("db"));
    Files.createDirectories(secrets.resolve("tls"));
    Files.writeString(secrets.resolve("db/password"), "s3cr3t-value\n");
    Files.writeString(secrets.resolve("tls/ca.crt"), "certificate");
    System.setProperty(LocalSecrets.PROPERTY, secrets.toString());
    RunResult result = runner().run("podman-options", Map.of());
    assertEquals(RunResult.State.SUCCEEDED, result.state(), result.toString());
    assertEquals("debug:" + "s3cr3t-value".length() + ":certificate", result.output("Output", String.class));
    assertEquals(List.of(), result.info().ignoredLocally(), "podman honours env, Secrets, the volume, memoryLimit and cpuLimit");
    try (Stream<Path> files = Files.walk(result.directory())) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertFalse(Files.readString(file).contains("s3cr3t"), "the Secret's value is in " + file);
      }
    }
  }

  @Test
  void aTimedOutContainerIsStoppedAndRemoved() throws Exception {
    RunResult result = runner().run("podman-timing-out", Map.of("seconds", 120));
    assertEquals(RunResult.State.FAILED, result.state());
    assertEquals("timed out after 2s", result.task("pod-sleep").error().orElseThrow());
    assertTrue(result.elapsed().compareTo(Duration.ofSeconds(90)) < 0, "the container was stopped: " + result.elapsed());
    Process ps = new ProcessBuilder("podman", "ps", "-a", "--filter", "ancestor=" + OptionFixtures.SHELL_IMAGE,
        "--format", "{{.Names}}").redirectErrorStream(true).start();
    ps.getOutputStream().close();
    String left = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(ps.waitFor(1, TimeUnit.MINUTES));
    assertEquals("", left, "containers of the timed-out step are left");
  }

  private LocalRunner runner() {
    List<String> options = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/sbin/runc"))) {
      // Debian 12's podman as root: the default crun refuses this machine's cgroup layout.
      options.addAll(List.of("--runtime", "/usr/sbin/runc", "--cgroup-manager", "cgroupfs"));
    }
    options.addAll(List.of("--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024"));
    return Runners.inProcess(work).noCache(true)
        .containers(new ContainerRuntime(ContainerRuntime.Mode.PODMAN, Map.of(), options, List.of())).build();
  }
}
