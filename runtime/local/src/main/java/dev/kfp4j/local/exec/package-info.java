/**
 * How the local runner executes one task: as its own JVM or on a thread, the entrypoint lookup, the
 * AppCDS archive for task JVMs, and stopping a run.
 */
package dev.kfp4j.local.exec;
