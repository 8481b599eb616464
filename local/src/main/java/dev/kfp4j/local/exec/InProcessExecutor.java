package dev.kfp4j.local.exec;

import dev.kfp4j.runtime.entrypoint.ComponentMain;
import dev.kfp4j.runtime.storage.StorageSettings;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import dev.kfp4j.runtime.entrypoint.ExitCode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs each task attempt in this JVM through the entrypoint's {@code execute(ComponentIo)} (or the shared
 * entrypoint's {@code call(ComponentIo)}) and the same {@link ComponentMain} a task JVM runs, so values still go
 * only through contexts and storage.
 */
public final class InProcessExecutor implements TaskExecutor {

  private final StorageSettings settings;
  private final ExitCalls exitCalls;
  private final Map<String, Optional<String>> refused = new ConcurrentHashMap<>();

  /**
   * @param settings storage settings of the tasks
   * @param loader the loader of the pipeline's classes, whose components are checked for calls that
   *     would end this JVM
   */
  public InProcessExecutor(StorageSettings settings, ClassLoader loader) {
    this.settings = settings;
    this.exitCalls = new ExitCalls(loader);
    ThreadOutput.install();
  }

  @Override
  public int execute(Entrypoints.Entrypoint entrypoint, List<String> args, Path log, String header) throws IOException, InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    try (PrintStream out = new PrintStream(new FileOutputStream(log.toFile(), true), true, StandardCharsets.UTF_8)) {
      out.println(header);
      Optional<String> exit = refused.computeIfAbsent(entrypoint.name(), name -> exitCall(entrypoint));
      if (exit.isPresent()) {
        // In this JVM the call would end the runner itself, with the run left unrecorded.
        out.println("kfp4j: component '" + entrypoint.descriptor().name() + "': cannot run in-process: " + exit.get()
            + ", which would end the runner; run it without --in-process (each task in its own JVM)");
        return ExitCode.USAGE;
      }
      ThreadOutput.route(out);
      try {
        return ComponentMain.run(entrypoint.descriptor(), args.toArray(String[]::new),
            entrypoint.body(), out, out, settings, true);
      } finally {
        ThreadOutput.clear();
      }
    }
  }

  /**
   * Runs the attempt on its own thread so that it can be given up after {@code limits.timeout()}: a thread cannot be
   * killed, so it is interrupted and left to end; the environment and JVM options cannot be set in this JVM.
   */
  @Override
  public int execute(Entrypoints.Entrypoint entrypoint, List<String> args, Path log, String header, Limits limits)
      throws IOException, InterruptedException {
    if (limits.timeout() == null) {
      return execute(entrypoint, args, log, header);
    }
    java.util.concurrent.FutureTask<Integer> attempt = new java.util.concurrent.FutureTask<>(
        () -> execute(entrypoint, args, log, header));
    Thread thread = new Thread(attempt, "kfp4j-task " + entrypoint.name());
    thread.setDaemon(true);
    thread.start();
    try {
      return attempt.get(limits.timeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      thread.interrupt();
      return TIMED_OUT;
    } catch (InterruptedException e) {
      thread.interrupt();
      throw e;
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private Optional<String> exitCall(Entrypoints.Entrypoint entrypoint) {
    try {
      return exitCalls.find(entrypoint.owner());
    } catch (IOException e) {
      return Optional.of("its classes could not be checked for System.exit (" + e.getMessage() + ")");
    }
  }

  @Override
  public String mode() {
    return "in-process";
  }
}
