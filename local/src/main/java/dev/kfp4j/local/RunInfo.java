package dev.kfp4j.local;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * A run as it starts.
 *
 * @param runId its id
 * @param pipeline the pipeline's name
 * @param directory its run directory (contexts, logs, run.json; values too unless the root is elsewhere)
 * @param root the storage root of its values
 * @param tasks the paths of its container tasks, dependencies first
 * @param mode "subprocess" or "in-process"
 * @param parallelism how many tasks may run at once
 * @param resumed whether it continues an earlier run
 * @param ignoredLocally the task options this machine cannot honour, each with the tasks that set it
 *     ({@code "nodeSelector (train, train-2)"})
 */
public record RunInfo(String runId, String pipeline, Path directory, URI root, List<String> tasks, String mode,
    int parallelism, boolean resumed, List<String> ignoredLocally) {

  public RunInfo {
    tasks = List.copyOf(tasks);
    ignoredLocally = List.copyOf(ignoredLocally);
  }

  /** A run whose tasks set no option that is ignored locally. */
  public RunInfo(String runId, String pipeline, Path directory, URI root, List<String> tasks, String mode,
      int parallelism, boolean resumed) {
    this(runId, pipeline, directory, root, tasks, mode, parallelism, resumed, List.of());
  }
}
