package com.acme.nested;

import static dev.kfp4j.annotations.Artifact.Type.DATASET;
import static dev.kfp4j.annotations.Artifact.Type.MODEL;

import dev.kfp4j.annotations.Artifact;
import dev.kfp4j.annotations.Component;
import dev.kfp4j.annotations.Pipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Components declared in nested classes (their addresses use the binary name, {@code Scoring$Models$Linear#fit}),
 * with a record result holding artifacts, artifact inputs and a void component.
 */
public final class Scoring {

  private Scoring() {}

  /** The first stage. */
  public static final class Prepare {

    private Prepare() {}

    /** Two data sets and how many rows were split. */
    public record Split(@Artifact(DATASET) Path train, @Artifact(DATASET) Path test, int rows) {}

    @Component
    public static Split split(int rows) throws IOException {
      Path folder = Files.createTempDirectory("split");
      return new Split(Files.writeString(folder.resolve("train.csv"), "x\n1\n"),
          Files.writeString(folder.resolve("test.csv"), "x\n2\n"), rows);
    }
  }

  /** The models, one class each. */
  public static final class Models {

    private Models() {}

    /** A linear model. */
    public static final class Linear {

      private Linear() {}

      @Component(name = "fit-linear")
      @Artifact(MODEL)
      public static Path fit(@Artifact(DATASET) Path train, double rate) throws IOException {
        return Files.writeString(Files.createTempFile("model", ".txt"), Files.readString(train) + rate);
      }
    }
  }

  @Component
  public static double score(@Artifact(MODEL) Path model, @Artifact(DATASET) Path test) throws IOException {
    return Files.size(model) + Files.size(test);
  }

  @Component
  public static void publish(double score, int rows) {
    System.out.println(score + " over " + rows + " rows");
  }

  @Pipeline(name = "nested-scoring")
  public static double pipeline(int rows, double rate) throws IOException {
    Prepare.Split split = Prepare.split(rows);
    Path model = Models.Linear.fit(split.train(), rate);
    double score = score(model, split.test());
    publish(score, split.rows());
    return score;
  }
}
