package dev.kfp4j.processor.spec;

import dev.kfp4j.processor.model.Launch;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings the spec writers share, from processor options.
 *
 * @param image the default image; empty means {@code kfp4j-<pipeline>:latest}
 * @param classpath the classpath inside the image
 * @param javaCommand the java launcher inside the image
 * @param storageRoot where cluster runs store values (no trailing '/')
 * @param storageSecret the Kubernetes Secret with storage credentials
 * @param s3Endpoint an S3 endpoint override, may be empty
 * @param jvmOptions options of every component JVM, before the classpath
 * @param cdsArchive an AppCDS archive in the image, may be empty
 * @param aotCache a JDK 25 AOT cache in the image, may be empty
 */
public record SpecSettings(String image, String classpath, String javaCommand, String storageRoot,
    String storageSecret, String s3Endpoint, List<String> jvmOptions, String cdsArchive, String aotCache) {

  /** The image for a pipeline's components when neither they nor the pipeline name one. */
  public String defaultImage(String pipelineName) {
    return image.isEmpty() ? "kfp4j-" + pipelineName + ":latest" : image;
  }

  /**
   * The container command that runs {@code mainClass}: the JVM options, then the start-up archive if
   * the image has one. With an archive, the JVM's own messages go to stderr only: a JVM that cannot
   * map it (another JDK, another classpath) warns and starts without it, and a warning on stdout would
   * corrupt an output context printed there.
   */
  public List<String> command(String mainClass) {
    List<String> command = new ArrayList<>();
    command.add(javaCommand);
    command.addAll(jvmOptions);
    if (!cdsArchive.isEmpty()) {
      command.add("-XX:SharedArchiveFile=" + cdsArchive);
    }
    if (!aotCache.isEmpty()) {
      command.add("-XX:AOTCache=" + aotCache);
    }
    if (!cdsArchive.isEmpty() || !aotCache.isEmpty()) {
      command.addAll(List.of("-Xshare:auto", "-Xlog:disable", "-Xlog:all=warning:stderr"));
    }
    command.addAll(List.of("-cp", classpath, mainClass));
    return List.copyOf(command);
  }

  /** The container command that starts a Java component: {@link #command(String)} of its main class, then its arguments. */
  public List<String> command(Launch launch) {
    List<String> command = new ArrayList<>(command(launch.mainClass()));
    command.addAll(launch.arguments());
    return List.copyOf(command);
  }
}
