package dev.kfp4j.runtime.entrypoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.runtime.entrypoint.ComponentMainTest.Run;
import dev.kfp4j.runtime.value.ValueType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KFP's executor protocol, fed with ExecutorInput documents shaped like KFP's own (see resources/executor-input/SOURCE.md). */
class ExecutorInputProtocolTest {

  @TempDir Path out;

  enum Coin { HEADS, TAILS }

  record Config(String label, int scale, List<String> tags) {}

  static final ComponentDescriptor DESCRIBE = new ComponentDescriptor("describe",
      "dev.kfp4j.runtime.entrypoint.ExecutorInputProtocolTest.describe", List.of("config", "title"),
      List.of("summary", "scaled", "config", "big", "coin", "ok"));

  static final ComponentBody DESCRIBE_BODY = io -> {
    Config config = io.input("config", ValueType.of(Config.class));
    String title = io.input("title", ValueType.of(String.class));
    io.output("summary", title + ": " + config.label(), ValueType.of(String.class));
    io.output("scaled", List.of(1.0 * config.scale(), 2.0 * config.scale()), new ValueType<List<Double>>() {});
    io.output("config", config, ValueType.of(Config.class));
    io.output("big", 9_007_199_254_740_993L, ValueType.of(long.class));
    io.output("coin", Coin.HEADS, ValueType.of(Coin.class));
    io.output("ok", true, ValueType.of(boolean.class));
  };

  private String sample(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/executor-input/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${OUT}", out.toString());
    }
  }

  private String output(String name) throws IOException {
    return Files.readString(out.resolve("tmp/kfp/outputs/" + name));
  }

  private static Run run(ComponentDescriptor component, ComponentBody body, String executorInput) {
    return ComponentMainTest.run(component, body, Map.of(), "--executor_input", executorInput,
        "--function_to_execute", component.name());
  }

  private void assertFailed(Run run, int exitCode, String component, String fragment) throws IOException {
    assertEquals(exitCode, run.exit(), run.err());
    assertEquals(1, run.errLines().size(), "exactly one stderr line: " + run.errLines());
    assertTrue(run.err().startsWith("kfp4j: component '" + component + "': "), run.err());
    assertTrue(run.err().contains(fragment), "missing '" + fragment + "' in: " + run.err());
    try (Stream<Path> files = Files.walk(out)) {
      assertEquals(List.of(), files.filter(Files::isRegularFile).toList(), "no output file may be left");
    }
  }

  @Test
  void addWithNumbersAsProtojsonWritesThem() throws Exception {
    Run add = run(Average.ADD, Average.ADD_BODY, sample("add-protojson.json"));
    assertEquals(new Run(0, "", List.of()), add);
    assertEquals("6", output("Output"));
  }

  @Test
  void divWithAnIntArrivingAsSixPointZero() throws Exception {
    Run div = run(Average.DIV, Average.DIV_BODY, sample("div-python.json"));
    assertEquals(new Run(0, "", List.of()), div);
    assertEquals("2.0", output("Output"));
  }

  @Test
  void structInputAndOutputsOfEveryKind() throws Exception {
    Run run = run(DESCRIBE, DESCRIBE_BODY, sample("describe-struct.json"));
    assertEquals(new Run(0, "", List.of()), run);
    // STRING parameters are read verbatim by the launcher: raw text, no JSON quotes. Enums are strings too.
    assertEquals("Averages: run 7", output("summary"));
    assertEquals("HEADS", output("coin"));
    assertEquals("[2.0,4.0]", output("scaled"));
    assertEquals("{\"label\":\"run 7\",\"scale\":2,\"tags\":[\"a\",\"b\"]}", output("config"));
    assertEquals("9007199254740993", output("big"));
    assertEquals("true", output("ok"));
  }

  @Test
  void missingParameterValue() throws Exception {
    String input = sample("div-python.json").replace("\"sum\": 6.0", "\"other\": 6.0");
    assertFailed(run(Average.DIV, Average.DIV_BODY, input), ExitCode.BAD_INPUT, "div",
        "input 'sum': executor input has no inputs.parameterValues['sum']");
  }

  @Test
  void aFractionForAnInt() throws Exception {
    String input = sample("div-python.json").replace("\"sum\": 6.0", "\"sum\": 6.5");
    assertFailed(run(Average.DIV, Average.DIV_BODY, input), ExitCode.BAD_INPUT, "div",
        "input 'sum' (executor input): expected int at $");
  }

  @Test
  void aStringForAnInt() throws Exception {
    String input = sample("div-python.json").replace("\"sum\": 6.0", "\"sum\": \"6\"");
    assertFailed(run(Average.DIV, Average.DIV_BODY, input), ExitCode.BAD_INPUT, "div",
        "input 'sum' (executor input): expected int at $");
  }

  @Test
  void aWrongElementNamesItsPath() throws Exception {
    String input = sample("div-python.json").replace("[1.0, 2.0, 3.0]", "[1.0, true, 3.0]");
    assertFailed(run(Average.DIV, Average.DIV_BODY, input), ExitCode.BAD_INPUT, "div",
        "input 'numbers' (executor input): expected List<Integer> at $[1]");
  }

  @Test
  void noOutputFile() throws Exception {
    String input = sample("div-python.json").replace("\"Output\"", "\"Other\"");
    assertFailed(run(Average.DIV, Average.DIV_BODY, input), ExitCode.BAD_CONTEXT, "div",
        "executor input has no outputs.parameters['Output'].outputFile");
  }

  @Test
  void malformedExecutorInput() throws Exception {
    assertFailed(run(Average.DIV, Average.DIV_BODY, "{\"inputs\": "), ExitCode.BAD_CONTEXT, "div",
        "executor input is not valid JSON (line 1, column 12)");
    assertFailed(run(Average.DIV, Average.DIV_BODY, "[]"), ExitCode.BAD_CONTEXT, "div", "executor input must be a JSON object");
  }

  @Test
  void anExceptionFromUserCodeWritesNoOutput() throws Exception {
    String input = sample("div-python.json").replace("[1.0, 2.0, 3.0]", "[]");
    assertFailed(run(Average.DIV, Average.DIV_BODY, input), ExitCode.COMPONENT_FAILED, "div",
        "failed in dev.kfp4j.runtime.entrypoint.Average.div: java.lang.IllegalArgumentException: cannot average no numbers"
            + " (at dev.kfp4j.runtime.entrypoint.Average.div(Average.java:");
  }

  @Test
  void anOutputThatCannotBeEncodedWritesNoOutputAtAll() throws Exception {
    ComponentBody lastFails = io -> {
      DESCRIBE_BODY.call(io);
      io.output("ok", ComponentMainTest.unencodable(), new ValueType<List<Integer>>() {});
    };
    assertFailed(run(DESCRIBE, lastFails, sample("describe-struct.json")), ExitCode.OUTPUT_FAILED, "describe",
        "could not write outputs: could not write List<Integer>: element [1] of the list is null");
  }

  @Test
  void aNullOutputWritesNoOutput() throws Exception {
    ComponentBody nullSummary = io -> {
      DESCRIBE_BODY.call(io);
      io.output("summary", null, ValueType.of(String.class));
    };
    assertFailed(run(DESCRIBE, nullSummary, sample("describe-struct.json")), ExitCode.OUTPUT_FAILED, "describe",
        "returned null for output 'summary'");
  }
}
