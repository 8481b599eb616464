package com.acme.lib;

import dev.kfp4j.annotations.Component;
import java.util.List;

/** A library compiled on its own (without -parameters) and used from a jar by consumer/. */
public final class MathLib {

  private MathLib() {}

  /** A record result from a library component. */
  public record Range(int min, int max) {}

  @Component(name = "scale-by")
  public static double scale(double value, double factor) {
    return value * factor;
  }

  @Component
  public static Range range(List<Integer> values) {
    return new Range(values.stream().mapToInt(Integer::intValue).min().orElse(0),
        values.stream().mapToInt(Integer::intValue).max().orElse(0));
  }
}
