package com.acme.options;

import static dev.kfp4j.annotations.Artifact.Type.DATASET;

import dev.kfp4j.annotations.Artifact;
import dev.kfp4j.annotations.Cache;
import dev.kfp4j.annotations.Component;
import dev.kfp4j.annotations.ComponentFile;
import dev.kfp4j.annotations.ContainerStep;
import dev.kfp4j.annotations.DisplayName;
import dev.kfp4j.annotations.Env;
import dev.kfp4j.annotations.Image;
import dev.kfp4j.annotations.NodeSelector;
import dev.kfp4j.annotations.Pipeline;
import dev.kfp4j.annotations.Resources;
import dev.kfp4j.annotations.Retry;
import dev.kfp4j.annotations.SecretEnv;
import dev.kfp4j.annotations.Timeout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Options on every kind of step: container steps of both protocols, a component file, an artifact, a loop body (with
 * options of its own on the loop variable).
 */
public final class Steps {

  private Steps() {}

  /** A context-protocol container step with options of its own. */
  @Component
  @ContainerStep(image = "python:3.12-slim", command = {"python3", "/app/avg_steps.py"}, args = {"add"},
      protocol = ContainerStep.Protocol.CONTEXT)
  @Resources(cpuLimit = "2", memoryLimit = "1Gi")
  public static int add(List<Integer> numbers) {
    throw ContainerStep.Direct.notInJava();
  }

  /** A plain (KFP-protocol) container step. */
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

  @Component
  @Artifact(DATASET)
  public static Path generate(int rows) throws IOException {
    return Files.writeString(Files.createTempFile("rows", ".csv"), "x\n".repeat(rows));
  }

  @Component
  @Env(name = "SET_BY", value = "component")
  public static double score(int x) {
    return x / 2.0;
  }

  @Component
  public static double best(List<Double> scores) {
    return scores.stream().mapToDouble(Double::doubleValue).max().orElse(0);
  }

  @Pipeline(name = "options-steps")
  @Env(name = "LOG_LEVEL", value = "info")
  public static double pipeline(List<Integer> numbers, String label) throws IOException {
    @Retry(2)
    @Timeout("10m")
    @SecretEnv(secret = "db", key = "password", env = "DB_PASSWORD")
    int sum = add(numbers);
    @Resources(memoryLimit = "64Mi")
    @Env(name = "MODE", value = "plain")
    @DisplayName("Describe the label")
    @Timeout("5m")
    String text = describe(label);
    @Retry(value = 3, backoff = "5s")
    @NodeSelector(key = "pool", value = "cpu")
    @Image("registry.example.com/add:2")
    int total = addTwo(sum, 1);
    @Resources(memoryRequest = "1Gi", memoryLimit = "2Gi")
    @Timeout("20m")
    @Cache(false)
    Path data = generate(total);
    List<Double> scores = new ArrayList<>();
    for (@Retry(1) @Timeout("2m") @Env(name = "LOG_LEVEL", value = "debug") @Env(name = "SET_BY", value = "loop")
        int n : numbers) {
      @Timeout("30s")
      @Env(name = "ITEM_MODE", value = "loop")
      @DisplayName("Score one")
      double one = score(n);
      scores.add(one);
      String again = describe(label);
    }
    return best(scores);
  }
}
