/**
 * What a generated entrypoint calls: its command line and protocols (the context/DAG protocol and
 * KFP's executor input), the init step, atomic output files and exit codes.
 */
package dev.kfp4j.runtime.entrypoint;
