package dev.kfp4j.local.run;

import java.time.Instant;

/**
 * A task changed state: what the progress display shows and what tests assert on.
 *
 * @param time when it happened
 * @param task the task's path ({@code add}, {@code inner/summarize})
 * @param state its new state; a retry is a second {@link TaskState#RUNNING} with a higher attempt
 * @param attempt the attempt number, from 1 (0 for a task that never started)
 * @param detail the error line of a failed attempt, or a short note; empty if none
 */
public record RunEvent(Instant time, String task, TaskState state, int attempt, String detail) {}
