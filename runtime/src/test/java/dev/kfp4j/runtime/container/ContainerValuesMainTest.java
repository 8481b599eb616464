package dev.kfp4j.runtime.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.runtime.context.RunContext;
import dev.kfp4j.runtime.storage.StorageSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fetch and store halves around a plain container step, against file storage in a temporary folder. */
class ContainerValuesMainTest {

  @TempDir
  Path dir;

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return ContainerValuesMain.run(args, new PrintStream(err, true, StandardCharsets.UTF_8),
        StorageSettings.of(Map.of(), Map.of()));
  }

  private String context() throws Exception {
    Path values = Files.createDirectories(dir.resolve("values/inputs"));
    Files.writeString(values.resolve("label.json"), "\"five items\"");
    Files.writeString(values.resolve("numbers.json"), "[1,2,3]");
    return RunContext.create("r1", dir.resolve("values").toUri())
        .with("label", values.resolve("label.json").toUri())
        .with("numbers", values.resolve("numbers.json").toUri()).toJson();
  }

  @Test
  void fetchWritesStringsAsIsAndOtherValuesAsJson() throws Exception {
    String contexts = "[" + context() + "]";
    int code = run("fetch", "--contexts", contexts, "--inputs",
        "{\"label\":{\"from\":\"label\"},\"numbers\":{\"from\":\"numbers\"},\"n\":{\"value\":4}}",
        "--value", "label", dir.resolve("in/0").toString(), "--value", "numbers", dir.resolve("in/1").toString(),
        "--value", "n", dir.resolve("in/2").toString());
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    assertEquals("five items", Files.readString(dir.resolve("in/0")));
    assertEquals("[1,2,3]", Files.readString(dir.resolve("in/1")));
    assertEquals("4", Files.readString(dir.resolve("in/2")));
  }

  @Test
  void storeParsesEachOutputByItsKindAndAddsItToTheContext() throws Exception {
    Path out = dir.resolve("out/context.json");
    int code = run("store", "--contexts", "[" + context() + "]", "--task", "add-two",
        "--output", "sum", "NUMBER_INTEGER", "7\n", "--output", "text", "STRING", "a \"quoted\" text\n",
        "--output-context", out.toString());
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    RunContext context = RunContext.parse(Files.readString(out));
    assertEquals("7", Files.readString(Path.of(context.address("add-two.sum").orElseThrow())));
    assertEquals("\"a \\\"quoted\\\" text\\n\"", Files.readString(Path.of(context.address("add-two.text").orElseThrow())));
    assertTrue(context.address("numbers").isPresent(), "keeps the values it was given");
  }

  @Test
  void anOutputOfTheWrongKindIsOneClearErrorAndNothingIsWritten() throws Exception {
    Path out = dir.resolve("out/context.json");
    int code = run("store", "--contexts", "[" + context() + "]", "--task", "add-two",
        "--output", "sum", "NUMBER_INTEGER", "seven", "--output-context", out.toString());
    assertEquals(4, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("kfp4j: container step values: task 'add-two': output 'sum'"
        + " (NUMBER_INTEGER) is not valid JSON"), err.toString(StandardCharsets.UTF_8));
    assertTrue(Files.notExists(out));
  }

  @Test
  void aMissingValueNamesTheInput() throws Exception {
    int code = run("fetch", "--contexts", "[" + context() + "]", "--inputs", "{\"x\":{\"from\":\"nothing\"}}",
        "--value", "x", dir.resolve("in/0").toString());
    assertEquals(4, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("input 'x': the context has no value 'nothing'"));
  }
}
