package dev.kfp4j.cli;

import java.util.List;

/**
 * A subcommand of {@code kfp4j}: a picocli {@code @Command} class implementing this interface and
 * listed in {@code META-INF/services/dev.kfp4j.cli.Kfp4jCommand} is added to {@code kfp4j} when its jar is
 * on the classpath.
 *
 * <p>A provider that stands for a group of commands overrides {@link #commands()}: the Argo and
 * Kubeflow Pipelines groups ({@code dev.kfp4j.cli.argo}, {@code dev.kfp4j.cli.kfp}) return theirs only
 * when their client module is on the classpath, and nothing otherwise.
 *
 * <p>Implementations need a public no-argument constructor (ServiceLoader creates them), and should set
 * {@code mixinStandardHelpOptions = true} so that {@code kfp4j <command> --help} works like the built-in ones.
 */
public interface Kfp4jCommand {

  /** Where the commands are listed in {@code kfp4j --help}: lower first; ties by name. */
  default int order() {
    return 100;
  }

  /**
   * What to add to {@code kfp4j}: by default this object (an {@code @Command}); a group provider returns the
   * {@code @Command} objects or ready {@code CommandLine}s (a group with its subcommands) it stands for, or
   * an empty list when what they need is not on the classpath.
   */
  default List<Object> commands() {
    return List.of(this);
  }
}
