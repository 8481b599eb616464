package dev.kfp4j.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The resource layout: the paths the processor writes, and the names read back from them. */
class ResourceLayoutTest {

  @Test
  void pipelineFiles() {
    assertEquals("META-INF/kfp4j/calculate-average/", ResourceLayout.pipelineFolder("calculate-average"));
    assertEquals("META-INF/kfp4j/calculate-average/pipeline.yaml", ResourceLayout.pipelineSpec("calculate-average"));
    assertEquals("META-INF/kfp4j/calculate-average/workflow.yaml", ResourceLayout.workflow("calculate-average"));
    assertEquals("META-INF/kfp4j/calculate-average/pipeline.mmd", ResourceLayout.diagram("calculate-average"));
    assertEquals("META-INF/kfp4j/calculate-average/pipeline.descriptor",
        ResourceLayout.pipelineDescriptor("calculate-average"));
    assertEquals("META-INF/kfp4j/calculate-average/components/add.yaml",
        ResourceLayout.componentSpec("calculate-average", "add"));
  }

  @Test
  void descriptors() {
    assertEquals("META-INF/kfp4j/components/dev.kfp4j.example.avg.Average.add.component",
        ResourceLayout.descriptor("dev.kfp4j.example.avg.Average", "add"));
  }

  @Test
  void namesReadBackFromPaths() {
    assertEquals(Optional.of("calculate-average"),
        ResourceLayout.pipelineOfSpec(ResourceLayout.pipelineSpec("calculate-average")));
    assertEquals(Optional.empty(), ResourceLayout.pipelineOfSpec(ResourceLayout.workflow("calculate-average")));
    assertEquals(Optional.empty(), ResourceLayout.pipelineOfSpec("META-INF/kfp4j/a/b/pipeline.yaml"));
    assertEquals(Optional.empty(), ResourceLayout.pipelineOfSpec("META-INF/other/a/pipeline.yaml"));
    assertEquals(Optional.of("com.acme.Steps.add"),
        ResourceLayout.componentOfDescriptor(ResourceLayout.descriptor("com.acme.Steps", "add")));
    assertEquals(Optional.empty(), ResourceLayout.componentOfDescriptor("META-INF/kfp4j/components/x.yaml"));
  }
}
