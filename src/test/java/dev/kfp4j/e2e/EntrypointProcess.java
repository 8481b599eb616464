package dev.kfp4j.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a generated entrypoint's {@code main} in its own JVM, as a container does, and keeps what it printed. */
final class EntrypointProcess {

  /** What one run of an entrypoint did. */
  record Result(int exitCode, String stdout, String stderr) {

    /** The non-empty lines written to stderr. */
    List<String> stderrLines() {
      return stderr.lines().filter(line -> !line.isBlank()).toList();
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }

  private EntrypointProcess() {}

  /** Runs {@code mainClass} with this test's classpath, in {@code workDir}. */
  static Result run(Path workDir, String mainClass, String... args) throws IOException, InterruptedException {
    return run(workDir, System.getProperty("java.class.path"), mainClass, List.of(args));
  }

  /** Runs {@code mainClass} with {@code classpath}, in {@code workDir}. */
  static Result run(Path workDir, String classpath, String mainClass, List<String> args)
      throws IOException, InterruptedException {
    return run(workDir, classpath, List.of(), mainClass, args);
  }

  /** Runs {@code mainClass} with {@code classpath} and extra JVM options ({@code -Xmx…}), in {@code workDir}. */
  static Result run(Path workDir, String classpath, List<String> jvmOptions, String mainClass, List<String> args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Short-lived JVMs start faster with the client compiler only; the code path is the same.
    command.add("-XX:TieredStopAtLevel=1");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(args);
    Path stdout = Files.createTempFile("kfp4j-e2e-", ".out");
    Path stderr = Files.createTempFile("kfp4j-e2e-", ".err");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
          .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
      // Hermetic: nothing from whoever runs the build. The allowed storage root is the run folder's
      // values/ (RunFolder's root), as a local runner or a Workflow configures it: a context never decides it.
      builder.environment().keySet().removeIf(name -> name.startsWith("KFP4J_"));
      builder.environment().put("KFP4J_STORAGE_ROOTS", workDir.toUri() + (workDir.toUri().toString().endsWith("/") ? "" : "/")
          + "values/");
      Process process = builder.start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError(mainClass + " did not finish within 60 s: " + String.join(" ", command));
      }
      return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }

  /** {@code first} followed by this test's classpath. */
  static String classpathWith(Path first) {
    return first + File.pathSeparator + System.getProperty("java.class.path");
  }
}
