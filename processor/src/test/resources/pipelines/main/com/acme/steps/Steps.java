package com.acme.steps;

import dev.kfp4j.annotations.Component;
import java.util.List;

/** Components shared by the test pipelines in another compilation unit. */
public final class Steps {

  private Steps() {}

  /** Two named outputs. */
  public record Stats(double mean, int count) {}

  /** An enum passed as a constant. */
  public enum Mode { FAST, SLOW }

  /** A constant with Argo's tag syntax in it, which must reach the component unchanged. */
  public static final String GREETING = "hello {{workflow.name}}";

  /** A constant of a type the reader evaluates through javac's constant folding. */
  public static final int LIMIT = 40 + 2;

  @Component
  public static int sum(List<Integer> xs) {
    return xs.stream().mapToInt(Integer::intValue).sum();
  }

  @Component
  public static int count(List<Integer> xs) {
    return xs.size();
  }

  @Component
  public static List<Integer> clip(List<Integer> xs, int limit) {
    return xs.stream().map(x -> Math.min(x, limit)).toList();
  }

  @Component
  public static int add(int a, int b) {
    return a + b;
  }

  @Component
  public static double div(int sum, int count) {
    return (double) sum / count;
  }

  @Component(retries = 2)
  public static Stats stats(List<Integer> xs) {
    return new Stats(xs.stream().mapToInt(Integer::intValue).average().orElse(0), xs.size());
  }

  @Component(cache = false)
  public static void log(String message) {
    System.out.println(message);
  }

  @Component
  public static String echo(String text) {
    return text;
  }

  @Component(name = "describe-all")
  public static String describe(int i, long l, double d, double big, boolean b, String s, String t, Mode m) {
    return i + " " + l + " " + d + " " + big + " " + b + " " + s + " " + t + " " + m;
  }
}
