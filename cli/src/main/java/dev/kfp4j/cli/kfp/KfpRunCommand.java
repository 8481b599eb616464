package dev.kfp4j.cli.kfp;

import dev.kfp4j.cli.Kfp4jExitCodes;
import dev.kfp4j.cli.WaitTimeout;
import dev.kfp4j.cluster.kfp.Experiment;
import dev.kfp4j.cluster.kfp.KfpClient;
import dev.kfp4j.cluster.kfp.PipelineSpec;
import dev.kfp4j.cluster.kfp.PipelineVersionReference;
import dev.kfp4j.cluster.kfp.Run;
import dev.kfp4j.cluster.kfp.RuntimeConfig;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kfp4j kfp run}: runs a compiled pipeline on KFP (inline, or an uploaded version) in an experiment. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run a compiled pipeline on KFP in an experiment (created if missing) and wait for it to end, "
        + "printing each state it passes (--no-wait: return once it is created).",
    footerHeading = "%n",
    footer = {"Example:",
        "  kfp4j kfp run calculate-average --host https://kfp.example.com --experiment demo -p numbers='[1,2,3]'",
        "",
        "Exits 0 when the run succeeded, 1 when it did not, 7 when --timeout came first (see kfp4j --help)."})
public final class KfpRunCommand extends KfpCommand {

  @Parameters(index = "0", paramLabel = "PIPELINE",
      description = "a pipeline name on the classpath or a pipeline.yaml path (its parameters type the -p values)")
  String pipeline;

  @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "a pipeline parameter's value (JSON for non-strings)")
  Map<String, String> parameters = new LinkedHashMap<>();

  @Option(names = "--experiment", paramLabel = "NAME", defaultValue = "Default", description = "experiment (default: ${DEFAULT-VALUE})")
  String experiment;

  @Option(names = "--name", paramLabel = "NAME", description = "the run's name (default: <pipeline>-<time>)")
  String runName;

  @Option(names = "--pipeline-root", paramLabel = "URI", description = "where outputs go, e.g. s3://bucket/prefix")
  String pipelineRoot;

  @Option(names = "--service-account", paramLabel = "NAME", description = "service account of the run's pods")
  String serviceAccount;

  @Option(names = "--pipeline-id", paramLabel = "ID", description = "run this uploaded pipeline instead of the inline spec")
  String pipelineId;

  @Option(names = "--version-id", paramLabel = "ID", description = "with --pipeline-id: this version (default: latest)")
  String versionId;

  @Option(names = "--no-wait", description = "return once the run is created")
  boolean noWait;

  /** Waiting is the default now, as for {@code kfp4j argo submit}; the old flag is still accepted. */
  @Option(names = "--wait", hidden = true)
  boolean await;

  @Mixin
  WaitTimeout timeout;

  /** Takes the host and credentials from {@code environment}. */
  public KfpRunCommand(Supplier<Map<String, String>> environment) {
    super(environment);
  }

  @Override
  int run(KfpClient kfp) {
    PipelineSpec ir = PipelineSpec.load(pipeline, Thread.currentThread().getContextClassLoader());
    RuntimeConfig config = new RuntimeConfig(ir.parameterValues(parameters), pipelineRoot);
    Experiment exp = kfp.getOrCreateExperiment(experiment, null, namespace);
    String name = runName != null ? runName
        : ir.pipelineName() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Run request = pipelineId != null
        ? Run.of(name, exp.experimentId(), new PipelineVersionReference(pipelineId, versionId), config, serviceAccount)
        : Run.inline(name, exp.experimentId(), ir.json(), config, serviceAccount);
    Run created = kfp.createRun(request);
    out().println("run " + created.runId() + " " + created.displayName() + " in experiment " + exp.displayName());
    out().flush();
    return noWait ? Kfp4jExitCodes.OK : KfpWaitCommand.waitFor(kfp, created.runId(), timeout.get(), out());
  }
}
