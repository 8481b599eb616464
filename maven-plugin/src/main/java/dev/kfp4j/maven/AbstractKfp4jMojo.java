package dev.kfp4j.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * What every goal that runs the kfp4j command shares: the command's jars, the project's classpath, and one
 * JVM started with them whose exit code becomes the goal's result.
 */
abstract class AbstractKfp4jMojo extends AbstractMojo {

  /** User properties {@code -Dkfp4j.param.NAME=VALUE} are pipeline parameters. */
  static final String PARAM_PREFIX = "kfp4j.param.";

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  MavenSession session;

  @Component
  RepositorySystem repositorySystem;

  @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
  RepositorySystemSession repositorySession;

  @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true, required = true)
  List<RemoteRepository> remoteRepositories;

  /** The kfp4j version whose command runs (default: this plugin's own version). */
  @Parameter(property = "kfp4j.version", defaultValue = "${plugin.version}", required = true)
  String kfp4jVersion;

  /** Skip this goal. */
  @Parameter(property = "kfp4j.skip", defaultValue = "false")
  boolean skip;

  /** Options for the JVM that runs the kfp4j command (not for task JVMs: see {@code jvmOptions} of run). */
  @Parameter(property = "kfp4j.launcherJvmArgs")
  List<String> launcherJvmArgs = List.of();

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("kfp4j: skipped (kfp4j.skip)");
      return;
    }
    run();
  }

  abstract void run() throws MojoExecutionException, MojoFailureException;

  /**
   * The project's runtime classpath: its classes (with the specs, the component descriptors and, unless the project
   * is compiled with {@code -Akfp4j.entrypoints=shared}, the generated entrypoints) and their dependencies, among
   * them the runtime (whose shared entrypoint runs the components of a shared-mode project).
   */
  List<String> projectClasspath() throws MojoExecutionException {
    try {
      return project.getRuntimeClasspathElements();
    } catch (org.apache.maven.artifact.DependencyResolutionRequiredException e) {
      throw new MojoExecutionException("could not resolve the project's runtime classpath: " + e.getMessage(), e);
    }
  }

  /** The kfp4j command's jars: kfp4j-cli plus {@code extraModules} (cluster clients). */
  List<File> toolClasspath(String... extraModules) throws MojoExecutionException {
    List<String> modules = new ArrayList<>();
    modules.add("kfp4j-cli");
    modules.addAll(List.of(extraModules));
    return ToolClasspath.resolve(repositorySystem, repositorySession, remoteRepositories, kfp4jVersion, modules);
  }

  /** Pipeline parameters: {@code configured} overridden by {@code -Dkfp4j.param.NAME=VALUE}, in a stable order. */
  Map<String, String> parameters(Map<String, String> configured) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (configured != null) {
      parameters.putAll(configured);
    }
    Map<String, String> fromProperties = new java.util.TreeMap<>();
    session.getUserProperties().forEach((key, value) -> {
      String name = key.toString();
      if (name.startsWith(PARAM_PREFIX) && name.length() > PARAM_PREFIX.length()) {
        fromProperties.put(name.substring(PARAM_PREFIX.length()), value.toString());
      }
    });
    parameters.putAll(fromProperties);
    return parameters;
  }

  /**
   * The pipeline to use: {@code given}, else the project's only compiled pipeline. Names are the folders of
   * {@code META-INF/kfp4j/} in the project's classes that hold a {@code pipeline.yaml}.
   */
  String pipelineName(String given) throws MojoFailureException {
    if (given != null && !given.isBlank()) {
      return given;
    }
    List<String> names = compiledPipelines();
    if (names.size() == 1) {
      return names.get(0);
    }
    if (names.isEmpty()) {
      throw new MojoFailureException("no compiled pipeline in " + outputDirectory() + "/META-INF/kfp4j/: compile the "
          + "project with the kfp4j processor (see kfp4j:check), or name a pipeline with -Dkfp4j.pipeline=NAME");
    }
    throw new MojoFailureException("this project has " + names.size() + " pipelines (" + String.join(", ", names)
        + "): choose one with -Dkfp4j.pipeline=NAME");
  }

  List<String> compiledPipelines() {
    Path root = outputDirectory().resolve("META-INF").resolve("kfp4j");
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(root)) {
      return children.filter(dir -> Files.isRegularFile(dir.resolve("pipeline.yaml")))
          .map(dir -> dir.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  Path outputDirectory() {
    return Path.of(project.getBuild().getOutputDirectory());
  }

  /** Adds {@code -p NAME=VALUE} for each parameter. */
  static void addParameters(List<String> arguments, Map<String, String> parameters) {
    parameters.forEach((name, value) -> {
      arguments.add("--param");
      arguments.add(name + "=" + (value == null ? "" : value));
    });
  }

  static void addOption(List<String> arguments, String option, Object value) {
    if (value != null && !value.toString().isBlank()) {
      arguments.add(option);
      arguments.add(value.toString());
    }
  }

  /**
   * Runs {@code dev.kfp4j.cli.Main arguments} in a new JVM on {@code classpath} from the project's folder, its
   * output going to this build's console; a non-zero exit fails the goal with {@code what} and the code's meaning.
   */
  void runCommand(List<String> classpath, List<String> arguments, String what)
      throws MojoExecutionException, MojoFailureException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(launcherJvmArgs);
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classpath));
    command.add("dev.kfp4j.cli.Main");
    command.addAll(arguments);
    if (getLog().isDebugEnabled()) {
      getLog().debug("kfp4j: " + String.join(" ", command));
    }
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.getBasedir()).inheritIO();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new MojoExecutionException("could not start " + command.get(0) + ": " + e.getMessage(), e);
    }
    int code;
    try {
      code = process.waitFor();
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
      throw new MojoExecutionException(what + ": interrupted", e);
    }
    if (code != 0) {
      throw new MojoFailureException(what + " failed: " + ExitCode.meaning(code) + " (exit code " + code + ")");
    }
  }
}
