package dev.kfp4j.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Uploads one of the project's pipelines (its KFP v2 IR) to Kubeflow Pipelines, as a new pipeline or a new
 * version of it ({@code kfp4j kfp upload}).
 *
 * <pre>
 * mvn kfp4j:upload -Dkfp4j.host=https://kfp.example.com
 * </pre>
 */
@Mojo(name = "upload", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class UploadMojo extends KfpMojo {

  /** The pipeline's name in KFP (default: its own name). */
  @Parameter(property = "kfp4j.kfpName")
  String kfpName;

  /** What the pipeline does, shown in KFP. */
  @Parameter(property = "kfp4j.description")
  String description;

  /** Upload as this version of an existing pipeline. */
  @Parameter(property = "kfp4j.pipelineVersion")
  String pipelineVersion;

  @Override
  void run() throws MojoExecutionException, MojoFailureException {
    List<String> arguments = new ArrayList<>(List.of("kfp", "upload", pipelineName(pipeline)));
    addConnection(arguments);
    addOption(arguments, "--name", kfpName);
    addOption(arguments, "--description", description);
    addOption(arguments, "--version", pipelineVersion);
    runClusterCommand(arguments, "kfp4j kfp upload");
  }
}
