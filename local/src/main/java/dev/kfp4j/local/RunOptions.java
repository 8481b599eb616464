package dev.kfp4j.local;

import dev.kfp4j.local.exec.ClassDataSharing;
import dev.kfp4j.local.exec.Classpath;
import dev.kfp4j.local.exec.InProcessExecutor;
import dev.kfp4j.local.exec.RunControl;
import dev.kfp4j.local.exec.SubprocessExecutor;
import dev.kfp4j.local.exec.TaskExecutor;
import dev.kfp4j.local.plan.PlannedTask;
import dev.kfp4j.runtime.storage.StorageSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A {@link LocalRunner}'s options, fixed when it is built: what every run of that runner reads, and
 * nothing a run can change.
 *
 * @param classpath where pipelines and entrypoints are found, and the classpath of task JVMs
 * @param inProcess tasks on a thread pool in this JVM instead of one JVM each
 * @param parallelism how many tasks may run at once
 * @param workDirectory the folder of {@code runs/} and {@code cache/}
 * @param root a storage root for values instead of the run folder, or null
 * @param noCache run every task: reuse no cached execution and record none
 * @param retryBackoff the first wait before a retry when the spec gives none
 * @param taskTimeout the longest one task attempt may run when its spec sets no timeout
 * @param listener follows each run
 * @param jvmOptions extra options for every task JVM
 * @param settings storage settings
 * @param stopOnSignal whether SIGINT/SIGTERM of this JVM stops a run cleanly
 * @param classDataSharing whether task JVMs share an AppCDS archive of their classes
 * @param containers how container steps run
 */
record RunOptions(Classpath classpath, boolean inProcess, int parallelism, Path workDirectory, URI root,
    boolean noCache, Duration retryBackoff, Duration taskTimeout, RunListener listener, List<String> jvmOptions,
    StorageSettings settings, boolean stopOnSignal, boolean classDataSharing,
    dev.kfp4j.local.container.ContainerRuntime containers) {

  RunOptions {
    jvmOptions = List.copyOf(jvmOptions);
  }

  /** The folder of the run folders. */
  Path runsDirectory() {
    return workDirectory.resolve("runs");
  }

  /** The folder of the execution cache (and the AppCDS archives). */
  Path cacheDirectory() {
    return workDirectory.resolve("cache");
  }

  /** The retry policy of a task whose spec gives none: no retries, and the backoff to use if it asks for some. */
  PlannedTask.RetryPolicy retryDefaults() {
    return new PlannedTask.RetryPolicy(0, retryBackoff, 2, Duration.ofMinutes(1));
  }

  /** How a run's tasks are executed. */
  TaskExecutor executor(RunControl control) {
    if (inProcess) {
      return new InProcessExecutor(settings, classpath.loader());
    }
    ClassDataSharing sharing = classDataSharing
        ? ClassDataSharing.forClasspath(classpath, cacheDirectory().resolve("cds")).orElse(null) : null;
    return new SubprocessExecutor(jvmOptions, classpath, control, Path.of("").toAbsolutePath(), sharing);
  }
}
