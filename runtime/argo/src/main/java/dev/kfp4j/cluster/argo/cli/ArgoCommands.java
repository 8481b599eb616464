package dev.kfp4j.cluster.argo.cli;

import dev.kfp4j.cluster.argo.ArgoWorkflows;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The Argo subcommands ({@code submit status logs workflows stop delete}) for a top-level {@code kfp4j}
 * command: {@code ArgoCommands.addTo(new CommandLine(new Kfp4j()))}.
 */
public final class ArgoCommands {

  private ArgoCommands() {}

  /** One instance of each command, all connecting through {@code connect}. */
  public static List<Object> all(Supplier<ArgoWorkflows> connect) {
    return List.of(new SubmitCommand(connect), new StatusCommand(connect), new LogsCommand(connect),
        new ListCommand(connect), new StopCommand(connect), new DeleteCommand(connect));
  }

  /** Adds every command to {@code parent}, connecting with fabric8's default configuration. */
  public static CommandLine addTo(CommandLine parent) {
    return addTo(parent, ArgoWorkflows::connect);
  }

  /** Adds every command to {@code parent}, connecting through {@code connect}. */
  public static CommandLine addTo(CommandLine parent, Supplier<ArgoWorkflows> connect) {
    for (Object command : all(connect)) {
      parent.addSubcommand(command);
    }
    return parent;
  }
}
