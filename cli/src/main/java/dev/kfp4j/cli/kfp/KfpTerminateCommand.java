package dev.kfp4j.cli.kfp;

import dev.kfp4j.cli.Kfp4jExitCodes;
import dev.kfp4j.cluster.kfp.KfpClient;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kfp4j kfp terminate}: asks KFP to terminate a run. */
@Command(name = "terminate", mixinStandardHelpOptions = true, description = "Terminate a KFP run.")
public final class KfpTerminateCommand extends KfpCommand {

  @Parameters(index = "0", paramLabel = "RUN_ID", description = "the run's id")
  String runId;

  /** Takes the host and credentials from {@code environment}. */
  public KfpTerminateCommand(Supplier<Map<String, String>> environment) {
    super(environment);
  }

  @Override
  int run(KfpClient kfp) {
    kfp.terminateRun(runId);
    out().println("terminating run " + runId);
    out().flush();
    return Kfp4jExitCodes.OK;
  }
}
