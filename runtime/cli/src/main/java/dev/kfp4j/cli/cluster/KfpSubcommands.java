package dev.kfp4j.cli.cluster;

import dev.kfp4j.cli.Kfp4jCommand;
import dev.kfp4j.cluster.kfp.cli.KfpCommand;
import java.util.List;

/**
 * Adds {@code kfp4j kfp} ({@code upload}, {@code run}, {@code wait}, {@code runs}, {@code terminate}) of
 * kfp4j-kfp-client to {@code kfp4j}, reading the API address and credentials from the environment.
 */
public final class KfpSubcommands implements Kfp4jCommand {

  @Override
  public int order() {
    return 60;
  }

  @Override
  public List<Object> commands() {
    return List.of(KfpCommand.commandLine());
  }
}
