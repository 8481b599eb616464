package dev.kfp4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** A subcommand registered only through the test classpath's ServiceLoader file, as another module would. */
@Command(name = "hello", description = "Says hello (a test plug-in).")
public final class HelloCommand implements Callable<Integer>, Kfp4jCommand {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().println("hello from a plug-in");
    return 0;
  }
}
