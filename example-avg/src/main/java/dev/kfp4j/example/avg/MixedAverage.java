package dev.kfp4j.example.avg;

import dev.kfp4j.annotations.Component;
import dev.kfp4j.annotations.ComponentFile;
import dev.kfp4j.annotations.ContainerStep;
import dev.kfp4j.annotations.Pipeline;
import java.util.List;

/**
 * The seed article's second half: a heavyweight step in another language (its {@code add}, in Python,
 * speaking the context protocol), a published KFP component, and a lightweight {@code @Component},
 * mixed in one pipeline.
 */
public final class MixedAverage {

  private MixedAverage() {}

  /**
   * The seed's heavyweight {@code add}: {@code src/main/python/avg_steps.py} in an image of its own.
   * Called directly in Java, it runs its Java twin.
   */
  @Component(description = "Adds up a list of numbers: the seed's heavyweight add, in Python")
  @ContainerStep(image = "kfp4j-avg-steps:0.1.0", command = {"python3", "/app/avg_steps.py"}, args = "add",
      protocol = ContainerStep.Protocol.CONTEXT)
  public static int add(List<Integer> numbers) {
    return Average.add(numbers);
  }

  /** KFP's published {@code Add} component ({@code src/main/resources/components/add_component.yaml}). */
  @Component(description = "KFP's published Add component")
  @ComponentFile("components/add_component.yaml")
  public static int addOffset(int op_1, int op2) {
    return op_1 + op2;
  }

  @Pipeline(name = "mixed-average", description = "The average, from a Python step, a published component and a Java component")
  public static double mixedAverage(List<Integer> numbers, int offset) {
    int sum = add(numbers);
    int shifted = addOffset(sum, offset);
    return Average.div(shifted, numbers);
  }
}
