/**
 * The {@code kfp4j} command: its entry point, the local commands ({@code run list runs show}), the
 * exit-code table and duration grammar every command shares, and the {@link dev.kfp4j.cli.Kfp4jCommand}
 * plug-in interface through which the command groups register.
 */
package dev.kfp4j.cli;
