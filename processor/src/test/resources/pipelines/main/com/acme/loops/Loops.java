package com.acme.loops;

import dev.kfp4j.annotations.Component;
import dev.kfp4j.annotations.Parallelism;
import dev.kfp4j.annotations.Pipeline;
import java.util.ArrayList;
import java.util.List;

/** For-each loops: over parameters, task outputs, constants, loop items; nested; collected into lists. */
public final class Loops {

  static final List<Integer> SIZES = List.of(1, 2, 3);

  /** A shard of work: a record item. */
  public record Shard(String name, int size) {}

  @Component
  public static String prepare(String dataset) {
    return dataset.toUpperCase();
  }

  @Component
  public static double trainAndScore(String data, double rate) {
    return data.length() * rate;
  }

  @Component
  public static double pickBest(List<Double> rates, List<Double> scores) {
    double best = rates.get(0);
    double top = scores.get(0);
    for (int i = 1; i < scores.size(); i++) {
      if (scores.get(i) > top) {
        top = scores.get(i);
        best = rates.get(i);
      }
    }
    return best;
  }

  @Component
  public static List<Integer> range(int n) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(i);
    }
    return out;
  }

  @Component
  public static int twice(int x) {
    return 2 * x;
  }

  @Component
  public static int sum(List<Integer> xs) {
    int total = 0;
    for (int x : xs) {
      total += x;
    }
    return total;
  }

  @Component
  public static List<List<Integer>> grid(int rows) {
    List<List<Integer>> grid = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      List<Integer> row = new ArrayList<>();
      for (int c = 0; c <= r; c++) {
        row.add(10 * r + c);
      }
      grid.add(row);
    }
    return grid;
  }

  @Component
  public static int sumAll(List<List<Integer>> xss) {
    int total = 0;
    for (List<Integer> xs : xss) {
      total += sum(xs);
    }
    return total;
  }

  @Component
  public static String describe(String name, int size, String data) {
    return name + ":" + size + ":" + data;
  }

  @Component
  public static void log(String line) {
    System.out.println(line);
  }

  @Pipeline(name = "tune")
  public static double tune(String dataset, List<Double> rates) {
    String data = prepare(dataset);
    List<Double> scores = new ArrayList<>();
    for (double rate : rates) {
      double score = trainAndScore(data, rate);
      scores.add(score);
    }
    return pickBest(rates, scores);
  }

  @Pipeline(name = "loop-over-output")
  public static int loopOverOutput(int n) {
    List<Integer> doubled = new ArrayList<>();
    for (@Parallelism(2) int x : range(n)) {
      doubled.add(twice(x));
    }
    return sum(doubled);
  }

  @Pipeline(name = "loop-over-constant")
  public static List<Integer> loopOverConstant() {
    List<Integer> doubled = new ArrayList<>();
    for (int x : List.of(1, 2, 3)) {
      doubled.add(twice(x));
    }
    for (int size : SIZES) {
      log("size");
    }
    return doubled;
  }

  @Pipeline(name = "nested-loops")
  public static int nestedLoops(int rows) {
    List<List<Integer>> outer = new ArrayList<>();
    for (List<Integer> row : grid(rows)) {
      List<Integer> inner = new ArrayList<>();
      for (int cell : row) {
        inner.add(twice(cell));
      }
      outer.add(inner);
    }
    return sumAll(outer);
  }

  @Component
  public static int plus(int a, int b) {
    return a + b;
  }

  @Pipeline(name = "sum-pipeline")
  public static int sumPipeline(List<Integer> xs) {
    return sum(xs);
  }

  @Pipeline(name = "plus-pipeline")
  public static int plusPipeline(int a, int b) {
    return plus(a, b);
  }

  @Pipeline(name = "collected-into-pipeline")
  public static int collectedIntoPipeline(List<Integer> xs) {
    List<Integer> sums = new ArrayList<>();
    for (int x : xs) {
      int doubled = twice(x);
      sums.add(plusPipeline(doubled, x));
    }
    return sumPipeline(sums);
  }

  @Pipeline(name = "record-items")
  public static void recordItems(List<Shard> shards, String dataset) {
    String data = prepare(dataset);
    for (Shard shard : shards) {
      log(describe(shard.name(), shard.size(), data));
    }
  }
}
