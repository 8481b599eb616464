package dev.kfp4j.cli;

/**
 * A subcommand of {@code kfp4j}: a picocli {@code @Command} class implementing this interface and
 * listed in {@code META-INF/services/dev.kfp4j.cli.Kfp4jCommand} is added to {@code kfp4j} when its jar is
 * on the classpath. That is how modules that are not always there (the Argo and Kubeflow clients) add
 * {@code submit}, {@code status}, {@code logs} or a {@code kfp} group without this module knowing them.
 *
 * <p>Implementations need a public no-argument constructor (ServiceLoader creates them), and should set
 * {@code mixinStandardHelpOptions = true} so that {@code kfp4j <command> --help} works like the built-in ones.
 */
public interface Kfp4jCommand {

  /** Where the command is listed in {@code kfp4j --help}: lower first; ties by name. */
  default int order() {
    return 100;
  }
}
