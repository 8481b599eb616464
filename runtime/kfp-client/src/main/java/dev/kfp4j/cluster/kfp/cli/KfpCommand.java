package dev.kfp4j.cluster.kfp.cli;

import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code kfp4j kfp}: the Kubeflow Pipelines commands ({@code upload run wait runs terminate}). A
 * top-level CLI adds it with {@code parent.addSubcommand(KfpCommand.commandLine())}.
 */
@Command(name = "kfp", mixinStandardHelpOptions = true, description = "Run compiled pipelines on Kubeflow Pipelines.")
public final class KfpCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Without a subcommand: show the usage. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The {@code kfp} command with its subcommands, reading host and credentials from the process environment. */
  public static CommandLine commandLine() {
    return commandLine(System::getenv);
  }

  /** The {@code kfp} command with its subcommands, reading host and credentials from {@code environment}. */
  public static CommandLine commandLine(Supplier<Map<String, String>> environment) {
    return new CommandLine(new KfpCommand())
        .addSubcommand(new UploadCommand(environment))
        .addSubcommand(new RunCommand(environment))
        .addSubcommand(new WaitCommand(environment))
        .addSubcommand(new RunsCommand(environment))
        .addSubcommand(new TerminateCommand(environment));
  }
}
