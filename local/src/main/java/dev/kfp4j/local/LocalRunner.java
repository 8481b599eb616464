package dev.kfp4j.local;

import dev.kfp4j.local.exec.Classpath;
import dev.kfp4j.local.exec.Entrypoints;
import dev.kfp4j.local.plan.Plan;
import dev.kfp4j.local.plan.Planner;
import dev.kfp4j.local.run.RunDirectory;
import dev.kfp4j.local.run.RunRecord;
import dev.kfp4j.runtime.storage.Addresses;
import dev.kfp4j.runtime.storage.StorageSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs compiled pipelines on this machine: the KFP v2 IR the processor wrote, each task through its
 * generated entrypoint or, for a project compiled with {@code -Akfp4j.entrypoints=shared}, the runtime's shared
 * entrypoint, as its own JVM (default) or in-process.
 *
 * <pre>{@code
 * RunResult result = LocalRunner.builder().inProcess(true).build()
 *     .run("calculate-average", Map.of("numbers", List.of(1, 2, 3)));
 * double average = result.output("Output", Double.class);
 * }</pre>
 */
public final class LocalRunner {

  private final RunOptions options;
  private final PipelineCatalog catalog;

  private LocalRunner(RunOptions options) {
    this.options = options;
    this.catalog = new PipelineCatalog(options.classpath());
  }

  /** A runner with default options: subprocess mode, one task per core, {@code ./.kfp4j}, cache on. */
  public static Builder builder() {
    return new Builder();
  }

  /** The pipelines and components on this runner's classpath. */
  public PipelineCatalog catalog() {
    return catalog;
  }

  /** The folder holding {@code runs/} and {@code cache/}. */
  public Path workDirectory() {
    return options.workDirectory();
  }

  /** The plan of a pipeline (by name on the classpath, or a path to its pipeline.yaml). */
  public Plan plan(String pipeline) {
    PipelineCatalog.Found found = catalog.find(pipeline);
    return Planner.plan(found.spec(), found.location(), options.retryDefaults(), options.taskTimeout(),
        options.containers().entrypointsInImages());
  }

  /** Runs a pipeline with parameters given as Java values (converted to JSON; STRING as is). */
  public RunResult run(String pipeline, Map<String, ?> parameters) {
    Plan plan = plan(pipeline);
    return start(plan, Parameters.fromValues(plan, parameters, types(plan)));
  }

  /** Runs a pipeline with parameters given as text, as on the command line: JSON, or plain text for STRING. */
  public RunResult runWithText(String pipeline, Map<String, String> parameters) {
    Plan plan = plan(pipeline);
    return start(plan, Parameters.fromText(plan, parameters, types(plan)));
  }

  /**
   * Runs the pipeline declared by the {@code @Pipeline} method {@code method} of {@code type}, with
   * its arguments in declaration order.
   */
  public RunResult run(Class<?> type, String method, Object... arguments) {
    PipelineMethod target = PipelineMethod.find(type, method);
    Plan plan = plan(target.name());
    return start(plan, Parameters.fromValues(plan, target.bind(plan, catalog, arguments), types(plan)));
  }

  /** Runs again what did not succeed in run {@code runId} (failed, skipped, cancelled or never started). */
  public RunResult resume(String runId) {
    RunDirectory directory = RunDirectory.open(options.runsDirectory(), runId);
    RunRecord record = directory.record().orElseThrow();
    String source = record.source() != null && Path.of(record.source()).isAbsolute()
        && java.nio.file.Files.isRegularFile(Path.of(record.source())) ? record.source() : record.pipeline();
    Plan plan = plan(source);
    return new Execution(options, plan, Parameters.fromText(plan, record.parameters(), types(plan)), checked(plan), directory, record).run();
  }

  /** The Java types of the plan's parameters, for messages in the user's terms. */
  private ParameterTypes types(Plan plan) {
    return ParameterTypes.of(plan, options.classpath().loader());
  }

  private RunResult start(Plan plan, Parameters parameters) {
    Entrypoints entrypoints = checked(plan);
    RunDirectory directory = RunDirectory.create(options.runsDirectory(), plan.name());
    return new Execution(options, plan, parameters, entrypoints, directory, null).run();
  }

  /**
   * The plan's entrypoints (generated classes, or components' addresses for the shared entrypoint), each loaded
   * once: a missing class or descriptor fails before the run starts.
   */
  private Entrypoints checked(Plan plan) {
    Entrypoints entrypoints = new Entrypoints(options.classpath().loader(),
        options.inProcess() ? null : options.classpath());
    plan.tasks().stream().filter(task -> task.container().isEmpty()).forEach(task -> entrypoints.get(task.entrypoint()));
    return entrypoints;
  }

  /** Options of a {@link LocalRunner}. */
  public static final class Builder {
    Classpath classpath = Classpath.current();
    boolean inProcess;
    int parallelism = Runtime.getRuntime().availableProcessors();
    Path workDirectory = Path.of(".kfp4j").toAbsolutePath();
    URI root;
    boolean noCache;
    Duration retryBackoff = Duration.ofSeconds(1);
    Duration taskTimeout = dev.kfp4j.local.plan.TaskOptions.DEFAULT_TIMEOUT;
    RunListener listener = new RunListener() {};
    List<String> jvmOptions = List.of();
    StorageSettings settings = StorageSettings.fromEnvironment();
    boolean stopOnSignal = true;
    boolean classDataSharing = true;
    dev.kfp4j.local.container.ContainerRuntime containers = dev.kfp4j.local.container.ContainerRuntime.auto();

    private Builder() {}

    /**
     * How container steps ({@code @ContainerStep}, {@code @ComponentFile}) run: podman or docker when
     * present (the default), or their command on this machine ({@link
     * dev.kfp4j.local.container.ContainerRuntime#host host mode}).
     */
    public Builder containers(dev.kfp4j.local.container.ContainerRuntime containers) {
      this.containers = java.util.Objects.requireNonNull(containers, "containers");
      return this;
    }

    /** Where pipelines and entrypoints are found, and the classpath of task JVMs (default: this JVM's). */
    public Builder classpath(Classpath classpath) {
      this.classpath = Objects.requireNonNull(classpath);
      return this;
    }

    /** Runs tasks on a thread pool in this JVM instead of one JVM per task. */
    public Builder inProcess(boolean inProcess) {
      this.inProcess = inProcess;
      return this;
    }

    /** How many tasks may run at once (default: the number of cores). */
    public Builder parallelism(int parallelism) {
      if (parallelism < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
      }
      this.parallelism = parallelism;
      return this;
    }

    /** The folder for {@code runs/} and {@code cache/} (default {@code ./.kfp4j}). */
    public Builder workDirectory(Path workDirectory) {
      this.workDirectory = workDirectory.toAbsolutePath();
      return this;
    }

    /** A storage root for values instead of the run folder ({@code s3://bucket/prefix/}); each run gets {@code <root>/<run-id>/}. */
    public Builder root(URI root) {
      this.root = root;
      return this;
    }

    /** Runs every task: reuses no cached execution and records none. */
    public Builder noCache(boolean noCache) {
      this.noCache = noCache;
      return this;
    }

    /** The first wait before a retry when the spec gives none (default 1 s; doubles each retry, at most 1 min). */
    public Builder retryBackoff(Duration retryBackoff) {
      this.retryBackoff = retryBackoff;
      return this;
    }

    /**
     * How long one task attempt may run when its {@code @Timeout} sets nothing (default 1 h): it is then stopped,
     * failed with "timed out after …", and retried if it has retries left.
     */
    public Builder taskTimeout(Duration taskTimeout) {
      if (taskTimeout.isNegative() || taskTimeout.isZero()) {
        throw new IllegalArgumentException("the task timeout must be positive, got " + taskTimeout);
      }
      this.taskTimeout = taskTimeout;
      return this;
    }

    /** Follows the run (progress display, tests). */
    public Builder listener(RunListener listener) {
      this.listener = Objects.requireNonNull(listener);
      return this;
    }

    /**
     * Extra options for every task JVM (subprocess mode), such as {@code -Xmx2g}. Task JVMs also get
     * {@code -XX:TieredStopAtLevel=1 -XX:+UseSerialGC} unless these options choose a compilation mode or a collector.
     */
    public Builder jvmOptions(List<String> jvmOptions) {
      this.jvmOptions = List.copyOf(jvmOptions);
      return this;
    }

    /** Storage settings (default: system properties and environment). */
    public Builder storageSettings(StorageSettings settings) {
      this.settings = Objects.requireNonNull(settings);
      return this;
    }

    /** Whether SIGINT/SIGTERM of this JVM stops the run cleanly (default true). */
    public Builder stopOnSignal(boolean stopOnSignal) {
      this.stopOnSignal = stopOnSignal;
      return this;
    }

    /**
     * Whether task JVMs share an AppCDS archive of their classes, kept in the cache folder (default true;
     * directories on the classpath are packed into jars there, since the JVM archives only from jars).
     */
    public Builder classDataSharing(boolean classDataSharing) {
      this.classDataSharing = classDataSharing;
      return this;
    }

    /** A runner with these options (later changes to this builder do not reach it). */
    public LocalRunner build() {
      if (containers.entrypointsInImages() && root != null && !"file".equals(root.getScheme())) {
        throw new IllegalArgumentException("entrypoints run in their images need a file:// storage root (it is mounted"
            + " into the containers, and no credentials are passed to them), not " + Addresses.redact(root)
            + "; drop the root or the entrypoints-in-images option");
      }
      return new LocalRunner(new RunOptions(classpath, inProcess, parallelism, workDirectory, root, noCache,
          retryBackoff, taskTimeout, listener, jvmOptions, settings, stopOnSignal, classDataSharing, containers));
    }
  }
}
