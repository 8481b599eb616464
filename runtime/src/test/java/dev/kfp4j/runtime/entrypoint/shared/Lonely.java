package dev.kfp4j.runtime.entrypoint.shared;

/** A component class whose other method names a class that SharedEntrypointTest leaves off the classpath. */
public final class Lonely {

  private Lonely() {}

  public static int one(int number) {
    return number;
  }

  public static int other(Adder adder) {
    return 0;
  }
}
