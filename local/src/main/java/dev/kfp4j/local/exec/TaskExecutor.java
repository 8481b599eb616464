package dev.kfp4j.local.exec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Runs one attempt of a task's entrypoint (generated, or the shared one) with the given command-line arguments. */
public interface TaskExecutor {

  /**
   * Runs the entrypoint and returns its exit code; {@code header}, then its output (stdout and stderr), is
   * appended to {@code log}.
   *
   * @throws InterruptedException if the run is being stopped
   */
  int execute(Entrypoints.Entrypoint entrypoint, List<String> args, Path log, String header) throws IOException, InterruptedException;

  /** The exit code {@link #execute(Entrypoints.Entrypoint, List, Path, String, Limits)} returns for a timed-out attempt. */
  int TIMED_OUT = Integer.MIN_VALUE;

  /**
   * What one attempt runs with beyond its arguments.
   *
   * @param env environment variables for the task (values may be Secrets: never logged)
   * @param jvmOptions extra options for a task JVM ({@code -Xmx…} from the memory limit)
   * @param timeout the longest the attempt may run; it is then stopped and {@link #TIMED_OUT} returned
   */
  record Limits(java.util.Map<String, String> env, List<String> jvmOptions, java.time.Duration timeout) {}

  /**
   * Runs the entrypoint with {@code limits}. Returns {@link #TIMED_OUT} when the attempt ran out of time (it is then
   * stopped). An executor that cannot set the environment or JVM options ignores them (the runner says so).
   */
  default int execute(Entrypoints.Entrypoint entrypoint, List<String> args, Path log, String header, Limits limits)
      throws IOException, InterruptedException {
    return execute(entrypoint, args, log, header);
  }

  /** Whether this executor passes {@link Limits#env()} and {@link Limits#jvmOptions()} to the task. */
  default boolean setsEnvironment() {
    return false;
  }

  /** "subprocess" or "in-process", as shown. */
  String mode();
}
