/**
 * One local run as it happens: the run folder (record, contexts, logs), scheduling tasks in parallel,
 * retries, each task's outcome, and what it reports ({@code TaskState}, {@code RunEvent}, {@code RunProgress}).
 */
package dev.kfp4j.local.run;
