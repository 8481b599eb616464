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
  void artifactsAreDownloadedForTheProgramAndWhatItWroteIsStoredAsArtifacts() throws Exception {
    // a data set folder stored as a Java component stores it (files plus a manifest)
    Path data = Files.createDirectories(dir.resolve("made/data"));
    Files.writeString(data.resolve("rows.csv"), "x\n1\n");
    java.net.URI address = dir.resolve("values/prepare/Output").toUri();
    RunContext context = RunContext.create("r1", dir.resolve("values").toUri());
    try (var storage = dev.kfp4j.runtime.storage.Storage.create(java.util.List.of(context.root()),
        StorageSettings.of(Map.of(), Map.of()))) {
      dev.kfp4j.runtime.artifact.Artifacts.upload(storage, address, data, "system.Dataset", Map.of());
    }
    String contexts = "[" + context.with("prepare.Output", address).toJson() + "]";
    Path pod = dir.resolve("pod");
    int fetched = run("fetch", "--contexts", contexts, "--inputs", "{\"data\":{\"from\":\"prepare.Output\"}}",
        "--artifact", "data", pod.resolve("inputs/0").toString(), "--outputs-folder", pod.resolve("outputs").toString());
    assertEquals(0, fetched, err.toString(StandardCharsets.UTF_8));
    assertEquals("x\n1\n", Files.readString(pod.resolve("inputs/0/rows.csv")), "the folder itself, at the path");
    assertTrue(Files.isDirectory(pod.resolve("outputs")));

    // the program writes a model folder, metrics and a number
    Files.writeString(Files.createDirectories(pod.resolve("outputs/0")).resolve("weights.bin"), "w");
    Files.writeString(pod.resolve("outputs/1"), "{\"accuracy\": 0.9}");
    Files.writeString(pod.resolve("outputs/2"), "2\n");
    Path out = pod.resolve("context.json");
    int stored = run("store", "--contexts", contexts, "--task", "train",
        "--output-artifact", "model", "system.Model", pod.resolve("outputs/0").toString(),
        "--output-artifact", "metrics", "system.Metrics", pod.resolve("outputs/1").toString(),
        "--output-file", "rows", "NUMBER_INTEGER", pod.resolve("outputs/2").toString(), "--output-context", out.toString());
    assertEquals(0, stored, err.toString(StandardCharsets.UTF_8));
    RunContext updated = RunContext.parse(Files.readString(out));
    assertEquals("2", Files.readString(Path.of(updated.address("train.rows").orElseThrow())));
    Path model = Path.of(updated.address("train.model").orElseThrow());
    assertEquals("w", Files.readString(model.resolve("weights.bin")));
    String manifest = Files.readString(model.resolveSibling("model" + dev.kfp4j.runtime.artifact.ArtifactManifest.SUFFIX));
    assertTrue(manifest.contains("system.Model") && manifest.contains("weights.bin"), manifest);
    String metrics = Files.readString(model.resolveSibling("metrics" + dev.kfp4j.runtime.artifact.ArtifactManifest.SUFFIX));
    assertTrue(metrics.contains("\"accuracy\"") && metrics.contains("0.9"), metrics);
  }

  @Test
  void anArtifactTheProgramDidNotWriteIsAFailureNamingIt() throws Exception {
    Path out = dir.resolve("context.json");
    int code = run("store", "--contexts", "[" + context() + "]", "--task", "train",
        "--output-artifact", "model", "system.Model", dir.resolve("outputs/0").toString(), "--output-context", out.toString());
    assertEquals(4, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("task 'train': the program wrote nothing at the path of"
        + " output artifact 'model'"), err.toString(StandardCharsets.UTF_8));
    assertTrue(Files.notExists(out));
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
  void malformedInputsAndStoredValuesSayWhere() throws Exception {
    int code = run("fetch", "--contexts", "[" + context() + "]", "--inputs", "{\"x\":{\"from\":\"label\"}",
        "--value", "x", dir.resolve("in/0").toString());
    assertEquals(4, code);
    assertEquals("kfp4j: container step values: --inputs is not valid JSON (line 1, column 22): Unexpected"
        + " end-of-input: expected close marker for Object (start marker at line 1, column 1)\n",
        err.toString(StandardCharsets.UTF_8));
    err.reset();
    String contexts = "[" + context() + "]";
    Files.writeString(dir.resolve("values/inputs/numbers.json"), "[1,2,,3]");
    code = run("fetch", "--contexts", contexts, "--inputs", "{\"x\":{\"from\":\"numbers\"}}",
        "--value", "x", dir.resolve("in/0").toString());
    assertEquals(4, code);
    assertEquals("kfp4j: container step values: input 'x' at " + dir.resolve("values/inputs/numbers.json").toUri()
        + " is not JSON (line 1, column 6): Unexpected character (',' (code 44)): expected a value\n",
        err.toString(StandardCharsets.UTF_8));
    err.reset();
    Files.writeString(dir.resolve("values/inputs/numbers.json"), "");
    code = run("fetch", "--contexts", contexts, "--inputs", "{\"x\":{\"from\":\"numbers\"}}",
        "--value", "x", dir.resolve("in/0").toString());
    assertEquals(4, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).endsWith("numbers.json is empty, not a JSON value\n"),
        err.toString(StandardCharsets.UTF_8));
    assertTrue(Files.notExists(dir.resolve("in/0")));
  }

  @Test
  void storedOutputsAreTheBytesTheLocalRunnerStores() throws Exception {
    Path out = dir.resolve("out/context.json");
    int code = run("store", "--contexts", "[" + context() + "]", "--task", "t", "--output", "x", "NUMBER_DOUBLE", "2.50\n",
        "--output", "s", "STRUCT", "{\"b\": 1e3, \"a\": [-0]}", "--output-context", out.toString());
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    RunContext context = RunContext.parse(Files.readString(out));
    Map<String, com.fasterxml.jackson.databind.JsonNode> nodes = new java.util.LinkedHashMap<>();
    nodes.put("x", ContainerValues.parse("x", "NUMBER_DOUBLE", "2.50\n"));
    nodes.put("s", ContainerValues.parse("s", "STRUCT", "{\"b\": 1e3, \"a\": [-0]}"));
    RunContext local;
    try (var storage = dev.kfp4j.runtime.storage.Storage.create(java.util.List.of(context.root()),
        StorageSettings.of(Map.of(), Map.of()))) {
      local = ContainerValues.store(context, "local", nodes, storage);
    }
    for (String name : java.util.List.of("x", "s")) {
      assertEquals(Files.readString(Path.of(local.address("local." + name).orElseThrow())),
          Files.readString(Path.of(context.address("t." + name).orElseThrow())), name);
    }
    assertEquals("{\"b\":1000.0,\"a\":[0]}", Files.readString(Path.of(context.address("t.s").orElseThrow())));
  }

  @Test
  void anOutputNumberBeyondADoubleIsRefused() throws Exception {
    Path out = dir.resolve("out/context.json");
    int code = run("store", "--contexts", "[" + context() + "]", "--task", "t", "--output", "x", "NUMBER_DOUBLE", "1e400",
        "--output-context", out.toString());
    assertEquals(4, code);
    assertEquals("kfp4j: container step values: task 't': output 'x' (NUMBER_DOUBLE) has a number beyond the range of a"
        + " double at $\n", err.toString(StandardCharsets.UTF_8));
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
