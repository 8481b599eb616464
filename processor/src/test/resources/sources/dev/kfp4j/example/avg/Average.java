// SOURCE: copy of example-avg/src/main/java/dev/kfp4j/example/avg/Average.java (keep in sync); the golden
// entrypoints under golden/entrypoints/ are what the processor generates from it.
package dev.kfp4j.example.avg;

import dev.kfp4j.annotations.Component;
import dev.kfp4j.annotations.Pipeline;
import java.util.List;

/** The average of a list of numbers as a two-step pipeline: {@code add}, then {@code div}. */
public final class Average {

  private Average() {}

  /** Adds up the numbers. */
  @Component(description = "Adds up a list of numbers")
  public static int add(List<Integer> numbers) {
    int sum = 0;
    for (int number : numbers) {
      sum += number;
    }
    return sum;
  }

  /** Divides the sum by how many numbers there are. */
  @Component(description = "Divides a sum by the count of numbers")
  public static double div(int sum, List<Integer> numbers) {
    if (numbers.isEmpty()) {
      throw new IllegalArgumentException("cannot average an empty list");
    }
    return (double) sum / numbers.size();
  }

  /** The average of {@code numbers}: {@code div} uses the result of {@code add}, so it runs after it. */
  @Pipeline(name = "calculate-average", description = "This pipeline calculates average")
  public static double average(List<Integer> numbers) {
    int sum = add(numbers);
    return div(sum, numbers);
  }
}
