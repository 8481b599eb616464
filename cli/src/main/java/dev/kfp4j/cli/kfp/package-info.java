/**
 * {@code kfp4j kfp upload|run|runs|wait|terminate}, registered only when kfp4j-kfp-client is on the
 * classpath.
 */
package dev.kfp4j.cli.kfp;
