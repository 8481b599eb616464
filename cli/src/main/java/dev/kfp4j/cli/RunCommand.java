package dev.kfp4j.cli;

import dev.kfp4j.local.ConsoleProgress;
import dev.kfp4j.local.LocalRunner;
import dev.kfp4j.local.RunResult;
import dev.kfp4j.local.container.ContainerRuntime;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kfp4j run}: runs a compiled pipeline on this machine. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
    description = {
        "Runs a compiled pipeline on this machine: each task's entrypoint (its generated class, or the runtime's "
            + "shared entrypoint for a project compiled with -Akfp4j.entrypoints=shared) as its own JVM (or in this JVM "
            + "with --in-process), independent tasks in parallel, values in the run folder.",
        "",
        "PIPELINE is a pipeline name found on the classpath (META-INF/kfp4j/<name>/pipeline.yaml, see 'kfp4j list') "
            + "or the path of a pipeline.yaml."},
    footerHeading = "%n",
    footer = {
        "Example:",
        "  kfp4j run calculate-average --param numbers=[1,2,3]",
        "",
        "The pipeline's outputs go to stdout (a single output named Output as its bare JSON value); progress and the "
            + "summary go to stderr.",
        "Exit codes: 0 succeeded, 1 a task failed, 2 bad option or parameter, 3 no such pipeline or run, "
            + "4 pipeline cannot be run, 5 I/O error, 130/143 interrupted."})
public final class RunCommand implements Callable<Integer>, Kfp4jCommand {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "PIPELINE", description = "Pipeline name or pipeline.yaml path.")
  String pipeline;

  @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", mapFallbackValue = "",
      description = "A pipeline parameter: JSON (42, 2.5, true, [1,2], {\"k\":1}), or plain text for a STRING "
          + "parameter. Repeat for each parameter.")
  Map<String, String> parameters = new LinkedHashMap<>();

  @Option(names = "--resume", paramLabel = "RUN_ID",
      description = "Continue run RUN_ID: re-run only the tasks that did not succeed, with its parameters.")
  String resume;

  @Option(names = {"-j", "--parallelism"}, paramLabel = "N",
      description = "How many tasks may run at once (default: number of cores).")
  Integer parallelism;

  @Option(names = "--in-process", description = "Run tasks on a thread pool in this JVM instead of one JVM per task.")
  boolean inProcess;

  @Option(names = "--no-cache", description = "Run every task: reuse no earlier execution with the same component "
      + "and inputs, and record none in the cache.")
  boolean noCache;

  @Option(names = "--root", paramLabel = "URI",
      description = "Storage root for values (e.g. s3://bucket/prefix/, with that backend on the classpath); "
          + "each run gets <URI>/<run-id>/. Default: the run folder's values/.")
  URI root;

  @Option(names = "--retry-backoff", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
      description = "First wait before retrying a failed task when its spec gives none, doubling each retry "
          + "(default: ${DEFAULT-VALUE}; e.g. 500ms, 2s).")
  Duration retryBackoff;

  @Option(names = "--task-timeout", paramLabel = "DURATION", defaultValue = "1h", converter = DurationConverter.class,
      description = "Longest one attempt of a task may run when its @Timeout sets none; it is then stopped and "
          + "failed, and retried if it has retries left (default: ${DEFAULT-VALUE}; e.g. 90m, 2h, 30s).")
  Duration taskTimeout;

  @Option(names = "--jvm-opt", paramLabel = "OPTION", description = "An option for every task JVM (e.g. -Xmx2g). Repeatable.")
  List<String> jvmOptions = List.of();

  @Option(names = "--no-class-sharing", description = "Do not give task JVMs a shared AppCDS archive of their classes "
      + "(by default kept in the cache folder when the classpath is all jars; it halves their start-up).")
  boolean noClassSharing;

  @Option(names = "--plain", description = "Plain progress lines even on a terminal.")
  boolean plain;

  @Option(names = "--containers", paramLabel = "auto|podman|docker|host", defaultValue = "auto",
      description = "How container steps (@ContainerStep, @ComponentFile) run: podman or docker, whichever answers "
          + "(auto, the default), or their command on this machine (host).")
  String containers;

  @Option(names = "--host-path", paramLabel = "IMAGE_PATH=FOLDER", mapFallbackValue = "",
      description = "In host mode, arguments under IMAGE_PATH (e.g. /app) are read from FOLDER. Repeatable.")
  Map<String, Path> hostPaths = new LinkedHashMap<>();

  @Option(names = "--host-tools", paramLabel = "FOLDER",
      description = "In host mode, a folder put first on the steps' PATH (tools the image has). Repeatable.")
  List<Path> hostTools = new ArrayList<>();

  @Option(names = "--in-images",
      description = "Run the Java entrypoints (generated or shared) in their image too (java -cp /app/… as in the specs), with "
          + "podman or docker: every step in a container, as on a cluster. Checks the image; needs a file storage root.")
  boolean inImages;

  @Option(names = "--container-opt", paramLabel = "OPTION",
      description = "An option added to each 'podman run' / 'docker run' (e.g. --container-opt=--ulimit=nofile=1024:1024). "
          + "Repeatable.")
  List<String> containerOptions = new ArrayList<>();

  @Mixin
  CommonOptions common;

  @Override
  public int order() {
    return 10;
  }

  @Override
  public Integer call() {
    if ((pipeline == null) == (resume == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give a PIPELINE to run, or --resume RUN_ID");
    }
    if (resume != null && !parameters.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--resume uses the parameters of the run it resumes; "
          + "drop --param");
    }
    LocalRunner.Builder builder = LocalRunner.builder()
        .classpath(common.classpath())
        .workDirectory(common.workDirectory())
        .inProcess(inProcess)
        .noCache(noCache)
        .retryBackoff(retryBackoff)
        .taskTimeout(taskTimeout)
        .jvmOptions(jvmOptions)
        .classDataSharing(!noClassSharing)
        .listener(new ConsoleProgress(spec.commandLine().getErr(), !plain && System.console() != null));
    if (parallelism != null) {
      if (parallelism < 1) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--parallelism must be at least 1");
      }
      builder.parallelism(parallelism);
    }
    if (root != null) {
      builder.root(root);
    }
    builder.containers(containerRuntime());
    LocalRunner runner = builder.build();
    RunResult result = resume != null ? runner.resume(resume) : runner.runWithText(pipeline, parameters);
    printOutputs(result);
    return switch (result.state()) {
      case SUCCEEDED -> Kfp4jExitCodes.OK;
      case FAILED -> Kfp4jExitCodes.RUN_FAILED;
      case CANCELLED -> Kfp4jExitCodes.INTERRUPTED;
    };
  }

  private void printOutputs(RunResult result) {
    java.io.PrintWriter writer = spec.commandLine().getOut();
    if (result.outputs().size() == 1 && result.outputs().containsKey("Output")) {
      writer.println(ReadableValues.of(result.outputJson("Output")));
    } else {
      result.outputs().keySet().forEach(name -> writer.println(name + " = " + ReadableValues.of(result.outputJson(name))));
    }
    writer.flush();
  }


  private ContainerRuntime containerRuntime() {
    ContainerRuntime.Mode mode;
    try {
      mode = ContainerRuntime.Mode.valueOf(containers.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--containers must be auto, podman, docker or host, not '"
          + containers + "'");
    }
    if (inImages && root != null && !"file".equals(root.getScheme())) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--in-images needs a file:// --root (it is mounted"
          + " into the containers), not " + dev.kfp4j.runtime.storage.Addresses.redact(root));
    }
    if (inImages && mode == ContainerRuntime.Mode.HOST) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--in-images runs entrypoints in their images, which"
          + " needs --containers auto, podman or docker, not host");
    }
    return new ContainerRuntime(mode, hostPaths, containerOptions, hostTools, inImages);
  }
}
