package dev.kfp4j.maven;

import java.io.File;
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
 * Runs one of the project's pipelines on this machine with the local runner ({@code kfp4j run}): each task
 * its own JVM on the project's runtime classpath, independent tasks in parallel, values and logs under
 * {@code .kfp4j/runs/}. Compiles the project first.
 *
 * <pre>
 * mvn kfp4j:run -Dkfp4j.param.numbers=[1,2,3]
 * mvn kfp4j:run -Dkfp4j.pipeline=calculate-average -Dkfp4j.param.numbers=[1,2,3] -Dkfp4j.noCache
 * mvn kfp4j:run -Dkfp4j.resume=calculate-average-20260101-120000-1a2b
 * </pre>
 */
@Mojo(name = "run", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_CLASSES)
public class RunMojo extends AbstractKfp4jMojo {

  /** The pipeline's name (see {@code kfp4j:list}); may be left out when the project has one pipeline. */
  @Parameter(property = "kfp4j.pipeline")
  String pipeline;

  /**
   * Pipeline parameters by name: JSON ({@code 42}, {@code [1,2]}, {@code {"k":1}}) or plain text for a String.
   * {@code -Dkfp4j.param.NAME=VALUE} on the command line adds or overrides one.
   */
  @Parameter
  Map<String, String> parameters;

  /** Continue this run: re-run only the tasks that did not succeed, with its parameters. */
  @Parameter(property = "kfp4j.resume")
  String resume;

  /** How many tasks may run at once (default: the number of cores). */
  @Parameter(property = "kfp4j.parallelism")
  Integer parallelism;

  /** Run tasks on threads of the runner's JVM instead of one JVM per task. */
  @Parameter(property = "kfp4j.inProcess", defaultValue = "false")
  boolean inProcess;

  /** Run every task: reuse no cached result and record none. */
  @Parameter(property = "kfp4j.noCache", defaultValue = "false")
  boolean noCache;

  /** Storage root for values, e.g. {@code s3://bucket/prefix/} (with kfp4j-storage-s3 on the project's classpath). */
  @Parameter(property = "kfp4j.root")
  String root;

  /** First wait before retrying a failed task whose spec gives none, e.g. {@code 500ms}, {@code 2s}. */
  @Parameter(property = "kfp4j.retryBackoff")
  String retryBackoff;

  /** Options for every task JVM, e.g. {@code -Xmx2g} (comma-separated as a property). */
  @Parameter(property = "kfp4j.jvmOptions")
  List<String> jvmOptions;

  /** Give task JVMs a shared class-data archive (AppCDS) kept in the cache folder. */
  @Parameter(property = "kfp4j.classSharing", defaultValue = "true")
  boolean classSharing;

  /** Plain progress lines even on a terminal. */
  @Parameter(property = "kfp4j.plain", defaultValue = "false")
  boolean plain;

  /** The folder of runs/ and cache/. */
  @Parameter(property = "kfp4j.workDir", defaultValue = "${project.basedir}/.kfp4j")
  File workDirectory;

  @Override
  void run() throws MojoExecutionException, MojoFailureException {
    List<String> arguments = new ArrayList<>();
    arguments.add("run");
    if (resume != null && !resume.isBlank()) {
      addOption(arguments, "--resume", resume);
    } else {
      arguments.add(pipelineName(pipeline));
      addParameters(arguments, parameters(parameters));
    }
    addOption(arguments, "--parallelism", parallelism);
    if (inProcess) {
      arguments.add("--in-process");
    }
    if (noCache) {
      arguments.add("--no-cache");
    }
    addOption(arguments, "--root", root);
    addOption(arguments, "--retry-backoff", retryBackoff);
    if (jvmOptions != null) {
      jvmOptions.forEach(option -> {
        if (!option.isBlank()) {
          arguments.add("--jvm-opt=" + option.trim());
        }
      });
    }
    if (!classSharing) {
      arguments.add("--no-class-sharing");
    }
    if (plain) {
      arguments.add("--plain");
    }
    addOption(arguments, "--work-dir", workDirectory);
    // Task JVMs get exactly the project's runtime classpath; the runner's own JVM gets the kfp4j command.
    addOption(arguments, "--classpath", String.join(File.pathSeparator, projectClasspath()));
    runCommand(files(toolClasspath()), arguments, "kfp4j run");
  }

  static List<String> files(List<File> files) {
    return files.stream().map(File::getPath).toList();
  }
}
