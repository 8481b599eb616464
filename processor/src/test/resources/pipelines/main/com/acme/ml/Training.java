package com.acme.ml;

import static dev.kfp4j.annotations.Artifact.Type.DATASET;
import static dev.kfp4j.annotations.Artifact.Type.MARKDOWN;
import static dev.kfp4j.annotations.Artifact.Type.METRICS;
import static dev.kfp4j.annotations.Artifact.Type.MODEL;

import dev.kfp4j.annotations.Artifact;
import dev.kfp4j.annotations.Component;
import dev.kfp4j.annotations.Pipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files and directories between steps: a data set, a model directory, metrics and a report. */
public final class Training {

  private Training() {}

  /** A model directory and the loss it reached. */
  public record Trained(@Artifact(MODEL) Path model, double loss) {}

  @Component
  @Artifact(DATASET)
  public static Path generate(int rows) throws IOException {
    StringBuilder csv = new StringBuilder("x,y\n");
    for (int i = 0; i < rows; i++) {
      csv.append(i).append(',').append(2 * i + 1).append('\n');
    }
    return Files.writeString(Files.createTempDirectory("data").resolve("train.csv"), csv);
  }

  @Component
  public static Trained train(@Artifact(DATASET) Path data, double rate) throws IOException {
    Path model = Files.createTempDirectory("model");
    Files.writeString(model.resolve("weights.txt"), "2.0 1.0 " + rate);
    return new Trained(model, 0.01);
  }

  @Component
  @Artifact(METRICS)
  public static Path evaluate(@Artifact(MODEL) Path model, @Artifact(DATASET) Path data) throws IOException {
    return Files.writeString(Files.createTempFile("metrics", ".json"), "{\"accuracy\": 0.98}");
  }

  @Component
  @Artifact(MARKDOWN)
  public static Path report(@Artifact(METRICS) Path metrics, double loss) throws IOException {
    return Files.writeString(Files.createTempFile("report", ".md"), "# Report\n" + Files.readString(metrics) + loss);
  }

  @Pipeline(name = "train-model", description = "Trains a model from generated data and reports on it")
  @Artifact(MARKDOWN)
  public static Path pipeline(int rows, double rate) throws IOException {
    Path data = generate(rows);
    Trained trained = train(data, rate);
    Path metrics = evaluate(trained.model(), data);
    return report(metrics, trained.loss());
  }
}
