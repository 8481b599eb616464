/**
 * One local run as it happens: the run folder (record, contexts, logs), scheduling tasks in parallel,
 * retries, and each task's outcome.
 */
package dev.kfp4j.local.run;
