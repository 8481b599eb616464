package dev.kfp4j.runtime.entrypoint.shared;

import java.util.List;

/** A component with nothing else in its class (no lambda in a static field): what a step's JVM loads is the runtime's. */
public final class Adder {

  private Adder() {}

  public static int add(List<Integer> numbers) {
    int sum = 0;
    for (int number : numbers) {
      sum += number;
    }
    return sum;
  }
}
