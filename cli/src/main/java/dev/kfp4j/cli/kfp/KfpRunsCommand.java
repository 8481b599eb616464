package dev.kfp4j.cli.kfp;

import dev.kfp4j.cli.Kfp4jExitCodes;
import dev.kfp4j.cluster.kfp.KfpClient;
import dev.kfp4j.cluster.kfp.KfpException;
import dev.kfp4j.cluster.kfp.Run;
import dev.kfp4j.cluster.kfp.RunPage;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kfp4j kfp runs}: the newest runs, of one experiment or all. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List KFP runs, newest first.")
public final class KfpRunsCommand extends KfpCommand {

  @Option(names = "--experiment", paramLabel = "NAME", description = "only runs of this experiment")
  String experiment;

  @Option(names = "--page-size", paramLabel = "N", defaultValue = "20", description = "how many (default: ${DEFAULT-VALUE})")
  int pageSize;

  /** Takes the host and credentials from {@code environment}. */
  public KfpRunsCommand(Supplier<Map<String, String>> environment) {
    super(environment);
  }

  @Override
  int run(KfpClient kfp) {
    String experimentId = experiment == null ? null : kfp.findExperiment(experiment, namespace)
        .orElseThrow(() -> new KfpException("no experiment named '" + experiment + "'", 404)).experimentId();
    RunPage page = kfp.listRuns(experimentId, namespace, pageSize, null);
    for (Run run : page.runs()) {
      out().println(run.runId() + "  " + run.state() + "  " + run.displayName() + "  " + run.createdAt());
    }
    if (page.nextPageToken() != null && !page.nextPageToken().isEmpty()) {
      out().println("(" + page.totalSize() + " runs in all; showing the newest " + page.runs().size() + ")");
    }
    out().flush();
    return Kfp4jExitCodes.OK;
  }
}
