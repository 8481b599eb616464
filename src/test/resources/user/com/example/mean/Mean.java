// Test source for CompileFromSourceTest: the average example's shape in a user's own package, compiled by
// the test with javac + the kfp4j processor (it is a resource here, not a source of this module).
package com.example.mean;

import dev.kfp4j.annotations.Component;
import dev.kfp4j.annotations.Pipeline;
import java.util.List;

/** The mean of a list of numbers as two components and a pipeline. */
public final class Mean {

  private Mean() {}

  /** Adds up the numbers. */
  @Component(description = "Adds up a list of numbers")
  public static int add(List<Integer> numbers) {
    return numbers.stream().mapToInt(Integer::intValue).sum();
  }

  /** Divides the sum by the count. */
  @Component(description = "Divides a sum by the count of numbers")
  public static double div(int sum, List<Integer> numbers) {
    if (numbers.isEmpty()) {
      throw new IllegalArgumentException("no numbers");
    }
    return (double) sum / numbers.size();
  }

  /** The mean of {@code numbers}. */
  @Pipeline(name = "mean", description = "Computes the mean of a list of numbers")
  public static double mean(List<Integer> numbers) {
    int sum = add(numbers);
    return div(sum, numbers);
  }
}
