package com.acme.containers;

import static dev.kfp4j.annotations.Artifact.Type.DATASET;
import static dev.kfp4j.annotations.Artifact.Type.MARKDOWN;
import static dev.kfp4j.annotations.Artifact.Type.MODEL;

import dev.kfp4j.annotations.Artifact;
import dev.kfp4j.annotations.Component;
import dev.kfp4j.annotations.ComponentFile;
import dev.kfp4j.annotations.ContainerStep;
import dev.kfp4j.annotations.Pipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Component files with artifacts between Java components: KFP's published trainer (v1 inputUri, outputUri,
 * outputPath) and a v2 IR component (artifact path, uri and metadata placeholders).
 */
public final class FileArtifacts {

  /** A Java component writing a data set. */
  @Component
  public static @Artifact(DATASET) Path prepare(int rows) throws IOException {
    return Files.writeString(Files.createTempFile("rows", ".csv"), "x\n".repeat(rows));
  }

  /** The trainer's outputs: its model artifact and its config text. */
  public record Trained(@Artifact(MODEL) Path model_output, String model_config) {}

  /** KFP's published trainer component: its GCSPath input is an artifact of any type. */
  @Component
  @ComponentFile("components/kfp/trainer_component.yaml")
  public static Trained train(@Artifact Path input_location, String train_optimizer, int num_epochs) {
    throw ContainerStep.Direct.notInJava();
  }

  /** The v2 component's outputs. */
  public record Summary(@Artifact(MARKDOWN) Path summary, int lines) {}

  /** A v2 IR component file with artifacts; its optional baseline is not bound. */
  @Component
  @ComponentFile("components/v2/summarize.yaml")
  public static Summary summarize(@Artifact(MODEL) Path model, String title) {
    throw ContainerStep.Direct.notInJava();
  }

  /** A Java component reading the file component's artifact. */
  @Component
  public static String report(@Artifact(MARKDOWN) Path summary, int lines, String config) throws IOException {
    return Files.readString(summary) + lines + " " + config;
  }

  @Pipeline(name = "file-artifacts", description = "Artifacts between Java components and component files")
  public static String run(int rows) throws IOException {
    Path data = prepare(rows);
    Trained trained = train(data, "adam", 3);
    Summary summary = summarize(trained.model_output(), "Model");
    return report(summary.summary(), summary.lines(), trained.model_config());
  }
}
