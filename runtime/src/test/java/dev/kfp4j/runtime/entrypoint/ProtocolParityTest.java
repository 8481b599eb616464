package dev.kfp4j.runtime.entrypoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.runtime.context.RunContext;
import dev.kfp4j.runtime.entrypoint.ComponentMainTest.Run;
import dev.kfp4j.runtime.value.ValueType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same input gets the same verdict whichever protocol brings it: the context protocol (values by
 * address in storage) and KFP's executor protocol (values inline in the executor input).
 */
class ProtocolParityTest {

  @TempDir Path dir;
  private Path root;
  private String rootUri;

  record Point(int x, String label) {}

  static final ComponentDescriptor ECHO = new ComponentDescriptor("echo",
      "dev.kfp4j.runtime.entrypoint.ProtocolParityTest.echo", List.of("token"), List.of("Output"));
  static final ComponentBody ECHO_BODY = io -> io.output("Output", io.input("token", ValueType.of(String.class)),
      ValueType.of(String.class));

  static final ComponentDescriptor POINTS = new ComponentDescriptor("points",
      "dev.kfp4j.runtime.entrypoint.ProtocolParityTest.points", List.of("points"), List.of("Output"));
  static final ComponentBody POINTS_BODY = io -> {
    Map<String, Point> points = io.input("points", new ValueType<Map<String, Point>>() {});
    io.output("Output", points.size(), ValueType.of(int.class));
  };

  @BeforeEach
  void setUp() throws IOException {
    root = Files.createDirectories(dir.resolve("run"));
    rootUri = root.toUri().toString();
  }

  private Run viaContext(ComponentDescriptor component, ComponentBody body, String input, String json) throws IOException {
    Files.writeString(root.resolve(input + ".json"), json);
    String context = "{\"runId\":\"r1\",\"root\":\"" + rootUri + "\",\"values\":{\"" + input + "\":\"" + rootUri + input
        + ".json\"}}";
    return ComponentMainTest.run(component, body, Map.of(ComponentMain.ROOTS_ENV, rootUri), context);
  }

  private Run viaExecutorInput(ComponentDescriptor component, ComponentBody body, String input, String json) {
    String executorInput = "{\"inputs\":{\"parameterValues\":{\"" + input + "\":" + json + "}},\"outputs\":{\"parameters\":"
        + "{\"Output\":{\"outputFile\":\"" + dir.resolve("kfp/Output") + "\"}}}}";
    return ComponentMainTest.run(component, body, Map.of(), "--executor_input", executorInput);
  }

  private static void assertOneLine(Run run, int exit, String... fragments) {
    assertEquals(exit, run.exit(), run.err());
    assertEquals(1, run.errLines().size(), run.errLines().toString());
    for (String fragment : fragments) {
      assertTrue(run.err().contains(fragment), "missing '" + fragment + "' in: " + run.err());
    }
  }

  @Test
  void aValueNamedLikeACredentialIsRefusedByBothProtocols() throws Exception {
    Run context = viaContext(ECHO, ECHO_BODY, "token", "\"hunter2-secret\"");
    Run executor = viaExecutorInput(ECHO, ECHO_BODY, "token", "\"hunter2-secret\"");
    assertOneLine(context, ExitCode.BAD_CONTEXT, "'token' looks like a credential", RunContext.CREDENTIAL_RULE);
    assertOneLine(executor, ExitCode.BAD_CONTEXT, "'token' looks like a credential", RunContext.CREDENTIAL_RULE);
    assertFalse(context.err().contains("hunter2") || executor.err().contains("hunter2"));
    assertFalse(Files.exists(dir.resolve("kfp/Output")), "no output may be written");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[1,null]", "[null]"})
  void aNullListElementIsAnInputErrorWithItsPathInBothProtocols(String json) throws Exception {
    String path = json.equals("[null]") ? "$[0]" : "$[1]";
    Run context = viaContext(Average.ADD, Average.ADD_BODY, "numbers", json);
    Run executor = viaExecutorInput(Average.ADD, Average.ADD_BODY, "numbers", json);
    for (Run run : List.of(context, executor)) {
      assertOneLine(run, ExitCode.BAD_INPUT, "input 'numbers'", "expected List<Integer> at " + path,
          "cannot be null");
      assertFalse(run.err().contains("NullPointerException"), run.err());
    }
  }

  @Test
  void nullsInsideMapsAndRecordsAreInputErrorsToo() throws Exception {
    Map<String, String> cases = Map.of(
        "{\"a\":null}", "at $.a",
        "{\"a\":{\"x\":1,\"label\":null}}", "at $.a.label");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      Run context = viaContext(POINTS, POINTS_BODY, "points", c.getKey());
      Run executor = viaExecutorInput(POINTS, POINTS_BODY, "points", c.getKey());
      assertOneLine(context, ExitCode.BAD_INPUT, c.getValue(), "cannot be null");
      assertOneLine(executor, ExitCode.BAD_INPUT, c.getValue(), "cannot be null");
    }
  }

  @Test
  void anOutputFileThatIsASymbolicLinkIsRefusedLikeAnOutputContext() throws Exception {
    Path target = Files.writeString(dir.resolve("precious.txt"), "keep me");
    Files.createDirectories(dir.resolve("kfp"));
    Files.createSymbolicLink(dir.resolve("kfp/Output"), target);
    Run executor = viaExecutorInput(Average.ADD, Average.ADD_BODY, "numbers", "[1,2]");
    assertOneLine(executor, ExitCode.BAD_CONTEXT, "outputFile", "is a symbolic link");
    assertTrue(Files.isSymbolicLink(dir.resolve("kfp/Output")));
    assertEquals("keep me", Files.readString(target));

    Files.writeString(root.resolve("numbers.json"), "[1,2]");
    Run context = ComponentMainTest.run(Average.ADD, Average.ADD_BODY, Map.of(ComponentMain.ROOTS_ENV, rootUri),
        "{\"runId\":\"r1\",\"root\":\"" + rootUri + "\",\"values\":{\"numbers\":\"" + rootUri + "numbers.json\"}}",
        "--output-context", dir.resolve("kfp/Output").toString());
    assertOneLine(context, ExitCode.USAGE, "--output-context", "is a symbolic link");
    assertEquals("keep me", Files.readString(target));
  }
}
