package dev.kfp4j.runtime.entrypoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.runtime.storage.StorageSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protocol a DAG step uses (the Argo Workflow and the local runner): {@link InitMain} stores the
 * parameters, a step gets the merged contexts of the tasks it depends on ({@code --contexts}) and
 * JSON input bindings ({@code --inputs}), nested tasks are named with '/'.
 */
class DagProtocolTest {

  @TempDir Path dir;
  private String rootUri;

  @BeforeEach
  void setUp() throws IOException {
    rootUri = Files.createDirectories(dir.resolve("runs/wf-1")).toUri().toString();
  }

  private ComponentMainTest.Run step(ComponentDescriptor component, ComponentBody body, String... args) {
    return ComponentMainTest.run(component, body, Map.of("KFP4J_STORAGE_ROOTS", dir.resolve("runs").toUri().toString()), args);
  }

  private String init(String... params) throws IOException {
    String[] args = new String[6 + params.length];
    args[0] = "--run-id";
    args[1] = "wf-1";
    args[2] = "--root";
    args[3] = rootUri;
    args[4] = "--output-context";
    args[5] = dir.resolve("init.json").toString();
    System.arraycopy(params, 0, args, 6, params.length);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = InitMain.run(args, new PrintStream(err, true, StandardCharsets.UTF_8), StorageSettings.of(Map.of(), Map.of()));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    return Files.readString(dir.resolve("init.json")).trim();
  }

  @Test
  void initStoresParametersAndStepsMergeContexts() throws Exception {
    String start = init("--param", "numbers", "LIST", "[1,2,3,4]");
    assertEquals("[1,2,3,4]", Files.readString(dir.resolve("runs/wf-1/inputs/numbers.json")));

    Path addContext = dir.resolve("add.json");
    assertEquals(0, step(Average.ADD, Average.ADD_BODY, "--contexts", "[" + start + "]", "--task", "add",
        "--inputs", "{\"numbers\":{\"from\":\"numbers\"}}", "--output-context", addContext.toString()).exit());

    // Nested arrays flatten, as a nested pipeline passes on the array it received.
    Path divContext = dir.resolve("div.json");
    ComponentMainTest.Run div = step(Average.DIV, Average.DIV_BODY,
        "--contexts", "[[" + start + "]," + Files.readString(addContext).trim() + "]", "--task", "inner/div",
        "--inputs", "{\"sum\":{\"from\":\"add.Output\"},\"numbers\":{\"from\":\"numbers\"}}",
        "--output-context", divContext.toString());
    assertEquals(0, div.exit(), div.err());
    assertEquals("2.5", Files.readString(dir.resolve("runs/wf-1/inner/div/Output.json")));
    assertTrue(Files.readString(divContext).contains("\"inner/div.Output\":\"" + rootUri + "inner/div/Output.json\""));
  }

  @Test
  void constantsArePassedInline() throws Exception {
    String start = init();
    ComponentMainTest.Run div = step(Average.DIV, Average.DIV_BODY, "--contexts", "[" + start + "]",
        "--inputs", "{\"sum\":{\"value\":9},\"numbers\":{\"value\":[1,2,3]}}",
        "--output-context", dir.resolve("div.json").toString());
    assertEquals(0, div.exit(), div.err());
    assertEquals("3.0", Files.readString(dir.resolve("runs/wf-1/div/Output.json")));
  }

  @Test
  void aWronglyTypedConstantIsABadInput() throws Exception {
    String start = init();
    ComponentMainTest.Run div = step(Average.DIV, Average.DIV_BODY, "--contexts", "[" + start + "]",
        "--inputs", "{\"sum\":{\"value\":\"nine\"},\"numbers\":{\"value\":[1]}}",
        "--output-context", dir.resolve("div.json").toString());
    assertEquals(ExitCode.BAD_INPUT, div.exit());
    assertTrue(div.err().contains("input 'sum' (constant \"nine\")"), div.err());
    assertFalse(Files.exists(dir.resolve("div.json")));
  }

  @Test
  void contextsOfDifferentRunsAreRefused() throws Exception {
    String start = init();
    String other = start.replace("wf-1\",", "wf-2\",");
    ComponentMainTest.Run add = step(Average.ADD, Average.ADD_BODY, "--contexts", "[" + start + "," + other + "]");
    assertEquals(ExitCode.BAD_CONTEXT, add.exit());
    assertTrue(add.err().contains("contexts of different runs cannot be merged"), add.err());
  }

  @Test
  void badInputsBindingIsAUsageError() throws Exception {
    String start = init();
    ComponentMainTest.Run add = step(Average.ADD, Average.ADD_BODY, "--contexts", "[" + start + "]",
        "--inputs", "{\"numbers\":{\"form\":\"numbers\"}}");
    assertEquals(ExitCode.USAGE, add.exit());
    assertTrue(add.err().contains("must be {\"from\":\"VALUE_NAME\"} or {\"value\":JSON}"), add.err());
  }

  @Test
  void initRefusesAMissingOrMistypedParameter() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = InitMain.run(new String[] {"--run-id", "wf-1", "--root", rootUri, "--output-context",
        dir.resolve("init.json").toString(), "--param", "numbers", "LIST", InitMain.REQUIRED},
        new PrintStream(err, true, StandardCharsets.UTF_8), StorageSettings.of(Map.of(), Map.of()));
    assertEquals(ExitCode.BAD_INPUT, code);
    assertEquals("kfp4j: init: pipeline parameter 'numbers' was not given; submit with -p numbers=<value>\n",
        err.toString(StandardCharsets.UTF_8));
    err.reset();
    code = InitMain.run(new String[] {"--run-id", "wf-1", "--root", rootUri, "--output-context",
        dir.resolve("init.json").toString(), "--param", "n", "NUMBER_INTEGER", "2.5"},
        new PrintStream(err, true, StandardCharsets.UTF_8), StorageSettings.of(Map.of(), Map.of()));
    assertEquals(ExitCode.BAD_INPUT, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("must be NUMBER_INTEGER, got 2.5"));
    assertFalse(Files.exists(dir.resolve("init.json")));
  }

  @Test
  void initNamesWhereAParameterIsNotJson() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = InitMain.run(new String[] {"--run-id", "wf-1", "--root", rootUri, "--output-context",
        dir.resolve("init.json").toString(), "--param", "numbers", "LIST", "[1,\n2"},
        new PrintStream(err, true, StandardCharsets.UTF_8), StorageSettings.of(Map.of(), Map.of()));
    assertEquals(ExitCode.BAD_INPUT, code);
    assertEquals("kfp4j: init: pipeline parameter 'numbers' (LIST) is not valid JSON (line 2, column 2): Unexpected"
        + " end-of-input: expected close marker for Array (start marker at line 1, column 1)\n",
        err.toString(StandardCharsets.UTF_8));
    err.reset();
    code = InitMain.run(new String[] {"--run-id", "wf-1", "--root", rootUri, "--output-context",
        dir.resolve("init.json").toString(), "--param", "n", "NUMBER_INTEGER", "1 2"},
        new PrintStream(err, true, StandardCharsets.UTF_8), StorageSettings.of(Map.of(), Map.of()));
    assertEquals(ExitCode.BAD_INPUT, code);
    assertEquals("kfp4j: init: pipeline parameter 'n' (NUMBER_INTEGER) is not valid JSON (line 1, column 3): Trailing"
        + " token (of type VALUE_NUMBER_INT) found after value\n", err.toString(StandardCharsets.UTF_8));
    err.reset();
    code = InitMain.run(new String[] {"--run-id", "wf-1", "--root", rootUri, "--output-context",
        dir.resolve("init.json").toString(), "--param", "xs", "LIST", "[1, 2e400]"},
        new PrintStream(err, true, StandardCharsets.UTF_8), StorageSettings.of(Map.of(), Map.of()));
    assertEquals(ExitCode.BAD_INPUT, code);
    assertEquals("kfp4j: init: pipeline parameter 'xs' (LIST) has a number beyond the range of a double at $[1]; give a"
        + " smaller one\n", err.toString(StandardCharsets.UTF_8));
    assertFalse(Files.exists(dir.resolve("init.json")));
  }

  @Test
  void initStoresValuesAsTheLocalRunnerDoes() throws Exception {
    init("--param", "x", "NUMBER_DOUBLE", "2.50", "--param", "s", "STRUCT", "{\"b\": 1e3, \"a\": [-0]}");
    Path other = Files.createDirectories(dir.resolve("runs/wf-2"));
    InitStep.init("wf-2", other.toUri(), Map.of("x", InitStep.parse("x", "NUMBER_DOUBLE", "2.50"),
        "s", InitStep.parse("s", "STRUCT", "{\"b\": 1e3, \"a\": [-0]}")), java.util.Set.of(), java.util.List.of(),
        StorageSettings.of(Map.of(), Map.of()), dir.resolve("init-2.json"));
    for (String name : java.util.List.of("x", "s")) {
      assertEquals(Files.readString(dir.resolve("runs/wf-1/inputs/" + name + ".json")),
          Files.readString(other.resolve("inputs/" + name + ".json")), name);
    }
    assertEquals("{\"b\":1000.0,\"a\":[0]}", Files.readString(other.resolve("inputs/s.json")));
  }
}
