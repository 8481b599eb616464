package dev.kfp4j.runtime.entrypoint;

import dev.kfp4j.runtime.value.ValueType;
import java.util.List;

/**
 * The seed's average components as plain Java, plus the entrypoint bodies written by hand the way
 * the annotation processor generates them (read each input by name, call the method, hand the
 * result back as {@code Output}).
 */
final class Average {

  static final ComponentDescriptor ADD = new ComponentDescriptor("add",
      "dev.kfp4j.runtime.entrypoint.Average.add", List.of("numbers"), List.of("Output"));

  static final ComponentDescriptor DIV = new ComponentDescriptor("div",
      "dev.kfp4j.runtime.entrypoint.Average.div", List.of("sum", "numbers"), List.of("Output"));

  static final ComponentBody ADD_BODY = io -> {
    List<Integer> numbers = io.input("numbers", new ValueType<List<Integer>>() {});
    int result = add(numbers);
    io.output("Output", result, ValueType.of(int.class));
  };

  static final ComponentBody DIV_BODY = io -> {
    int sum = io.input("sum", ValueType.of(int.class));
    List<Integer> numbers = io.input("numbers", new ValueType<List<Integer>>() {});
    double result = div(sum, numbers);
    io.output("Output", result, ValueType.of(double.class));
  };

  private Average() {}

  static int add(List<Integer> numbers) {
    int sum = 0;
    for (int number : numbers) {
      sum += number;
    }
    return sum;
  }

  static double div(int sum, List<Integer> numbers) {
    if (numbers.isEmpty()) {
      throw new IllegalArgumentException("cannot average no numbers");
    }
    return (double) sum / numbers.size();
  }
}
