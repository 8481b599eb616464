package dev.kfp4j.cli.kfp;

import dev.kfp4j.cli.Kfp4jExitCodes;
import dev.kfp4j.cluster.kfp.KfpClient;
import dev.kfp4j.cluster.kfp.KfpException;
import dev.kfp4j.cluster.kfp.Pipeline;
import dev.kfp4j.cluster.kfp.PipelineSpec;
import dev.kfp4j.cluster.kfp.PipelineVersion;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kfp4j kfp upload}: uploads a compiled pipeline's IR, as a new pipeline or a new version of one. */
@Command(name = "upload", mixinStandardHelpOptions = true,
    description = "Upload a compiled pipeline's IR to KFP, as a pipeline or (--version) a new version of one.")
public final class KfpUploadCommand extends KfpCommand {

  @Parameters(index = "0", paramLabel = "PIPELINE",
      description = "a pipeline name on the classpath (META-INF/kfp4j/<name>/pipeline.yaml) or a pipeline.yaml path")
  String pipeline;

  @Option(names = "--name", paramLabel = "NAME", description = "the pipeline's name in KFP (default: its pipelineInfo.name)")
  String name;

  @Option(names = "--description", paramLabel = "TEXT", description = "what it does")
  String description;

  @Option(names = "--version", paramLabel = "VERSION",
      description = "upload as version VERSION of the existing pipeline (found by --name or pipelineInfo.name)")
  String version;

  /** Takes the host and credentials from {@code environment}. */
  public KfpUploadCommand(Supplier<Map<String, String>> environment) {
    super(environment);
  }

  @Override
  int run(KfpClient kfp) {
    PipelineSpec ir = PipelineSpec.load(pipeline, Thread.currentThread().getContextClassLoader());
    String pipelineName = name != null ? name : ir.pipelineName();
    if (version == null) {
      Pipeline uploaded = kfp.uploadPipeline(ir, pipelineName, description, namespace);
      out().println("pipeline " + uploaded.pipelineId() + " " + uploaded.name());
    } else {
      Pipeline existing = kfp.findPipeline(pipelineName, namespace).orElseThrow(() -> new KfpException(
          "no pipeline named '" + pipelineName + "' in KFP to add version '" + version + "' to; upload it first", 404));
      PipelineVersion uploaded = kfp.uploadPipelineVersion(ir, existing.pipelineId(), version, description);
      out().println("version " + uploaded.pipelineVersionId() + " " + uploaded.name() + " of pipeline "
          + uploaded.pipelineId());
    }
    out().flush();
    return Kfp4jExitCodes.OK;
  }
}
