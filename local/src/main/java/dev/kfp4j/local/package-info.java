/**
 * The local runner: runs a compiled pipeline on one machine ({@code LocalRunner}), with its results and its
 * listener. It is the top layer: {@code plan}, {@code exec}, {@code cache}, {@code container}, {@code run} and
 * {@code error} below it never depend on it (a test keeps the packages free of cycles).
 */
package dev.kfp4j.local;
