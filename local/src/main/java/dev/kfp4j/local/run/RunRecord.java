package dev.kfp4j.local.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * {@code run.json}: what a run was and how it went, so that {@code kfp4j runs}, {@code show} and
 * {@code --resume} work after the runner has exited. Times are ISO-8601 instants.
 *
 * @param runId the run's id
 * @param pipeline the pipeline's name
 * @param source where its spec was read from (a classpath URL or file)
 * @param mode "subprocess" or "in-process"
 * @param root the storage root of its values
 * @param parameters each pipeline parameter as the text the init step stored
 * @param state running, succeeded, failed or cancelled
 * @param startedAt when the run first started (a resume keeps it)
 * @param resumedAt when its latest resume started, or null if it was never resumed
 * @param endedAt when it (or its latest resume) ended, or null while running
 * @param pid the runner's process id, to tell a running run from one whose runner died
 * @param outputs each pipeline output's value name
 * @param tasks each task's state
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunRecord(String runId, String pipeline, String source, String mode, String root,
    Map<String, String> parameters, String state, String startedAt, String resumedAt, String endedAt, Long pid,
    Map<String, String> outputs, Map<String, TaskRecord> tasks) {

  /** One task's state in {@code run.json}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TaskRecord(String state, int attempts, String startedAt, String endedAt, String error, int exitCode,
      String log, boolean reused) {}

  /** When the latest attempt of the run started: its latest resume, or its start. */
  public String latestStart() {
    return resumedAt != null ? resumedAt : startedAt;
  }

  /** This record with a new state, end time and tasks. */
  public RunRecord with(String newState, String newEndedAt, Map<String, TaskRecord> newTasks) {
    return new RunRecord(runId, pipeline, source, mode, root, parameters, newState, startedAt, resumedAt, newEndedAt, pid, outputs,
        newTasks);
  }
}
