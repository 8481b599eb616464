package dev.kfp4j.cli;

import dev.kfp4j.local.exec.Classpath;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every local command shares: where runs live and where pipelines are found. */
public final class CommonOptions {

  @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = ".kfp4j",
      description = "Folder of runs/ and cache/ (default: ${DEFAULT-VALUE}).")
  Path workDirectory;

  @Option(names = {"--classpath", "--cp"}, paramLabel = "PATH",
      description = "Where to find compiled pipelines and their entrypoints, and the classpath of task JVMs "
          + "(default: this command's own classpath).")
  String classpath;

  /** The classpath to use. */
  public Classpath classpath() {
    return classpath == null ? Classpath.current() : Classpath.of(classpath);
  }

  /** The folder of runs and cache. */
  public Path workDirectory() {
    return workDirectory.toAbsolutePath();
  }

  /** The folder of the run folders ({@code <work>/runs}). */
  public Path runsDirectory() {
    return workDirectory().resolve("runs");
  }
}
