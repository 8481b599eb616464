package dev.kfp4j.maven;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Starts a Kubeflow Pipelines run of one of the project's pipelines ({@code kfp4j kfp run}) and waits for it to
 * finish ({@code -Dkfp4j.noWait} returns once it is created).
 *
 * <pre>
 * mvn kfp4j:kfp-run -Dkfp4j.host=https://kfp.example.com -Dkfp4j.experiment=demo -Dkfp4j.param.numbers=[1,2,3]
 * </pre>
 */
@Mojo(name = "kfp-run", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class KfpRunMojo extends KfpMojo {

  /** Pipeline parameters by name (JSON, or plain text for a String); {@code -Dkfp4j.param.NAME=VALUE} adds one. */
  @Parameter
  Map<String, String> parameters;

  /** The experiment (default: Default). */
  @Parameter(property = "kfp4j.experiment")
  String experiment;

  /** The run's name (default: the pipeline's name and the time). */
  @Parameter(property = "kfp4j.runName")
  String runName;

  /** Where outputs go, e.g. {@code s3://bucket/prefix}. */
  @Parameter(property = "kfp4j.pipelineRoot")
  String pipelineRoot;

  /** Service account of the run's pods. */
  @Parameter(property = "kfp4j.serviceAccount")
  String serviceAccount;

  /** Run this uploaded pipeline instead of the project's spec. */
  @Parameter(property = "kfp4j.pipelineId")
  String pipelineId;

  /** With pipelineId: this version (default: the latest). */
  @Parameter(property = "kfp4j.versionId")
  String versionId;

  /** Return once the run is created instead of waiting for it to finish (the goal fails when a waited-for run does). */
  @Parameter(property = "kfp4j.noWait", defaultValue = "false")
  boolean noWait;

  /** How long to wait, e.g. {@code 2h} (default: 24h). */
  @Parameter(property = "kfp4j.timeout")
  String timeout;

  @Override
  void run() throws MojoExecutionException, MojoFailureException {
    List<String> arguments = new ArrayList<>(List.of("kfp", "run", pipelineName(pipeline)));
    addParameters(arguments, parameters(parameters));
    addConnection(arguments);
    addOption(arguments, "--experiment", experiment);
    addOption(arguments, "--name", runName);
    addOption(arguments, "--pipeline-root", pipelineRoot);
    addOption(arguments, "--service-account", serviceAccount);
    addOption(arguments, "--pipeline-id", pipelineId);
    addOption(arguments, "--version-id", versionId);
    addOption(arguments, "--timeout", timeout);
    if (noWait) {
      arguments.add("--no-wait");
    }
    runClusterCommand(arguments, "kfp4j kfp run");
  }
}
