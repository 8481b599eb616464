package com.example.pipelines;

import dev.kfp4j.annotations.Component;
import dev.kfp4j.annotations.Pipeline;
import java.util.List;

/** The README's example, in a project built from the README's pom.xml. */
public final class Average {

  @Component(description = "Adds up a list of numbers")
  public static int add(List<Integer> numbers) {
    int sum = 0;
    for (int number : numbers) {
      sum += number;
    }
    return sum;
  }

  @Component(description = "Divides a sum by the count of numbers")
  public static double div(int sum, List<Integer> numbers) {
    return (double) sum / numbers.size();
  }

  @Pipeline(name = "calculate-average", description = "This pipeline calculates average")
  public static double average(List<Integer> numbers) {
    int sum = add(numbers);
    return div(sum, numbers);
  }
}
