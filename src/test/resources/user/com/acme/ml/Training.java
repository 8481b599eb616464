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
import java.util.List;

/** Files and directories between steps: generate data, train a model directory, evaluate it to metrics, report. */
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

  /** Fits y = a·x + b by least squares; the model is a directory with the weights and an empty notes folder. */
  @Component
  public static Trained train(@Artifact(DATASET) Path data, double rate) throws IOException {
    List<String> lines = Files.readAllLines(data);
    double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      double x = Double.parseDouble(cells[0]);
      double y = Double.parseDouble(cells[1]);
      n++;
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
    double a = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    double b = (sy - a * sx) / n;
    Path model = Files.createTempDirectory("model");
    Files.createDirectories(model.resolve("weights"));
    Files.writeString(model.resolve("weights/linear.txt"), a + " " + b);
    Files.createDirectories(model.resolve("notes"));
    Files.createFile(model.resolve("weights/EMPTY"));
    return new Trained(model, rate * 0);
  }

  @Component
  @Artifact(METRICS)
  public static Path evaluate(@Artifact(MODEL) Path model, @Artifact(DATASET) Path data) throws IOException {
    String[] weights = Files.readString(model.resolve("weights/linear.txt")).split(" ");
    if (!Files.isDirectory(model.resolve("notes")) || !Files.isRegularFile(model.resolve("weights/EMPTY"))) {
      throw new IllegalStateException("the model directory did not round-trip: " + model);
    }
    double a = Double.parseDouble(weights[0]);
    double b = Double.parseDouble(weights[1]);
    List<String> lines = Files.readAllLines(data);
    double error = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      error += Math.abs(a * Double.parseDouble(cells[0]) + b - Double.parseDouble(cells[1]));
    }
    return Files.writeString(Files.createTempDirectory("metrics").resolve("metrics.json"),
        "{\"slope\": " + a + ", \"error\": " + error + "}");
  }

  @Component
  @Artifact(MARKDOWN)
  public static Path report(@Artifact(METRICS) Path metrics, double loss) throws IOException {
    return Files.writeString(Files.createTempDirectory("report").resolve("report.md"),
        "# Training report\n\nmetrics: " + Files.readString(metrics) + "\nloss: " + loss + "\n");
  }

  /** A step that returns a path it never wrote. */
  @Component
  public static Path forgetful(int rows) {
    return Path.of("/nonexistent/kfp4j/output-" + rows + ".csv");
  }

  @Pipeline(name = "train-model", description = "Trains a model from generated data and reports on it")
  @Artifact(MARKDOWN)
  public static Path pipeline(int rows, double rate) throws IOException {
    Path data = generate(rows);
    Trained trained = train(data, rate);
    Path metrics = evaluate(trained.model(), data);
    return report(metrics, trained.loss());
  }

  @Pipeline(name = "forgets-its-file")
  public static double forgets(int rows) throws IOException {
    Path lost = forgetful(rows);
    Trained trained = train(lost, 0.5);
    return trained.loss();
  }

  /** Starts from a data set that already exists (KFP's importer): its address is the run's parameter. */
  @Pipeline(name = "train-on-data", description = "Trains a model on an existing data set and reports on it")
  @Artifact(MARKDOWN)
  public static Path trainOn(@Artifact(DATASET) Path data, double rate) throws IOException {
    Trained trained = train(data, rate);
    return report(evaluate(trained.model(), data), trained.loss());
  }
}
