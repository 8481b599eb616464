package dev.kfp4j.runtime.entrypoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.wire.ComponentAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared entrypoint runs a component from its descriptor (test resources, as the processor writes them) and
 * refuses a classpath that does not hold what was compiled. Its descriptor for {@code Average.div} is deliberately
 * stale (no {@code output} line, as an older processor wrote it).
 */
class SharedEntrypointTest {

  @TempDir Path dir;

  private static ComponentAddress address(String text) {
    return ComponentAddress.parse(text).orElseThrow();
  }

  private static SharedEntrypoint load(String address) {
    return SharedEntrypoint.load(SharedEntrypointTest.class.getClassLoader(), address(address));
  }

  @Test
  void runsAComponentLikeItsGeneratedEntrypoint() throws Exception {
    Path root = Files.createDirectories(dir.resolve("run"));
    Files.writeString(root.resolve("numbers.json"), "[1,2,3]");
    String rootUri = root.toUri().toString();
    SharedEntrypoint add = load("dev.kfp4j.runtime.entrypoint.Average#add");
    assertEquals(Average.ADD, add.descriptor());
    ComponentMainTest.Run run = ComponentMainTest.run(add.descriptor(), add, Map.of(ComponentMain.ROOTS_ENV, rootUri),
        "{\"runId\":\"r1\",\"root\":\"" + rootUri + "\",\"values\":{\"numbers\":\"" + rootUri + "numbers.json\"}}");
    assertEquals(0, run.exit(), run.err());
    assertEquals("6", Files.readString(root.resolve("add/Output.json")));
  }

  @Test
  void aMissingClassMethodOrDescriptorIsNamed() {
    assertMessage(load(() -> load("dev.kfp4j.runtime.entrypoint.Nowhere#add")),
        "component dev.kfp4j.runtime.entrypoint.Nowhere#add: class dev.kfp4j.runtime.entrypoint.Nowhere is not on the"
        + " classpath");
    assertMessage(load(() -> load("dev.kfp4j.runtime.entrypoint.Average#mean")),
        "component dev.kfp4j.runtime.entrypoint.Average#mean: dev.kfp4j.runtime.entrypoint.Average has no static"
        + " method mean");
    assertMessage(load(() -> load("dev.kfp4j.runtime.entrypoint.SharedEntrypointTest#address")),
        "no component descriptor META-INF/kfp4j/components/dev.kfp4j.runtime.entrypoint.SharedEntrypointTest.address"
        + ".component on the classpath");
    assertMessage(load(() -> load("dev.kfp4j.runtime.entrypoint.Average#div")),
        "its descriptor META-INF/kfp4j/components/dev.kfp4j.runtime.entrypoint.Average.div.component does not match"
        + " the method (it names no outputs, the method returns a value)");
  }

  private static IllegalArgumentException load(org.junit.jupiter.api.function.Executable call) {
    return assertThrows(IllegalArgumentException.class, call);
  }

  private static void assertMessage(IllegalArgumentException e, String fragment) {
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }

  @Test
  void theDescriptorNamesTheSameInputs() {
    assertEquals(List.of("numbers"), load("dev.kfp4j.runtime.entrypoint.Average#add").descriptor().inputs());
  }
}
