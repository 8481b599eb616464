package dev.kfp4j.cli.argo;

import dev.kfp4j.cli.ClientModule;
import dev.kfp4j.cli.Kfp4jCommand;
import dev.kfp4j.cli.UsageCommand;
import dev.kfp4j.cluster.argo.ArgoWorkflows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Adds {@code kfp4j argo submit|wait|status|logs|list|stop|delete} when kfp4j-argo (and with it the
 * Kubernetes client) is on the classpath, each connecting with fabric8's default configuration
 * ({@code KUBECONFIG}, {@code ~/.kube/config}, else in-cluster) when it runs. The verbs that were once
 * top-level ({@code kfp4j submit}, {@code status}, {@code logs}, {@code workflows}, {@code stop},
 * {@code delete}) still work, as hidden aliases.
 */
public final class ArgoCommands implements Kfp4jCommand {

  /** Old top-level name → the command it now is under {@code kfp4j argo}. */
  private static final Map<String, String> ALIASES = Map.of(
      "submit", "submit", "status", "status", "logs", "logs", "workflows", "list", "stop", "stop", "delete", "delete");
  private static final List<String> ALIAS_ORDER = List.of("submit", "status", "logs", "workflows", "stop", "delete");

  @Override
  public int order() {
    return 50;
  }

  @Override
  public List<Object> commands() {
    if (!ClientModule.present(ArgoCommands.class.getClassLoader(), "dev.kfp4j.cluster.argo.ArgoWorkflows",
        "io.fabric8.kubernetes.client.KubernetesClient")) {
      return List.of();
    }
    return Connected.commands();
  }

  /** Touches kfp4j-argo's classes; loaded only once they are known to be there. */
  private static final class Connected {
    static List<Object> commands() {
      return ArgoCommands.commands(ArgoWorkflows::connect);
    }
  }

  /** The {@code argo} group and the hidden top-level aliases, all connecting through {@code connect}. */
  public static List<Object> commands(Supplier<ArgoWorkflows> connect) {
    List<Object> commands = new ArrayList<>();
    commands.add(group(connect));
    for (String alias : ALIAS_ORDER) {
      CommandLine command = new CommandLine(create(ALIASES.get(alias), connect));
      command.getCommandSpec().name(alias);
      command.getCommandSpec().usageMessage().hidden(true);
      commands.add(command);
    }
    return commands;
  }

  /** The {@code argo} command with its subcommands, connecting through {@code connect}. */
  public static CommandLine group(Supplier<ArgoWorkflows> connect) {
    CommandLine group = new CommandLine(new Group());
    for (String verb : List.of("submit", "wait", "status", "logs", "list", "stop", "delete")) {
      group.addSubcommand(create(verb, connect));
    }
    return group;
  }

  private static Object create(String verb, Supplier<ArgoWorkflows> connect) {
    Function<Supplier<ArgoWorkflows>, Object> factory = switch (verb) {
      case "submit" -> ArgoSubmitCommand::new;
      case "wait" -> ArgoWaitCommand::new;
      case "status" -> ArgoStatusCommand::new;
      case "logs" -> ArgoLogsCommand::new;
      case "list" -> ArgoListCommand::new;
      case "stop" -> ArgoStopCommand::new;
      case "delete" -> ArgoDeleteCommand::new;
      default -> throw new IllegalArgumentException(verb);
    };
    return factory.apply(connect);
  }

  /** {@code kfp4j argo}: without a subcommand, its usage. */
  @Command(name = "argo", mixinStandardHelpOptions = true,
      description = "Run compiled pipelines on Argo Workflows (Kubernetes): submit and wait, status, logs, list, "
          + "stop, delete.",
      footerHeading = "%n",
      footer = "Exit codes as for kfp4j (see kfp4j --help). The old top-level verbs (kfp4j submit, status, logs, "
          + "workflows, stop, delete) still work and are deprecated.")
  static final class Group extends UsageCommand {}
}
