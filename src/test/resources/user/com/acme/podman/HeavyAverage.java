package com.acme.podman;

import dev.kfp4j.annotations.Pipeline;
import dev.kfp4j.example.avg.Average;
import dev.kfp4j.example.avg.MixedAverage;
import java.util.List;

/**
 * The seed's heavyweight pattern in real containers: the example's Python {@code add} (context protocol, its own
 * image) feeds the example's Java {@code div} (the Jib-built image). Used by PodmanImageTest.
 */
public final class HeavyAverage {

  private HeavyAverage() {}

  @Pipeline(name = "heavy-average", description = "The average from the Python add and the Java div")
  public static double heavyAverage(List<Integer> numbers) {
    int sum = MixedAverage.add(numbers);
    return Average.div(sum, numbers);
  }
}
