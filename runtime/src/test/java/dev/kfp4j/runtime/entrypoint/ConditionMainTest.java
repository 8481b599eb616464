package dev.kfp4j.runtime.entrypoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.runtime.context.RunContext;
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
 * The steps around a condition chain on Argo: the operands step writes each value as a literal of Argo's
 * {@code when} language that no value can break out of; the select step names the value of the branch that ran.
 */
class ConditionMainTest {

  @TempDir Path dir;
  private String start;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void setUp() throws IOException {
    Path root = Files.createDirectories(dir.resolve("runs/wf-1"));
    Files.createDirectories(root.resolve("flip"));
    Files.writeString(root.resolve("flip/Output.json"), "\"it's \\\"odd\\\" {{x}} \\\\\"");
    Files.createDirectories(root.resolve("roll"));
    Files.writeString(root.resolve("roll/Output.json"), "12");
    Files.createDirectories(root.resolve("condition-branches-1/condition-3/say-2"));
    Files.writeString(root.resolve("condition-branches-1/condition-3/say-2/Output.json"), "\"tails\"");
    start = "{\"runId\":\"wf-1\",\"root\":\"" + root.toUri() + "\",\"values\":{\"flip.Output\":\""
        + root.resolve("flip/Output.json").toUri() + "\",\"roll.Output\":\"" + root.resolve("roll/Output.json").toUri()
        + "\"}}";
  }

  private int run(String... args) {
    return ConditionMain.run(args, new PrintStream(err, true, StandardCharsets.UTF_8),
        StorageSettings.of(Map.of(), Map.of("KFP4J_STORAGE_ROOTS", dir.resolve("runs").toUri().toString())));
  }

  @Test
  void operandsAreWhenLiteralsThatKeepQuotesBackslashesAndBraces() throws Exception {
    Path out = dir.resolve("operands");
    assertEquals(0, run("operands", "--contexts", "[" + start + "]", "--inputs",
        "{\"operand-0\":{\"from\":\"flip.Output\"},\"operand-1\":{\"from\":\"roll.Output\"},\"operand-2\":{\"value\":true}}",
        "--operand-0", out.resolve("operand-0").toString(), "--operand-1", out.resolve("operand-1").toString(),
        "--operand-2", out.resolve("operand-2").toString()), err.toString(StandardCharsets.UTF_8));
    assertEquals("\"it\\'s \\\"odd\\\" \\{\\{x\\}\\} \\\\\"", Files.readString(out.resolve("operand-0")));
    assertEquals("12", Files.readString(out.resolve("operand-1")));
    assertEquals("true", Files.readString(out.resolve("operand-2")));
  }

  @Test
  void anOperandThatIsNotAScalarIsABadInput() {
    assertEquals(ExitCode.BAD_INPUT, run("operands", "--contexts", "[" + start + "]", "--inputs",
        "{\"operand-0\":{\"value\":[1]}}", "--operand-0", dir.resolve("o").toString()));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("operand-0"), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void selectNamesTheValueOfTheBranchThatRan() throws Exception {
    Path context = dir.resolve("context.json");
    assertEquals(0, run("select", "--contexts", "[" + start + "]", "--task", "condition-branches-1", "--select",
        "{\"pipelinechannel--condition-branches-1-oneof-1\":[\"condition-branches-1/condition-2/say.Output\","
            + "\"condition-branches-1/condition-3/say-2.Output\"]}", "--output-context", context.toString()),
        err.toString(StandardCharsets.UTF_8));
    RunContext selected = RunContext.parse(Files.readString(context));
    Path stored = dir.resolve("runs/wf-1/condition-branches-1/pipelinechannel--condition-branches-1-oneof-1.json");
    assertEquals(stored.toUri(),
        selected.address("condition-branches-1.pipelinechannel--condition-branches-1-oneof-1").orElseThrow());
    assertEquals("\"tails\"", Files.readString(stored));
  }

  @Test
  void selectWithoutAnyBranchValueFails() {
    assertEquals(ExitCode.BAD_INPUT, run("select", "--contexts", "[" + start + "]", "--task", "c", "--select",
        "{\"o\":[\"c/condition-2/x.Output\"]}", "--output-context", dir.resolve("c.json").toString()));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("no branch of 'c'"), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aMalformedSelectIsAUsageErrorSayingWhere() {
    assertEquals(ExitCode.USAGE, run("select", "--contexts", "[" + start + "]", "--task", "c", "--select",
        "{\"o\":[\"c/condition-2/x.Output\",]}", "--output-context", dir.resolve("c.json").toString()));
    assertEquals("kfp4j: condition: --select is not valid JSON (line 1, column 32): Unexpected character (']' (code 93)):"
        + " expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n", err.toString(StandardCharsets.UTF_8));
    err.reset();
    assertEquals(ExitCode.USAGE, run("select", "--contexts", "[" + start + "]", "--task", "c", "--select",
        "{\"o\":\"c/condition-2/x.Output\"}", "--output-context", dir.resolve("c.json").toString()));
    assertEquals("kfp4j: condition: --select: the candidates of 'o' must be a non-empty array of value names"
        + " (\"TASK.OUTPUT\"), got \"c/condition-2/x.Output\"\n", err.toString(StandardCharsets.UTF_8));
    err.reset();
    assertEquals(ExitCode.USAGE, run("select", "--contexts", "[" + start + "]", "--task", "c", "--select",
        "[\"c/condition-2/x.Output\"]", "--output-context", dir.resolve("c.json").toString()));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--select must be a JSON object of OUTPUT → [\"TASK.OUTPUT\""
        + ", …], got ARRAY"), err.toString(StandardCharsets.UTF_8));
    assertTrue(Files.notExists(dir.resolve("c.json")));
  }
}
