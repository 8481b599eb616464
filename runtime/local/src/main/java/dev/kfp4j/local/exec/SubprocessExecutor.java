package dev.kfp4j.local.exec;

import dev.kfp4j.local.Classpath;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs each task attempt as its own JVM, like each step on its own pod. */
public final class SubprocessExecutor implements TaskExecutor {

  private final String java;
  private final List<String> jvmOptions;
  private final Classpath classpath;
  private final RunControl control;
  private final Path workingDirectory;

  /**
   * @param jvmOptions extra options for every task JVM ({@code -Xmx1g}, …)
   * @param workingDirectory where task JVMs start
   */
  public SubprocessExecutor(List<String> jvmOptions, Classpath classpath, RunControl control, Path workingDirectory) {
    this.java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    this.jvmOptions = List.copyOf(jvmOptions);
    this.classpath = classpath;
    this.control = control;
    this.workingDirectory = workingDirectory;
  }

  @Override
  public int execute(Entrypoints.Entrypoint entrypoint, List<String> args, Path log) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classpath.asArgument());
    command.add(entrypoint.className());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workingDirectory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Process process = builder.start();
    control.started(process);
    process.getOutputStream().close(); // a task reading stdin sees its end, as in a container
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      RunControl.destroyTree(process);
      throw e;
    } finally {
      control.ended(process);
    }
  }

  @Override
  public String mode() {
    return "subprocess";
  }
}
