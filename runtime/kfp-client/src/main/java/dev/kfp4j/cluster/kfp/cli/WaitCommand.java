package dev.kfp4j.cluster.kfp.cli;

import dev.kfp4j.cluster.kfp.KfpClient;
import dev.kfp4j.cluster.kfp.Run;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kfp4j kfp wait}: waits for a run to finish, printing each state it passes. */
@Command(name = "wait", mixinStandardHelpOptions = true, description = "Wait for a KFP run to finish.")
public final class WaitCommand extends KfpSubcommand {

  @Parameters(index = "0", paramLabel = "RUN_ID", description = "the run's id")
  String runId;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "24h", converter = DurationText.class,
      description = "how long to wait (default: ${DEFAULT-VALUE})")
  Duration timeout;

  /** Takes the host and credentials from the process environment. */
  public WaitCommand() {
    this(System::getenv);
  }

  /** Takes the host and credentials from {@code environment}. */
  public WaitCommand(Supplier<Map<String, String>> environment) {
    super(environment);
  }

  @Override
  int run(KfpClient kfp) {
    return waitFor(kfp, runId, timeout, out());
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
    return run.succeeded() ? OK : RUN_FAILED;
  }
}
