package com.acme;

import dev.kfp4j.annotations.Component;
import dev.kfp4j.annotations.Pipeline;
import java.util.List;
import java.util.Map;

// The specs sample (nested pipelines, a record result, constants of several kinds, a string constant holding
// "{{", quotes and a newline, a description holding "{{"), as given to the lead's spec tests; here summarize
// computes the real mean and clip really filters, so the values that come out prove the data flowed.
// Expected for numbers=[1,2,3], factor=1.5: inner(numbers) = mean of [1,2,3] = 2.0, inner(clip(numbers, -3))
// = mean of [] = 0.0, outer = {"m": 3.0}.
public final class Stats {
  public record Summary(double mean, int count, List<Integer> values) {}
  public enum Mode { FAST, SLOW }
  public static final int LIMIT = 10;

  @Component(retries = 2)
  public static Summary summarize(List<Integer> xs, Mode mode) {
    double mean = xs.isEmpty() ? 0 : xs.stream().mapToInt(Integer::intValue).average().orElseThrow();
    return new Summary(mean, xs.size(), xs);
  }

  @Component(cache = false)
  public static void report(double mean, String label) { System.out.println(label + mean); }

  @Component
  public static List<Integer> clip(List<Integer> xs, int limit) {
    return xs.stream().filter(x -> x <= limit).toList();
  }

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
