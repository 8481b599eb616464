package dev.kfp4j.cli;

import picocli.CommandLine;

/** A command group ({@code kfp4j argo}, {@code kfp4j kfp}) that, called without a subcommand, prints its usage. */
public abstract class UsageCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
