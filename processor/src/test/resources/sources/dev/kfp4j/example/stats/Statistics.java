// Test source: a component that returns a record, so each record component is its own output.
package dev.kfp4j.example.stats;

import dev.kfp4j.annotations.Component;
import java.util.ArrayList;
import java.util.List;

/** Summary statistics of a list of numbers, as one component with three outputs. */
public final class Statistics {

  private Statistics() {}

  /** The outputs of {@code summarize}: each record component is a named output (a KFP NamedTuple). */
  public record Summary(double mean, int count, List<Double> sorted) {}

  /** Mean, count and sorted copy of the values. */
  @Component(description = "Mean, count and sorted values of a list of numbers")
  public static Summary summarize(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    double sum = 0;
    for (double value : values) {
      sum += value;
    }
    return new Summary(values.isEmpty() ? 0 : sum / values.size(), values.size(), sorted);
  }
}
