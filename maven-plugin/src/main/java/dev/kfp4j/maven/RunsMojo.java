package dev.kfp4j.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The project's past local runs ({@code kfp4j runs}), or one run's parameters, task states and outputs
 * with {@code -Dkfp4j.runId=ID} ({@code kfp4j show ID}).
 */
@Mojo(name = "runs", requiresProject = true, threadSafe = true)
public class RunsMojo extends AbstractKfp4jMojo {

  /** Show this run instead of listing them all. */
  @Parameter(property = "kfp4j.runId")
  String runId;

  /** The folder of runs/ and cache/. */
  @Parameter(property = "kfp4j.workDir", defaultValue = "${project.basedir}/.kfp4j")
  File workDirectory;

  @Override
  void run() throws MojoExecutionException, MojoFailureException {
    List<String> arguments = new ArrayList<>();
    if (runId != null && !runId.isBlank()) {
      arguments.add("show");
      arguments.add(runId);
    } else {
      arguments.add("runs");
    }
    addOption(arguments, "--work-dir", workDirectory);
    runCommand(RunMojo.files(toolClasspath()), arguments, "kfp4j " + arguments.get(0));
  }
}
