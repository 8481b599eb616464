package dev.kfp4j.processor.spec;

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
 */
public record SpecSettings(String image, String classpath, String javaCommand, String storageRoot,
    String storageSecret, String s3Endpoint) {

  /** The image for a pipeline's components when neither they nor the pipeline name one. */
  public String defaultImage(String pipelineName) {
    return image.isEmpty() ? "kfp4j-" + pipelineName + ":latest" : image;
  }

  /** The container command that runs {@code mainClass}. */
  public List<String> command(String mainClass) {
    return List.of(javaCommand, "-cp", classpath, mainClass);
  }
}
