package dev.kfp4j.cli.kfp;

import dev.kfp4j.cli.ClientModule;
import dev.kfp4j.cli.Kfp4jCommand;
import dev.kfp4j.cli.UsageCommand;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Adds {@code kfp4j kfp upload|run|runs|wait|terminate} when kfp4j-kfp-client is on the classpath, each
 * reading the API address and credentials from the environment when it runs.
 */
public final class KfpCommands implements Kfp4jCommand {

  @Override
  public int order() {
    return 60;
  }

  @Override
  public List<Object> commands() {
    if (!ClientModule.present(KfpCommands.class.getClassLoader(), "dev.kfp4j.cluster.kfp.KfpClient")) {
      return List.of();
    }
    return List.of(group(System::getenv));
  }

  /** The {@code kfp} command with its subcommands, reading host and credentials from {@code environment}. */
  public static CommandLine group(Supplier<Map<String, String>> environment) {
    return new CommandLine(new Group())
        .addSubcommand(new KfpUploadCommand(environment))
        .addSubcommand(new KfpRunCommand(environment))
        .addSubcommand(new KfpRunsCommand(environment))
        .addSubcommand(new KfpWaitCommand(environment))
        .addSubcommand(new KfpTerminateCommand(environment));
  }

  /** {@code kfp4j kfp}: without a subcommand, its usage. */
  @Command(name = "kfp", mixinStandardHelpOptions = true,
      description = "Run compiled pipelines on Kubeflow Pipelines: upload, run and wait, runs, wait, terminate.",
      footerHeading = "%n",
      footer = "Exit codes as for kfp4j (see kfp4j --help).")
  static final class Group extends UsageCommand {}
}
