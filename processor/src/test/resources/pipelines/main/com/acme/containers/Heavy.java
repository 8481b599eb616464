package com.acme.containers;

import dev.kfp4j.annotations.Component;
import dev.kfp4j.annotations.ComponentFile;
import dev.kfp4j.annotations.ContainerStep;
import dev.kfp4j.annotations.Pipeline;
import java.util.List;

/** Container steps of every kind mixed with a lightweight component. */
public final class Heavy {

  /** The seed's heavyweight add: a program speaking the context protocol. */
  @Component(description = "Adds up a list of numbers, in Python")
  @ContainerStep(image = "python:3.12-slim", command = {"python3", "/app/avg_steps.py"}, args = {"add"},
      protocol = ContainerStep.Protocol.CONTEXT)
  public static int add(List<Integer> numbers) {
    throw ContainerStep.Direct.notInJava();
  }

  /** KFP's plain container protocol with placeholders, one of them inside a larger argument. */
  @Component
  @ContainerStep(image = "busybox:1.36", command = {"sh", "-c", "echo \"$0 items\" > \"$1\""},
      args = {"{{inputs.label}}", "{{outputs.Output}}"})
  public static String describe(String label) {
    return label + " items";
  }

  /** A published KFP component, bound by its file. */
  @Component
  @ComponentFile("components/kfp/add_component.yaml")
  public static int addTwo(int op_1, int op2) {
    return op_1 + op2;
  }

  /** Optional inputs and if/isPresent placeholders. */
  @Component
  @ComponentFile("components/kfp/if_placeholder_component.yaml")
  public static void optional(String required_input, String optional_input_1) {}

  /** A v2 IR component file, as kfp4j writes them under components/. */
  @Component
  @ComponentFile("components/v2/add-offset.yaml")
  public static int addAgain(int op_1, int op2) {
    return op_1 + op2;
  }

  /** A v2 IR component file with Concat, IfPresent, and an optional input with a default. */
  @Component
  @ComponentFile("components/v2/greet.yaml")
  public static String greet(String name) {
    return "Hello, " + name;
  }

  /** A lightweight component. */
  @Component
  public static double div(int sum, int count) {
    return (double) sum / count;
  }

  @Pipeline(name = "heavy-average", description = "Lightweight, context-protocol and component-file steps")
  public static double average(List<Integer> numbers, String label) {
    int sum = add(numbers);
    int total = addTwo(sum, 1);
    describe(label);
    optional(label, "x");
    addAgain(sum, 2);
    greet(label);
    return div(total, 3);
  }
}
