package dev.kfp4j.local;

import dev.kfp4j.local.run.TaskState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How one task of a run ended.
 *
 * @param task its path
 * @param state its final state
 * @param attempts how many times its entrypoint ran in this run (0 if cached, skipped or reused)
 * @param started when it started (its first attempt, or the cache lookup), if it did
 * @param ended when it ended, if it did
 * @param error the error line of its last failed attempt, if it failed
 * @param exitCode the exit code of its last attempt (0 if it did not run)
 * @param log its log file (stdout and stderr of every attempt)
 * @param reused whether it had already succeeded in the run this one resumes
 */
public record TaskResult(String task, TaskState state, int attempts, Optional<Instant> started, Optional<Instant> ended,
    Optional<String> error, int exitCode, Path log, boolean reused) {

  /** How long it took, if it ran. */
  public Optional<Duration> elapsed() {
    return started.flatMap(start -> ended.map(end -> Duration.between(start, end)));
  }
}
