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
 * Submits one of the project's pipelines to Argo Workflows through the Kubernetes API ({@code kfp4j argo submit}, with
 * the kubeconfig's cluster and context) and watches it to the end. The component image must already hold the
 * project's classes.
 *
 * <pre>
 * mvn kfp4j:submit -Dkfp4j.namespace=ml -Dkfp4j.param.numbers=[1,2,3] -Dkfp4j.storageSecret=minio-creds
 * </pre>
 */
@Mojo(name = "submit", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class SubmitMojo extends ClusterMojo {

  /** The pipeline's name; may be left out when the project has one pipeline. */
  @Parameter(property = "kfp4j.pipeline")
  String pipeline;

  /** Pipeline parameters by name (JSON, or plain text for a String); {@code -Dkfp4j.param.NAME=VALUE} adds one. */
  @Parameter
  Map<String, String> parameters;

  /** Kubernetes namespace (default: the kubeconfig context's). */
  @Parameter(property = "kfp4j.namespace")
  String namespace;

  /** Name prefix the API server completes. */
  @Parameter(property = "kfp4j.generateName")
  String generateName;

  /** Service account the steps run as. */
  @Parameter(property = "kfp4j.serviceAccount")
  String serviceAccount;

  /** The Kubernetes Secret holding the storage credentials. */
  @Parameter(property = "kfp4j.storageSecret")
  String storageSecret;

  /** Return once submitted. */
  @Parameter(property = "kfp4j.noWait", defaultValue = "false")
  boolean noWait;

  /** Stream every step's log while watching. */
  @Parameter(property = "kfp4j.logs", defaultValue = "false")
  boolean logs;

  /** Read the outputs' values from storage and print them. */
  @Parameter(property = "kfp4j.readOutputs", defaultValue = "false")
  boolean readOutputs;

  /** How long to watch, e.g. {@code 30m} (default: 24h). */
  @Parameter(property = "kfp4j.timeout")
  String timeout;

  @Override
  String clientModule() {
    return "kfp4j-argo";
  }

  @Override
  void run() throws MojoExecutionException, MojoFailureException {
    List<String> arguments = new ArrayList<>(List.of("argo", "submit", pipelineName(pipeline)));
    addParameters(arguments, parameters(parameters));
    addOption(arguments, "--namespace", namespace);
    addOption(arguments, "--generate-name", generateName);
    addOption(arguments, "--service-account", serviceAccount);
    addOption(arguments, "--storage-secret", storageSecret);
    addOption(arguments, "--timeout", timeout);
    if (noWait) {
      arguments.add("--no-wait");
    }
    if (logs) {
      arguments.add("--logs");
    }
    if (readOutputs) {
      arguments.add("--read-outputs");
    }
    runClusterCommand(arguments, "kfp4j argo submit");
  }
}
