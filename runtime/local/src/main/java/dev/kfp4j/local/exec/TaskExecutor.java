package dev.kfp4j.local.exec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Runs one attempt of a task's generated entrypoint with the given command-line arguments. */
public interface TaskExecutor {

  /**
   * Runs the entrypoint and returns its exit code; {@code header}, then its output (stdout and stderr), is
   * appended to {@code log}.
   *
   * @throws InterruptedException if the run is being stopped
   */
  int execute(Entrypoints.Entrypoint entrypoint, List<String> args, Path log, String header) throws IOException, InterruptedException;

  /** "subprocess" or "in-process", as shown. */
  String mode();
}
