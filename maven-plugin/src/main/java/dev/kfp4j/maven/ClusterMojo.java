package dev.kfp4j.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * A goal that sends a compiled pipeline to a cluster: the kfp4j command runs with its cluster client module and
 * the project's runtime classpath (which carries the specs, and a storage backend such as kfp4j-storage-s3 when
 * the project has one).
 */
abstract class ClusterMojo extends AbstractKfp4jMojo {

  /** The cluster clients log through SLF4J; kfp4j reports their errors itself, so their logs are dropped. */
  static final String SLF4J_NOP = "org.slf4j:slf4j-nop";

  /** The cluster client module ({@code kfp4j-argo}, {@code kfp4j-kfp-client}). */
  abstract String clientModule();


  void runClusterCommand(List<String> arguments, String what) throws MojoExecutionException, MojoFailureException {
    List<String> classpath = new ArrayList<>(RunMojo.files(toolClasspath(clientModule(), SLF4J_NOP)));
    classpath.addAll(projectClasspath());
    runCommand(classpath, arguments, what);
  }
}
