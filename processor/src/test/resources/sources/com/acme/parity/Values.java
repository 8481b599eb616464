package com.acme.parity;

import static dev.kfp4j.annotations.Artifact.Type.DATASET;
import static dev.kfp4j.annotations.Artifact.Type.METRICS;
import static dev.kfp4j.annotations.Artifact.Type.MODEL;

import dev.kfp4j.annotations.Artifact;
import dev.kfp4j.annotations.Component;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Components of every value kind, artifacts, record outputs and failures: SharedEntrypointParityTest runs each
 * through its generated entrypoint and through the shared entrypoint and compares what they do.
 */
public final class Values {

  private Values() {}

  public enum Color { RED, GREEN }

  public record Point(int x, double y, String label, List<Integer> tags, Map<String, Boolean> flags, Color color) {}

  public record Stats(double mean, int count, List<String> sorted) {}

  public record Trained(@Artifact(MODEL) Path model, double accuracy, Point best) {}

  @Component
  public static String scalars(int i, long l, double d, float f, boolean b, Integer bi, Long bl, Double bd, Float bf,
      Boolean bb, String s) {
    return i + " " + l + " " + d + " " + f + " " + b + " " + bi + " " + bl + " " + bd + " " + bf + " " + bb + " " + s;
  }

  @Component
  public static long primitive(long value) {
    return value * 2;
  }

  @Component
  public static Map<String, List<Point>> nested(List<Map<String, List<Integer>>> lists, Point point, Color color) {
    Map<String, List<Point>> byKey = new TreeMap<>();
    for (Map<String, List<Integer>> map : lists) {
      for (Map.Entry<String, List<Integer>> entry : map.entrySet()) {
        byKey.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(new Point(entry.getValue().size(),
            point.y(), point.label(), entry.getValue(), point.flags(), color));
      }
    }
    return byKey;
  }

  @Component
  public static Color pick(Color color, boolean flip) {
    return flip ? Color.values()[1 - color.ordinal()] : color;
  }

  @Component
  public static Stats stats(List<String> words) {
    List<String> sorted = new ArrayList<>(words);
    sorted.sort(null);
    double mean = 0;
    for (String word : words) {
      mean += word.length();
    }
    return new Stats(words.isEmpty() ? 0 : mean / words.size(), words.size(), sorted);
  }

  @Component
  public static Stats nothing(String why) {
    return null;
  }

  @Component
  public static String nullString(String why) {
    return null;
  }

  @Component
  public static void sink(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("empty text");
    }
  }

  @Component
  public static int fail(String kind) throws IOException {
    switch (kind) {
      case "state" -> throw new IllegalStateException("broken state\nsecond line");
      case "io" -> throw new IOException("disk gone");
      case "assert" -> throw new AssertionError("assertion");
      case "stack" -> {
        return fail(kind) + 1;
      }
      default -> {
        return kind.length();
      }
    }
  }

  @Component
  @Artifact(DATASET)
  public static Path write(String text) throws IOException {
    return Files.writeString(Files.createTempDirectory("parity").resolve("data.txt"), text);
  }

  @Component
  public static long read(@Artifact(DATASET) Path data) throws IOException {
    return Files.size(data);
  }

  @Component
  public static Trained train(@Artifact(DATASET) Path data, double rate) throws IOException {
    Path model = Files.createDirectories(Files.createTempDirectory("parity").resolve("model"));
    Files.createDirectories(model.resolve("weights"));
    Files.writeString(model.resolve("weights/w.txt"), Files.readString(data) + rate);
    return new Trained(model, rate / 2, new Point(1, rate, "best", List.of(1), Map.of("ok", true), Color.GREEN));
  }

  @Component
  @Artifact(METRICS)
  public static Path evaluate(@Artifact(MODEL) Path model) throws IOException {
    return Files.writeString(Files.createTempDirectory("parity-metrics").resolve("metrics.json"),
        "{\"files\": " + Files.list(model).count() + "}");
  }

  /** A plain static overload next to a component: the shared entrypoint must pick the component. */
  public static int overloaded(String text) {
    throw new AssertionError("not the component");
  }

  @Component
  public static int overloaded(int number) {
    return number + 1;
  }

  public static int overloaded(int number, int other) {
    throw new AssertionError("not the component");
  }

  /** A component whose class cannot be initialized. */
  public static final class Broken {
    private static final int LIMIT = limit();

    private Broken() {}

    private static int limit() {
      throw new IllegalStateException("no limit configured");
    }

    @Component
    public static int capped(int number) {
      return Math.min(number, LIMIT);
    }
  }

  /** A component in a nested class: its address is com.acme.parity.Values$Inner#twice. */
  public static final class Inner {
    private Inner() {}

    @Component(name = "inner-twice")
    public static int twice(int number) {
      return 2 * number;
    }
  }
}
