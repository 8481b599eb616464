package dev.kfp4j.local.container;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * How the local runner runs container steps: {@code AUTO} uses podman or docker when one answers,
 * {@code HOST} runs the step's command on this machine (for development and tests: the image's
 * paths named in {@code hostPaths} are mapped to folders here), {@code PODMAN} / {@code DOCKER}
 * insist on one. Generated Java entrypoints are not affected.
 *
 * @param mode the choice
 * @param hostPaths image path prefix → local folder, for host mode ({@code /app} → {@code src/main/python})
 * @param runtimeOptions extra options for {@code podman run} / {@code docker run}
 * @param hostTools folders put first on {@code PATH} in host mode: tools the image has and this machine lacks
 * @param entrypointsInImages whether generated Java entrypoints also run in their image (their executor's
 *     {@code java -cp /app/… <Entrypoint>}) with podman or docker, instead of a JVM on this machine's classpath
 */
public record ContainerRuntime(Mode mode, Map<String, Path> hostPaths, List<String> runtimeOptions, List<Path> hostTools,
    boolean entrypointsInImages) {

  /** The choices. */
  public enum Mode { AUTO, PODMAN, DOCKER, HOST }

  public ContainerRuntime {
    hostPaths = Map.copyOf(hostPaths);
    runtimeOptions = List.copyOf(runtimeOptions);
    hostTools = List.copyOf(hostTools);
    if (entrypointsInImages && mode == Mode.HOST) {
      throw new IllegalArgumentException("entrypoints run in their images need podman or docker, not host mode");
    }
  }

  /** Container steps only; generated entrypoints run as JVMs on this machine. */
  public ContainerRuntime(Mode mode, Map<String, Path> hostPaths, List<String> runtimeOptions, List<Path> hostTools) {
    this(mode, hostPaths, runtimeOptions, hostTools, false);
  }

  /** podman or docker when present, else a clear error when a container step is reached. */
  public static ContainerRuntime auto() {
    return new ContainerRuntime(Mode.AUTO, Map.of(), List.of(), List.of());
  }

  /** The step's command on this machine, with {@code hostPaths} mapping the image's paths. */
  public static ContainerRuntime host(Map<String, Path> hostPaths) {
    return new ContainerRuntime(Mode.HOST, hostPaths, List.of(), List.of());
  }

  /** The same, with {@code tools} first on {@code PATH} in host mode. */
  public ContainerRuntime withHostTools(List<Path> tools) {
    return new ContainerRuntime(mode, hostPaths, runtimeOptions, tools, entrypointsInImages);
  }

  /**
   * The same, with generated Java entrypoints run in their images too (every step of a pipeline in a
   * container, as on a cluster): a check of the image itself.
   */
  public ContainerRuntime withEntrypointsInImages() {
    return new ContainerRuntime(mode, hostPaths, runtimeOptions, hostTools, true);
  }

  /** The same, with {@code options} added to each {@code podman run} / {@code docker run}. */
  public ContainerRuntime withRuntimeOptions(List<String> options) {
    return new ContainerRuntime(mode, hostPaths, options, hostTools, entrypointsInImages);
  }

  /**
   * The container engine's executable to use ({@code podman}, {@code docker}), empty for host mode.
   *
   * @throws IllegalStateException with the reason when the chosen engine is not there
   */
  Optional<String> engine() {
    return switch (mode) {
      case HOST -> Optional.empty();
      case PODMAN -> Optional.of(require("podman"));
      case DOCKER -> Optional.of(require("docker"));
      case AUTO -> {
        for (String engine : List.of("podman", "docker")) {
          if (answers(engine)) {
            yield Optional.of(engine);
          }
        }
        throw new IllegalStateException("neither podman nor docker is available here (none answers '<engine> info');"
            + " install one, or run the step's command on this machine with --containers host");
      }
    };
  }

  private static String require(String engine) {
    if (!answers(engine)) {
      throw new IllegalStateException(engine + " is not available here ('" + engine + " info' fails); install it,"
          + " or choose --containers auto|host");
    }
    return engine;
  }

  /** Whether {@code engine info} succeeds within 20 s: the client is there and reaches its engine. */
  public static boolean answers(String engine) {
    try {
      Process process = new ProcessBuilder(engine, "info").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return false;
      }
      return process.exitValue() == 0;
    } catch (IOException e) {
      return false; // not installed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
