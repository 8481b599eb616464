package dev.kfp4j.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.local.container.ContainerRuntime;
import dev.kfp4j.local.container.ContainerStepRunner;
import dev.kfp4j.local.exec.LocalSecrets;
import dev.kfp4j.local.fixtures.OptionFixtures;
import dev.kfp4j.local.plan.TaskOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local runner honours task options read from the compiled IR: retries with the spec's backoff, timeouts
 * (the task's and the runner's default), environment variables, Secrets from a local folder (never shown) and
 * the memory limit as the task JVM's heap; what it cannot honour is named once in the run's summary. Container
 * steps (in host mode), calls in loop bodies and calls returning artifacts get their options too.
 */
class TaskOptionsTest {

  @TempDir
  Path work;

  @AfterEach
  void clearSecrets() {
    System.clearProperty(LocalSecrets.PROPERTY);
  }

  @Test
  void retriesWaitTheBackoffTimesTheFactor() throws IOException {
    Path marker = work.resolve("attempts");
    RunResult result = Runners.inProcess(work).build().run("backing-off", Map.of("marker", marker.toString(), "failures", 2));
    assertEquals(RunResult.State.SUCCEEDED, result.state(), result.toString());
    assertEquals(3, result.task("backing-off").attempts());
    List<Long> times = Files.readAllLines(marker).stream().map(Long::parseLong).toList();
    // @Retry(backoff = "300ms", factor = 2): 300 ms before the second attempt, 600 ms before the third
    assertTrue(times.get(1) - times.get(0) >= 300, "first wait " + (times.get(1) - times.get(0)) + " ms");
    assertTrue(times.get(2) - times.get(1) >= 600, "second wait " + (times.get(2) - times.get(1)) + " ms");
  }

  @Test
  void aTaskOverItsTimeoutIsStoppedFailedAndRetried() {
    RunResult result = Runners.subprocess(work).build().run("timing-out", Map.of("millis", 60_000));
    assertEquals(RunResult.State.FAILED, result.state());
    TaskResult task = result.task("sleepy");
    assertEquals(2, task.attempts(), "one retry after the first timeout");
    assertEquals("timed out after 1s", task.error().orElseThrow());
    assertTrue(result.elapsed().compareTo(Duration.ofSeconds(30)) < 0, "the sleeping JVMs were stopped: " + result.elapsed());
  }

  @Test
  void theRunnersDefaultTimeoutStopsATaskWithoutOne() {
    RunResult result = Runners.inProcess(work).taskTimeout(Duration.ofSeconds(1)).build()
        .run("sleeping", Map.of("millis", 60_000));
    assertEquals(RunResult.State.FAILED, result.state());
    assertEquals("timed out after 1s", result.task("sleepy").error().orElseThrow());
  }

  @Test
  void envSecretsAndTheMemoryLimitReachTheTaskJvm() throws IOException {
    Path secrets = work.resolve("secrets");
    Files.createDirectories(secrets.resolve("db"));
    Files.writeString(secrets.resolve("db/password"), "s3cr3t-value\n");
    System.setProperty(LocalSecrets.PROPERTY, secrets.toString());
    RunResult result = Runners.subprocess(work).build().run(OptionFixtures.class, "withEnv");
    assertEquals(RunResult.State.SUCCEEDED, result.state(), result.toString());
    OptionFixtures.Seen seen = new OptionFixtures.Seen(result.output("greeting", String.class),
        result.output("level", String.class), result.output("hiddenLength", Integer.class), result.output("heap", Long.class));
    assertEquals("hello", seen.greeting());
    assertEquals("debug", seen.level(), "the call's @Env wins over the pipeline's");
    assertEquals("s3cr3t-value".length(), seen.hiddenLength());
    assertTrue(seen.heap() <= 256 && seen.heap() > 128, "heap " + seen.heap() + " MiB for memoryLimit 256Mi");
    try (Stream<Path> files = Files.walk(result.directory())) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertFalse(Files.readString(file).contains("s3cr3t"), "the Secret's value is in " + file);
      }
    }
    assertEquals(List.of("cpuLimit (max-heap-mib)", "memoryRequest (max-heap-mib)", "nodeSelector (max-heap-mib)"),
        result.info().ignoredLocally());
  }

  @Test
  void aMissingSecretFailsTheTaskSayingWhereToPutIt() {
    System.setProperty(LocalSecrets.PROPERTY, work.resolve("no-secrets").toString());
    RunResult result = Runners.subprocess(work).build().run(OptionFixtures.class, "withEnv");
    assertEquals(RunResult.State.FAILED, result.state());
    String error = result.task("env-length").error().orElseThrow();
    assertTrue(error.contains("needs DB_PASSWORD from key 'password' of Secret 'db'"), error);
    assertTrue(error.contains(work.resolve("no-secrets").resolve("db").resolve("password").toString()), error);
  }

  @Test
  void inProcessTheEnvironmentIsListedAsIgnored() {
    Path secrets = work.resolve("secrets");
    System.setProperty(LocalSecrets.PROPERTY, secrets.toString());
    RunResult result = Runners.inProcess(work).build().run(OptionFixtures.class, "withEnv");
    // the pipeline's @Env applies to every task
    assertTrue(result.info().ignoredLocally().contains("env (in-process) (env, env-2, env-length, max-heap-mib, seen)"),
        result.info().ignoredLocally().toString());
    assertTrue(result.info().ignoredLocally().contains("memoryLimit (in-process) (max-heap-mib)"),
        result.info().ignoredLocally().toString());
  }

  @Test
  void aContainerStepGetsItsEnvironmentAndSecretsInHostMode() throws IOException {
    Path secrets = work.resolve("secrets");
    Files.createDirectories(secrets.resolve("db"));
    Files.writeString(secrets.resolve("db/password"), "s3cr3t-value\n");
    System.setProperty(LocalSecrets.PROPERTY, secrets.toString());
    RunResult result = Runners.inProcess(work).containers(ContainerRuntime.host(Map.of())).build()
        .run("container-options", Map.of());
    assertEquals(RunResult.State.SUCCEEDED, result.state(), result.toString());
    assertEquals("debug:" + "s3cr3t-value".length(), result.output("Output", String.class));
    try (Stream<Path> files = Files.walk(result.directory())) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertFalse(Files.readString(file).contains("s3cr3t"), "the Secret's value is in " + file);
      }
    }
    assertEquals(List.of("memoryLimit (container step in host mode) (shell-env)",
        "secret volumes (only podman/docker containers mount them) (shell-env)"), result.info().ignoredLocally());
  }

  @Test
  void aPodmanOrDockerContainerMountsSecretVolumesReadOnlyFromTheSecretsFolder() throws IOException {
    Path secrets = work.resolve("secrets");
    Files.createDirectories(secrets.resolve("tls"));
    Files.writeString(secrets.resolve("tls/ca.crt"), "certificate");
    List<String> options = ContainerStepRunner.secretVolumes(List.of(
        new TaskOptions.SecretVolume("tls", "/etc/tls", false),
        new TaskOptions.SecretVolume("absent", "/etc/absent", true)), secrets);
    assertEquals(List.of("-v", secrets.resolve("tls").toAbsolutePath() + ":/etc/tls:ro"), options);
    IllegalStateException missing = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> ContainerStepRunner.secretVolumes(List.of(new TaskOptions.SecretVolume("db", "/etc/db", false)), secrets));
    assertEquals("it mounts Secret 'db' at /etc/db; locally, create the folder " + secrets.resolve("db").toAbsolutePath()
        + " with one file per key of the Secret", missing.getMessage());
  }

  @Test
  void aContainerStepOverItsTimeoutIsStoppedFailedAndRetried() {
    RunResult result = Runners.inProcess(work).containers(ContainerRuntime.host(Map.of())).build()
        .run("container-timing-out", Map.of("seconds", 60));
    assertEquals(RunResult.State.FAILED, result.state());
    TaskResult task = result.task("shell-sleep");
    assertEquals(2, task.attempts(), "one retry after the first timeout");
    assertEquals("timed out after 1s", task.error().orElseThrow());
    assertTrue(result.elapsed().compareTo(Duration.ofSeconds(30)) < 0, "the sleeping programs were stopped: " + result.elapsed());
  }

  @Test
  void callsInALoopBodyGetTheirOptionsAndTheirIgnoredOptionsAreListed() {
    RunResult result = Runners.subprocess(work).build().run("loop-options", Map.of("items", List.of(1, 2)));
    assertEquals(RunResult.State.SUCCEEDED, result.state(), result.toString());
    // the call's own ITEM_MODE over the loop variable's; the loop variable's LOOP_MODE
    assertEquals(List.of("loop,all", "loop,all"), result.output("Output", List.class));
    assertEquals(List.of("nodeSelector (for-loop-1/*/env-pair)"), result.info().ignoredLocally());
  }

  @Test
  void aCallReturningAnArtifactGetsItsOptions() throws IOException {
    RunResult result = Runners.subprocess(work).build().run("artifact-options", Map.of());
    assertEquals(RunResult.State.SUCCEEDED, result.state(), result.toString());
    assertEquals("in a file", Files.readString(result.downloadArtifact("Output", work.resolve("what.txt"))));
  }
}
