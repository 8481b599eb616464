package com.example.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kfp4j.local.LocalRunner;
import dev.kfp4j.local.RunResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's JUnit example: the compiled pipeline through the local runner. */
class AverageTest {

  @Test
  void averageOfThree(@TempDir Path work) {
    RunResult result = LocalRunner.builder().workDirectory(work).build().run(Average.class, "average", List.of(1, 2, 3));
    assertEquals(2.0, result.output("Output", Double.class));
  }
}
