package com.acme.files;

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
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Artifacts between Java components and component files: a Java data set through a v1 component (inputPath, a
 * folder and a number at outputPath) and a v2 IR component (artifact path, uri, metadata) to a Java report. The
 * component-file methods' Java bodies do what their programs do, so a direct call gives the same report.
 */
public final class WordCounts {

  @Component
  public static @Artifact(DATASET) Path write(String sentence) throws IOException {
    return Files.writeString(Files.createTempFile("sentence", ".txt"), sentence);
  }

  public record Counted(@Artifact(MODEL) Path counts, int total) {}

  @Component
  @ComponentFile("components/files/count_words_component.yaml")
  public static Counted countWords(@Artifact(DATASET) Path text, int min_length) throws IOException {
    List<String> words = Arrays.stream(Files.readString(text).split("\\s+"))
        .filter(word -> !word.isEmpty() && word.length() >= min_length).toList();
    Path counts = Files.createTempDirectory("counts");
    for (String word : words.stream().distinct().toList()) {
      Files.writeString(counts.resolve(word + ".txt"), String.valueOf(words.stream().filter(word::equals).count()));
    }
    return new Counted(counts, words.size());
  }

  public record Summary(@Artifact(MARKDOWN) Path summary, int lines) {}

  @Component
  @ComponentFile("components/files/summarize.yaml")
  public static Summary summarize(@Artifact Path model, String title) throws IOException {
    List<String> names;
    try (Stream<Path> files = Files.list(model)) {
      names = files.map(file -> file.getFileName().toString()).sorted().toList();
    }
    String text = "# " + title + "\n" + names.stream().map(name -> "- " + name + "\n").collect(Collectors.joining());
    return new Summary(Files.writeString(Files.createTempFile("summary", ".md"), text), names.size());
  }

  @Component
  public static String report(@Artifact(MARKDOWN) Path summary, int lines, int total) throws IOException {
    return Files.readString(summary) + lines + " of " + total;
  }

  @Pipeline(name = "word-counts")
  public static String run(String sentence, int minLength) throws IOException {
    Path text = write(sentence);
    Counted counted = countWords(text, minLength);
    Summary summary = summarize(counted.counts(), "Words");
    return report(summary.summary(), summary.lines(), counted.total());
  }

  /** A v1 component whose program forgets to write its artifact: the step fails, naming the output. */
  @Component
  @ComponentFile("components/files/forget_component.yaml")
  public static @Artifact(MODEL) Path forget(@Artifact(DATASET) Path text) {
    throw ContainerStep.Direct.notInJava();
  }

  @Pipeline(name = "missing-artifact-step")
  public static String missing(String sentence) throws IOException {
    return report(forget(write(sentence)), 0, 0);
  }
}
