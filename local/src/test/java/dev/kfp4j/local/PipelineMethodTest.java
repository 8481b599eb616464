package dev.kfp4j.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A pipeline found by its method gets the default name the processor gave its specs. */
class PipelineMethodTest {

  @Test
  void defaultNamesFollowTheProcessorsRule() {
    assertEquals("average", PipelineMethod.kebab("average"));
    assertEquals("compute-http-stats", PipelineMethod.kebab("computeHTTPStats"));
    assertEquals("my-step", PipelineMethod.kebab("my_step"));
    assertEquals("train-v2", PipelineMethod.kebab("trainV2"));
  }
}
