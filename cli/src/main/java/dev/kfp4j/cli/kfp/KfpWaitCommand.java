package dev.kfp4j.cli.kfp;

import dev.kfp4j.cli.Kfp4jExitCodes;
import dev.kfp4j.cli.WaitTimeout;
import dev.kfp4j.cluster.kfp.KfpClient;
import dev.kfp4j.cluster.kfp.Run;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kfp4j kfp wait}: waits for a run to finish, printing each state it passes. */
@Command(name = "wait", mixinStandardHelpOptions = true, description = "Wait for a KFP run to finish.")
public final class KfpWaitCommand extends KfpCommand {

  @Parameters(index = "0", paramLabel = "RUN_ID", description = "the run's id")
  String runId;

  @Mixin
  WaitTimeout timeout;

  /** Takes the host and credentials from {@code environment}. */
  public KfpWaitCommand(Supplier<Map<String, String>> environment) {
    super(environment);
  }

  @Override
  int run(KfpClient kfp) {
    return waitFor(kfp, runId, timeout.get(), out());
  }

  static int waitFor(KfpClient kfp, String runId, Duration timeout, PrintWriter out) {
    Run run = kfp.waitForRun(runId, timeout, r -> {
      out.println("run " + runId + " " + r.state());
      out.flush();
    });
    if (!run.succeeded() && run.error() != null && run.error().message() != null) {
      out.println("error: " + run.error().message());
      out.flush();
    }
    return run.succeeded() ? Kfp4jExitCodes.OK : Kfp4jExitCodes.RUN_FAILED;
  }
}
