package dev.kfp4j.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.Parameter;

/** A goal that talks to the Kubeflow Pipelines REST API ({@code kfp4j kfp ...}). */
abstract class KfpMojo extends ClusterMojo {

  /** The pipeline's name; may be left out when the project has one pipeline. */
  @Parameter(property = "kfp4j.pipeline")
  String pipeline;

  /** The KFP API, e.g. {@code http://localhost:8888} (default: the KFP4J_KFP_HOST environment variable). */
  @Parameter(property = "kfp4j.host")
  String host;

  /** A file holding a bearer token (the token itself never goes on a command line). */
  @Parameter(property = "kfp4j.tokenFile")
  File tokenFile;

  /** The Kubeflow profile namespace (multi-user). */
  @Parameter(property = "kfp4j.kfpNamespace")
  String kfpNamespace;

  @Override
  String clientModule() {
    return "kfp4j-kfp-client";
  }

  void addConnection(List<String> arguments) {
    addOption(arguments, "--host", host);
    addOption(arguments, "--token-file", tokenFile);
    addOption(arguments, "--namespace", kfpNamespace);
  }
}
