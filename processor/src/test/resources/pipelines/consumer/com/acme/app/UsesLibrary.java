package com.acme.app;

import static com.acme.lib.MathLib.range;

import com.acme.lib.MathLib;
import com.acme.lib.MathLib.Range;
import dev.kfp4j.annotations.Pipeline;
import java.util.List;

/** Calls components that are only on the class path, in a jar compiled earlier. */
public final class UsesLibrary {

  private UsesLibrary() {}

  @Pipeline(name = "scaled-max")
  public static double scaledMax(List<Integer> numbers, double factor) {
    Range r = range(numbers);
    return MathLib.scale(r.max(), factor);
  }
}
