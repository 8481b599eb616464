package dev.kfp4j.cli;

import dev.kfp4j.local.error.LocalRunException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code kfp4j} command: its subcommands come from every {@link Kfp4jCommand} on the classpath. */
@Command(name = "kfp4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Kubeflow Pipelines for Java: run compiled pipelines on this machine (run, list, runs, show), "
        + "on Argo Workflows (argo) or on Kubeflow Pipelines (kfp); the argo and kfp commands are there when "
        + "kfp4j-argo and kfp4j-kfp-client are on the classpath.",
    synopsisSubcommandLabel = "COMMAND",
    footerHeading = "%nExit codes:%n", usageHelpAutoWidth = true)
public final class Main implements java.util.concurrent.Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    int code = run(args);
    System.exit(code);
  }

  /** Runs {@code kfp4j} with {@code args}; returns the exit code. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The command line with every registered subcommand, ready to execute. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Main());
    List<String> footer = new ArrayList<>(List.of(Kfp4jExitCodes.TABLE));
    footer.addAll(List.of("", "Run 'kfp4j COMMAND --help' for a command's options."));
    commandLine.getCommandSpec().usageMessage().footer(footer.toArray(String[]::new));
    List<Registered> providers = new ArrayList<>();
    for (Kfp4jCommand provider : ServiceLoader.load(Kfp4jCommand.class, Main.class.getClassLoader())) {
      List<Object> commands = provider.commands();
      if (commands.isEmpty()) {
        continue; // a cluster client that is not on the classpath
      }
      providers.add(new Registered(provider.order(), name(commands.get(0)), commands));
    }
    // A provider's commands stay in its own order (submit before status); providers by order, then name.
    providers.sort(Comparator.comparingInt(Registered::order).thenComparing(Registered::name));
    for (Registered provider : providers) {
      provider.commands().forEach(commandLine::addSubcommand);
    }
    commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
      if (e instanceof LocalRunException failure) {
        line.getErr().println("kfp4j: " + failure.getMessage());
        return Kfp4jExitCodes.of(failure);
      }
      throw e;
    });
    return commandLine;
  }

  private static String name(Object command) {
    if (command instanceof CommandLine line) {
      return line.getCommandName();
    }
    Command annotation = command.getClass().getAnnotation(Command.class);
    return annotation == null ? command.getClass().getName() : annotation.name();
  }

  private record Registered(int order, String name, List<Object> commands) {}

  @Override
  public Integer call() {
    // "kfp4j" alone: show what there is to do.
    spec.commandLine().usage(spec.commandLine().getErr());
    return Kfp4jExitCodes.USAGE;
  }

  /** The version from the jar's manifest, if built as a jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"kfp4j " + (version == null ? "(development build)" : version)};
    }
  }
}
