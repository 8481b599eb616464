package dev.kfp4j.local.exec;

import dev.kfp4j.runtime.entrypoint.ComponentMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs each task attempt as its own JVM, like each step on its own pod. The task JVMs share an AppCDS
 * archive of the classes they load ({@link ClassDataSharing}), and start with the flags of a short-lived
 * JVM ({@link #SHORT_STEP_OPTIONS}) unless the options given choose otherwise.
 */
public final class SubprocessExecutor implements TaskExecutor {

  /**
   * What every task JVM gets unless its options say otherwise: C1 only (a step is over before C2 would
   * pay off) and the serial collector (no GC threads to start). Left out one by one when the given
   * options choose a compilation mode or a collector.
   */
  public static final List<String> SHORT_STEP_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  private final String javaCommand;
  private final List<String> jvmOptions;
  private final Classpath classpath;
  private final RunControl control;
  private final Path workingDirectory;
  private final ClassDataSharing sharing;

  /**
   * @param jvmOptions extra options for every task JVM ({@code -Xmx1g}, …)
   * @param workingDirectory where task JVMs start
   * @param sharing the class-data-sharing archive of the task JVMs, or null for none
   */
  public SubprocessExecutor(List<String> jvmOptions, Classpath classpath, RunControl control, Path workingDirectory,
      ClassDataSharing sharing) {
    this.javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    this.jvmOptions = withShortStepDefaults(jvmOptions);
    this.classpath = classpath;
    this.control = control;
    this.workingDirectory = workingDirectory;
    this.sharing = sharing;
  }

  @Override
  public int execute(Entrypoints.Entrypoint entrypoint, List<String> args, Path log, String header)
      throws IOException, InterruptedException {
    return execute(entrypoint, args, log, header, new Limits(java.util.Map.of(), List.of(), null));
  }

  @Override
  public boolean setsEnvironment() {
    return true;
  }

  @Override
  public int execute(Entrypoints.Entrypoint entrypoint, List<String> args, Path log, String header, Limits limits)
      throws IOException, InterruptedException {
    ClassDataSharing.Use cds = sharing == null ? ClassDataSharing.Use.NONE : sharing.use();
    List<String> command = new ArrayList<>();
    command.add(javaCommand);
    command.addAll(cds.options());
    command.addAll(jvmOptions);
    command.addAll(limits.jvmOptions());
    command.add("-cp");
    command.add((sharing == null ? classpath : sharing.classpath()).asArgument());
    command.addAll(entrypoint.main());
    command.addAll(args);
    Files.writeString(log, header + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    long logStart = Files.size(log);
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workingDirectory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(limits.env());
    // The task's log gets the stack trace of a failure in the user's code; the console keeps its one line.
    builder.environment().put(ComponentMain.STACK_TRACE_ENV, "1");
    Process process = builder.start();
    control.started(process);
    process.getOutputStream().close(); // a task reading stdin sees its end, as in a container
    int code = -1;
    try {
      if (limits.timeout() != null && !process.waitFor(limits.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        RunControl.destroyTree(process);
        process.waitFor();
        return TIMED_OUT;
      }
      code = process.waitFor();
      return code;
    } catch (InterruptedException e) {
      RunControl.destroyTree(process);
      throw e;
    } finally {
      control.ended(process);
      cds.done(code == 0);
      if (cds.mapped()) {
        checkArchiveUsed(log, logStart);
      }
    }
  }

  /** A JVM that could not map the archive warned about it first thing: then the archive is recorded again. */
  private void checkArchiveUsed(Path log, long from) throws IOException {
    String start;
    try (var in = Files.newInputStream(log)) {
      in.skipNBytes(from);
      start = new String(in.readNBytes(16 * 1024), StandardCharsets.UTF_8);
    }
    if (start.contains("[cds") && sharing.discard()) {
      Files.writeString(log, "kfp4j: this task JVM could not use the AppCDS archive " + sharing.archive()
          + " (the JVM's warning is above); it was deleted and a later task records it again\n",
          StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
  }

  /** {@code options} with each of {@link #SHORT_STEP_OPTIONS} added unless they choose that setting themselves. */
  static List<String> withShortStepDefaults(List<String> options) {
    List<String> all = new ArrayList<>();
    boolean compilation = options.stream().anyMatch(o -> o.startsWith("-XX:TieredStopAtLevel")
        || o.matches("-XX:[+-]TieredCompilation") || o.equals("-Xint") || o.equals("-Xcomp"));
    boolean collector = options.stream().anyMatch(o -> o.matches("-XX:[+-]Use\\w*GC"));
    if (!compilation) {
      all.add(SHORT_STEP_OPTIONS.get(0));
    }
    if (!collector) {
      all.add(SHORT_STEP_OPTIONS.get(1));
    }
    all.addAll(options);
    return List.copyOf(all);
  }

  @Override
  public String mode() {
    return "subprocess";
  }
}
