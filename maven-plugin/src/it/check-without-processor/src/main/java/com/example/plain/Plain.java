package com.example.plain;

import dev.kfp4j.annotations.Component;
import dev.kfp4j.annotations.Pipeline;

public final class Plain {

  @Component
  public static int twice(int x) {
    return 2 * x;
  }

  @Pipeline(name = "plain")
  public static int plain(int x) {
    return twice(x);
  }
}
