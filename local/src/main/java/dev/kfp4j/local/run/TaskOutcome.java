package dev.kfp4j.local.run;

import java.time.Instant;

/** How one task's turn in the scheduler ended. */
public record TaskOutcome(String task, TaskState state, int attempts, Instant started, Instant ended, String error, int exitCode) {}
