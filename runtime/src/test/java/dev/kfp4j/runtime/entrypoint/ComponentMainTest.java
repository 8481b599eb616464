package dev.kfp4j.runtime.entrypoint;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.runtime.storage.StorageSettings;
import dev.kfp4j.runtime.value.ValueType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The context protocol end to end on a temporary run directory, with hand-written "generated" bodies. */
class ComponentMainTest {

  @TempDir Path dir;
  private Path root;
  private String rootUri;

  /** One entrypoint execution: exit code, stdout and stderr lines. */
  record Run(int exit, String out, List<String> errLines) {
    String err() {
      return String.join("\n", errLines);
    }
  }

  @BeforeEach
  void setUp() throws IOException {
    root = Files.createDirectories(dir.resolve("run"));
    rootUri = root.toUri().toString();
    Files.writeString(root.resolve("numbers.json"), "[1,2,3]");
  }

  static Run run(ComponentDescriptor component, ComponentBody body, Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = ComponentMain.run(component, args, body, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), StorageSettings.of(Map.of(), env));
    String errText = err.toString(StandardCharsets.UTF_8);
    return new Run(exit, out.toString(StandardCharsets.UTF_8), errText.isEmpty() ? List.of() : errText.lines().toList());
  }

  /** With the run's folder as the configured root, as the local runner and the Argo Workflow configure it. */
  private Run run(ComponentDescriptor component, ComponentBody body, String... args) {
    return run(component, body, Map.of(ComponentMain.ROOTS_ENV, rootUri), args);
  }

  private String context(String values) {
    return "{\"runId\":\"r1\",\"root\":\"" + rootUri + "\",\"values\":{" + values + "}}";
  }

  private String numbers() {
    return "\"numbers\":\"" + rootUri + "numbers.json\"";
  }

  /** Exactly one stderr line, with the component prefix, containing every fragment; nothing left behind. */
  private void assertFailed(Run run, int exitCode, String component, String... fragments) throws IOException {
    assertAll(
        () -> assertEquals(exitCode, run.exit(), run.err()),
        () -> assertEquals(1, run.errLines().size(), "exactly one stderr line, got: " + run.errLines()),
        () -> assertTrue(run.err().startsWith("kfp4j: component '" + component + "': "), run.err()),
        () -> {
          for (String fragment : fragments) {
            assertTrue(run.err().contains(fragment), "missing '" + fragment + "' in: " + run.err());
          }
        },
        () -> assertEquals("", run.out()));
    assertNothingLeftBehind();
  }

  private void assertNothingLeftBehind() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> left = new ArrayList<>(files.filter(Files::isRegularFile)
          .filter(p -> !p.equals(root.resolve("numbers.json")) && !p.equals(root.resolve("sum.json"))
              && !p.startsWith(dir.resolve("fixed")))
          .toList());
      assertEquals(List.of(), left, "no output object, output context or temporary file may be left");
    }
  }

  @Test
  void addThenDivThroughTheOutputContextFile() throws Exception {
    Path addContext = dir.resolve("contexts/add.json");
    Run add = run(Average.ADD, Average.ADD_BODY, context(numbers()), "--output-context", addContext.toString());
    assertEquals(new Run(0, "", List.of()), add);
    assertEquals("6", Files.readString(root.resolve("add/Output.json")));
    String afterAdd = context("\"add.Output\":\"" + rootUri + "add/Output.json\"," + numbers());
    assertEquals(afterAdd + "\n", Files.readString(addContext));

    Path divContext = dir.resolve("contexts/div.json");
    Run div = run(Average.DIV, Average.DIV_BODY, "--context-file", addContext.toString(),
        "--input", "sum=add.Output", "--output-context", divContext.toString());
    assertEquals(new Run(0, "", List.of()), div);
    assertEquals("2.0", Files.readString(root.resolve("div/Output.json")));
    assertEquals(context("\"add.Output\":\"" + rootUri + "add/Output.json\",\"div.Output\":\"" + rootUri
        + "div/Output.json\"," + numbers()) + "\n", Files.readString(divContext));
  }

  @Test
  void withoutAnOutputFileTheContextGoesToStdout() throws Exception {
    Run add = run(Average.ADD, Average.ADD_BODY, context(numbers()));
    assertEquals(0, add.exit(), add.err());
    assertEquals(context("\"add.Output\":\"" + rootUri + "add/Output.json\"," + numbers()) + "\n", add.out());
  }

  @Test
  void taskNamesTheOutput() throws Exception {
    Run add = run(Average.ADD, Average.ADD_BODY, context(numbers()), "--task", "add-2");
    assertEquals(0, add.exit(), add.err());
    assertEquals("6", Files.readString(root.resolve("add-2/Output.json")));
    assertTrue(add.out().contains("\"add-2.Output\":\"" + rootUri + "add-2/Output.json\""), add.out());
  }

  @Test
  void inputBindingPicksAnotherValue() throws Exception {
    Files.writeString(root.resolve("other.json"), "[10,20]");
    Run add = run(Average.ADD, Average.ADD_BODY,
        context(numbers() + ",\"xs\":\"" + rootUri + "other.json\""), "--input", "numbers=xs");
    assertEquals(0, add.exit(), add.err());
    assertEquals("30", Files.readString(root.resolve("add/Output.json")));
  }

  @Test
  void aLoopItemBindingSelectsPartOfAValueAndErrorsNameItsPath() throws Exception {
    // sum.json: a file the other tests leave in place too.
    Files.writeString(root.resolve("sum.json"), "[{\"xs\":[1,2]},{\"xs\":[10,20]}]");
    String ctx = context(numbers() + ",\"rows\":\"" + rootUri + "sum.json\"");
    Run add = run(Average.ADD, Average.ADD_BODY, ctx,
        "--inputs", "{\"numbers\":{\"of\":{\"from\":\"rows\",\"path\":[1]},\"path\":[\"xs\"]}}");
    assertEquals(0, add.exit(), add.err());
    assertEquals("30", Files.readString(root.resolve("add/Output.json")));
    Files.delete(root.resolve("add/Output.json"));
    Files.delete(root.resolve("add"));

    assertFailed(run(Average.ADD, Average.ADD_BODY, ctx, "--inputs", "{\"numbers\":{\"from\":\"rows\",\"path\":[2,\"xs\"]}}"),
        ExitCode.BAD_INPUT, "add", "input 'numbers' (value 'rows') at " + rootUri + "sum.json: expected List<Integer> at $[2]"
            + " (line 1, column 29): no element 2: the list has 2 elements");
    assertFailed(run(Average.ADD, Average.ADD_BODY, ctx, "--inputs", "{\"numbers\":{\"value\":[[1],[2,\"x\"]],\"path\":[1]}}"),
        ExitCode.BAD_INPUT, "add", "expected List<Integer> at $[1][1] (line 1, column 9)");
    assertFailed(run(Average.ADD, Average.ADD_BODY, ctx, "--inputs", "{\"numbers\":{\"from\":\"rows\",\"path\":[-1]}}"),
        ExitCode.USAGE, "add", "--inputs: binding of 'numbers' must be", "\"path\":[INDEX or NAME");
  }

  @Test
  void inputsOutsideTheRootNeedRootsFromTheFlagOrTheEnvironment() throws Exception {
    Path fixed = Files.createDirectories(dir.resolve("fixed"));
    Files.writeString(fixed.resolve("numbers.json"), "[4,5]");
    String outside = context("\"numbers\":\"" + fixed.toUri() + "numbers.json\"");
    assertFailed(run(Average.ADD, Average.ADD_BODY, outside), ExitCode.BAD_INPUT, "add",
        "input 'numbers' at " + fixed.toUri() + "numbers.json: address refused: outside the configured storage roots");

    Run withFlag = run(Average.ADD, Average.ADD_BODY, outside, "--roots", rootUri + "," + fixed.toUri());
    assertEquals(0, withFlag.exit(), withFlag.err());
    assertEquals("9", Files.readString(root.resolve("add/Output.json")));

    Files.delete(root.resolve("add/Output.json"));
    Run withEnv = run(Average.ADD, Average.ADD_BODY, Map.of("KFP4J_STORAGE_ROOTS", rootUri + " , " + fixed.toUri()), outside);
    assertEquals(0, withEnv.exit(), withEnv.err());
    assertEquals("9", Files.readString(root.resolve("add/Output.json")));
  }

  @Test
  void aContextRootOutsideTheRootsFailsBeforeTheMethodRuns() throws Exception {
    Path fixed = Files.createDirectories(dir.resolve("fixed"));
    List<String> called = new ArrayList<>();
    ComponentBody body = io -> {
      called.add("called");
      Average.ADD_BODY.call(io);
    };
    assertFailed(run(Average.ADD, body, context(numbers()), "--roots", fixed.toUri().toString()), ExitCode.OUTPUT_FAILED,
        "add", "outputs cannot be stored under the context's root: " + rootUri + "add/Output.json: address refused: outside");
    assertEquals(List.of(), called);
  }

  @Test
  void missingValueInTheContext() throws Exception {
    assertFailed(run(Average.ADD, Average.ADD_BODY, context("")), ExitCode.BAD_INPUT, "add",
        "input 'numbers': the context has no value 'numbers' (it has: none); bind it with --input numbers=<value name>");
    assertFailed(run(Average.DIV, Average.DIV_BODY, context(numbers())), ExitCode.BAD_INPUT, "div",
        "input 'sum': the context has no value 'sum' (it has: numbers)");
  }

  @Test
  void missingObject() throws Exception {
    String address = rootUri + "nothing.json";
    assertFailed(run(Average.ADD, Average.ADD_BODY, context("\"numbers\":\"" + address + "\"")), ExitCode.BAD_INPUT,
        "add", "input 'numbers' at " + address + ": no such object");
  }

  @Test
  void malformedObject() throws Exception {
    Files.writeString(root.resolve("numbers.json"), "[1,2");
    assertFailed(run(Average.ADD, Average.ADD_BODY, context(numbers())), ExitCode.BAD_INPUT, "add",
        "input 'numbers' at " + rootUri + "numbers.json: expected List<Integer> at $", "malformed JSON");
  }

  @Test
  void wrongType() throws Exception {
    Files.writeString(root.resolve("numbers.json"), "[1,\"2\",3]");
    assertFailed(run(Average.ADD, Average.ADD_BODY, context(numbers())), ExitCode.BAD_INPUT, "add",
        "input 'numbers' at " + rootUri + "numbers.json: expected List<Integer> at $[1] (line 1, column 4)");
  }

  @Test
  void exceptionFromUserCodeNamesItsMessageAndFrame() throws Exception {
    Files.writeString(root.resolve("numbers.json"), "[]");
    Files.writeString(root.resolve("sum.json"), "0");
    Run div = run(Average.DIV, Average.DIV_BODY, context(numbers() + ",\"sum\":\"" + rootUri + "sum.json\""));
    assertFailed(div, ExitCode.COMPONENT_FAILED, "div",
        "failed in dev.kfp4j.runtime.entrypoint.Average.div: java.lang.IllegalArgumentException: cannot average no numbers",
        "(at dev.kfp4j.runtime.entrypoint.Average.div(Average.java:");
  }

  @Test
  void errorsFromUserCodeAreTheComponentsToo() throws Exception {
    ComponentBody overflowing = io -> {
      throw new StackOverflowError();
    };
    assertFailed(run(Average.ADD, overflowing, context(numbers())), ExitCode.COMPONENT_FAILED, "add",
        "failed in dev.kfp4j.runtime.entrypoint.Average.add: java.lang.StackOverflowError");
  }

  @Test
  void multiLineMessagesStayOnOneLine() throws Exception {
    ComponentBody chatty = io -> {
      throw new IllegalStateException("first line\nsecond line");
    };
    assertFailed(run(Average.ADD, chatty, context(numbers())), ExitCode.COMPONENT_FAILED, "add", "first line");
  }

  @Test
  void badContexts() throws Exception {
    assertFailed(run(Average.ADD, Average.ADD_BODY, "{\"runId\":"), ExitCode.BAD_CONTEXT, "add",
        "context is not valid JSON (line 1, column 10)");
    assertFailed(run(Average.ADD, Average.ADD_BODY, "[]"), ExitCode.BAD_CONTEXT, "add", "context must be a JSON object");
    assertFailed(run(Average.ADD, Average.ADD_BODY, context(numbers() + ",\"token\":\"" + rootUri + "t\"")),
        ExitCode.BAD_CONTEXT, "add", "context value 'token' looks like a credential");
    assertFailed(run(Average.ADD, Average.ADD_BODY, "--context-file", dir.resolve("none.json").toString()),
        ExitCode.BAD_CONTEXT, "add", "context file " + dir.resolve("none.json") + " does not exist");
  }

  @Test
  void usageErrors() throws Exception {
    String[][] cases = {
        {},
        {"--bogus"},
        {context(numbers()), context(numbers())},
        {context(numbers()), "--input", "numbers"},
        {context(numbers()), "--input", "nums=numbers"},
        {context(numbers()), "--task", "../up"},
        {context(numbers()), "--task"},
        {"--executor_input", "{}", "--task", "t"},
        {context(numbers()), "--context-file", "x.json"},
        {context(numbers()), "--roots", "s3://bucket/a b"},
    };
    String[] expected = {
        "no context given", "unknown option '--bogus'", "more than one context argument",
        "--input expects PARAM=VALUE_NAME, got 'numbers'", "the component has no input 'nums' (inputs: numbers)",
        "--task '../up' is not a valid name", "--task needs a value",
        "--task belongs to the context protocol and cannot be used with --executor_input",
        "give only one of CONTEXT_JSON, --context-file, --contexts, --executor_input", "--roots: an entry is not a URI",
    };
    for (int i = 0; i < cases.length; i++) {
      assertFailed(run(Average.ADD, Average.ADD_BODY, cases[i]), ExitCode.USAGE, "add", expected[i], "; usage: ");
    }
  }

  @Test
  void aRootWithCredentialsIsAUsageErrorThatDoesNotEchoThem() throws Exception {
    Run run = run(Average.ADD, Average.ADD_BODY, context(numbers()), "--roots", "s3://AKIA:hunter2@bucket/");
    assertFailed(run, ExitCode.USAGE, "add", "--roots: s3://<redacted>@bucket/: address refused: user info");
    assertFalse(run.err().contains("hunter2"), run.err());
  }

  @Test
  void helpGoesToStdout() {
    Run help = run(Average.ADD, Average.ADD_BODY, "--help");
    assertEquals(0, help.exit());
    assertTrue(help.out().startsWith("usage: "), help.out());
    assertEquals(List.of(), help.errLines());
  }

  @Test
  void aNullResultIsRefusedAndNothingIsStored() throws Exception {
    ComponentDescriptor greet = new ComponentDescriptor("greet", "com.example.Greeter.greet", List.of(), List.of("Output"));
    ComponentBody nullResult = io -> io.output("Output", null, ValueType.of(String.class));
    assertFailed(run(greet, nullResult, context(""), "--output-context", dir.resolve("ctx.json").toString()),
        ExitCode.OUTPUT_FAILED, "greet", "com.example.Greeter.greet returned null for output 'Output'");
  }

  @Test
  void aBodyThatRecordsNoOutputFails() throws Exception {
    assertFailed(run(Average.ADD, io -> { }, context(numbers())), ExitCode.OUTPUT_FAILED, "add",
        "the component produced no value for output 'Output'");
  }

  @Test
  void aVoidComponentAddsNothingToTheContext() throws Exception {
    ComponentDescriptor print = new ComponentDescriptor("print", "com.example.P.print", List.of("numbers"), List.of());
    List<Object> printed = new ArrayList<>();
    Run run = run(print, io -> printed.add(io.input("numbers", new ValueType<List<Integer>>() {})), context(numbers()));
    assertEquals(0, run.exit(), run.err());
    assertEquals(List.of(List.of(1, 2, 3)), printed);
    assertEquals(context(numbers()) + "\n", run.out());
  }

  /** A list with a null element: a list element needs a value, so encoding it fails. */
  static List<Integer> unencodable() {
    return java.util.Arrays.asList(1, null);
  }

  @Test
  void whenTheSecondOutputCannotBeEncodedTheFirstIsRemoved() throws Exception {
    ComponentDescriptor two = new ComponentDescriptor("two", "com.example.Two.two", List.of(), List.of("a", "b"));
    ComponentBody body = io -> {
      io.output("a", 1, ValueType.of(int.class));
      io.output("b", unencodable(), new ValueType<List<Integer>>() {});
    };
    assertFailed(run(two, body, context(""), "--output-context", dir.resolve("ctx.json").toString()),
        ExitCode.OUTPUT_FAILED, "two", "could not store outputs: ", "could not write List<Integer>: element [1] of the list is null");
  }

  @Test
  void anOutputThatCannotBeStoredLeavesNothing() throws Exception {
    Files.writeString(root.resolve("add"), "a file where the task directory should be");
    Run run = run(Average.ADD, Average.ADD_BODY, context(numbers()), "--output-context", dir.resolve("ctx.json").toString());
    Files.delete(root.resolve("add"));
    assertFailed(run, ExitCode.OUTPUT_FAILED, "add", "could not store outputs: " + rootUri + "add/Output.json: ",
        "a parent of this address is a file");
  }

  @Test
  void anOutputContextThatCannotBeWrittenRemovesTheStoredOutput() throws Exception {
    Files.writeString(dir.resolve("blocker"), "x");
    Run run = run(Average.ADD, Average.ADD_BODY, context(numbers()), "--output-context",
        dir.resolve("blocker/ctx.json").toString());
    Files.delete(dir.resolve("blocker"));
    // Refused before the method runs, so there is no stored output to remove.
    assertFailed(run, ExitCode.USAGE, "add", "--output-context: " + dir.resolve("blocker") + " is not a directory");
  }

  @Test
  void aClosedStdoutIsAFailureNotASilentSuccess() throws Exception {
    OutputStream broken = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("broken pipe");
      }
    };
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = ComponentMain.run(Average.ADD, new String[] {context(numbers())}, Average.ADD_BODY,
        new PrintStream(broken, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        StorageSettings.of(Map.of(), Map.of(ComponentMain.ROOTS_ENV, rootUri)));
    assertEquals(ExitCode.OUTPUT_FAILED, exit);
    assertEquals(1, err.toString(StandardCharsets.UTF_8).lines().count());
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("could not write the output context to standard output"));
    assertNothingLeftBehind();
  }
}
