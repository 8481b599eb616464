package kfp4jbench;

import dev.kfp4j.annotations.Component;
import java.util.List;

/** The seed's add component, as a user writes it. */
public final class Average {

  private Average() {}

  /** Sums the numbers. */
  @Component
  public static int add(List<Integer> numbers) {
    int sum = 0;
    for (int number : numbers) {
      sum += number;
    }
    return sum;
  }
}
