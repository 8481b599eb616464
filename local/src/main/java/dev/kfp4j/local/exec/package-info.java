/**
 * How the local runner executes one task: as its own JVM or on a thread, the entrypoint lookup, the
 * AppCDS archive for task JVMs, stopping a run, and the {@code Classpath} pipelines and tasks are found on.
 */
package dev.kfp4j.local.exec;
