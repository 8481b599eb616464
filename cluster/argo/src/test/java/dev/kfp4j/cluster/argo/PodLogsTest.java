package dev.kfp4j.cluster.argo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Finding a step's pod by the name Argo gives it. */
class PodLogsTest {

  @Test
  void fnvMatchesGosHashFnvNew32a() {
    // Test vectors from Argo's UI tests of the same function (ui/src/shared/pod-name.test.ts).
    assertEquals(1335831723L, PodLogs.fnv32a("hello"));
    assertEquals(933488787L, PodLogs.fnv32a("world"));
    assertEquals(827171719L, PodLogs.fnv32a("You cannot alter your fate. However, you can rise to meet it."));
  }

  @Test
  void podNamesFollowArgosV2Format() {
    assertEquals("wf-echo-" + PodLogs.fnv32a("wf.A"), PodLogs.argoPodName("wf", node("wf-123", "wf.A", "echo")));
    assertEquals("wf", PodLogs.argoPodName("wf", node("wf", "wf", "diamond")));
    assertEquals("wf-123", PodLogs.argoPodName("wf", node("wf-123", "wf.A", "")));
    String longName = "w".repeat(300);
    String name = PodLogs.argoPodName(longName, node("x", longName + ".A", "echo"));
    assertEquals(253, name.length());
  }

  private static NodeRun node(String id, String name, String template) {
    return new NodeRun(id, name, "A", "Pod", template, "Failed", "", Optional.empty(), Optional.empty(), Map.of());
  }
}
