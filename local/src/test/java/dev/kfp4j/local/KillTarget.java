package dev.kfp4j.local;

import java.nio.file.Path;
import java.util.Map;

/** A runner process for {@link KillTest}: runs the "sleepy" pipeline in subprocess mode until it is killed. */
public final class KillTarget {

  private KillTarget() {}

  public static void main(String[] args) {
    LocalRunner.builder().workDirectory(Path.of(args[0])).parallelism(2).build()
        .run("sleepy", Map.of("millis", 120_000));
  }
}
