// The sample pipeline the lead checked by hand with the shared validators (nested pipelines, records, enums, constants with {{…}}).
package com.acme;

import dev.kfp4j.annotations.Component;
import dev.kfp4j.annotations.Pipeline;
import java.util.List;
import java.util.Map;

public final class Stats {
  public record Summary(double mean, int count, List<Integer> values) {}
  public enum Mode { FAST, SLOW }
  public static final int LIMIT = 10;

  @Component(retries = 2)
  public static Summary summarize(List<Integer> xs, Mode mode) { return new Summary(0, xs.size(), xs); }

  @Component(cache = false)
  public static void report(double mean, String label) { System.out.println(label + mean); }

  @Component
  public static List<Integer> clip(List<Integer> xs, int limit) { return xs; }

  @Component(name = "scale-up")
  public static Map<String, Double> scale(double mean, double factor) { return Map.of("m", mean * factor); }

  @Pipeline
  public static double inner(List<Integer> xs) {
    Summary s = summarize(clip(xs, LIMIT), Mode.FAST);
    report(s.mean(), "mean={{workflow.name}} \"quoted\"\n");
    return s.mean();
  }

  @Pipeline(name = "outer-pipeline", description = "nested: {{x}}")
  public static Map<String, Double> outer(List<Integer> numbers, double factor) {
    double m = inner(numbers);
    double m2 = inner(clip(numbers, -3));
    report(m2, "second");
    return scale(m, factor);
  }
}
