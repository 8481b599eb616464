/**
 * The local runner: runs a compiled pipeline on one machine ({@code LocalRunner}), with its results,
 * progress events, errors and the classpath it finds pipelines on.
 */
package dev.kfp4j.local;
