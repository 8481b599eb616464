package dev.kfp4j.runtime.entrypoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.runtime.artifact.Artifacts;
import dev.kfp4j.runtime.container.ContainerValuesMain;
import dev.kfp4j.runtime.context.RunContext;
import dev.kfp4j.runtime.storage.Storage;
import dev.kfp4j.runtime.storage.StorageSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The step programs around components on Argo (the init step, the fetch and store halves of a container step, a
 * condition chain's and a loop's steps) read and write JSON with jackson-core alone, as a component's entrypoint does: each runs
 * in a JVM of its own, on this module's test classpath (jackson-databind is on it), with class loading logged, and
 * no class of jackson-databind may load, on the way that succeeds nor on the way that fails.
 */
class StepProgramClassesTest {

  private static final String DATABIND = "com.fasterxml.jackson.databind.";

  @TempDir Path dir;
  private Path root;
  private String contexts;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(dir.resolve("runs/wf-1"));
    Files.createDirectories(root.resolve("roll"));
    Files.writeString(root.resolve("roll/Output.json"), "12");
    Files.createDirectories(root.resolve("range"));
    Files.writeString(root.resolve("range/Output.json"), "[3,4]");
    Files.createDirectories(root.resolve("branches/b/say"));
    Files.writeString(root.resolve("branches/b/say/Output.json"), "\"tails\"");
    Path data = Files.createDirectories(dir.resolve("made/data"));
    Files.writeString(data.resolve("rows.csv"), "x\n1\n");
    RunContext context = RunContext.create("wf-1", root.toUri());
    java.net.URI artifact = root.resolve("prepare/Output").toUri();
    try (Storage storage = Storage.create(List.of(root.toUri()), StorageSettings.of(Map.of(), Map.of()))) {
      Artifacts.upload(storage, artifact, data, "system.Dataset", Map.of("rows", 1.0));
    }
    contexts = "[" + context.with("roll.Output", root.resolve("roll/Output.json").toUri())
        .with("range.Output", root.resolve("range/Output.json").toUri())
        .with("prepare.Output", artifact).toJson() + "]";
  }

  /** Runs {@code main} with {@code args} in a new JVM; returns its exit code and the classes it loaded. */
  private Step run(Class<?> main, String... args) throws IOException, InterruptedException {
    Path log = Files.createTempFile(dir, "classes", ".log");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("KFP4J_STORAGE_ROOTS", dir.resolve("runs").toUri().toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    return new Step(exit, output, Files.readAllLines(log));
  }

  private record Step(int exit, String output, List<String> classes) {
    /** The jackson-databind classes it loaded. */
    String databind() {
      return classes.stream().filter(line -> line.contains(" " + DATABIND)).collect(Collectors.joining("\n"));
    }

    void assertStreamingOnly(Class<?> main) {
      assertTrue(classes.stream().anyMatch(line -> line.contains(" " + main.getName() + " ")),
          "the class log names the step's main class");
      assertTrue(classes.stream().anyMatch(line -> line.contains(" com.fasterxml.jackson.core.JsonFactory ")),
          "the step reads JSON with jackson-core");
      assertEquals("", databind(), "jackson-databind classes loaded by " + main.getSimpleName());
    }
  }

  @Test
  void theInitStepStoresEveryKindOfParameterWithoutDatabind() throws Exception {
    Step init = run(InitMain.class, "--run-id", "wf-1", "--root", root.toUri().toString(), "--output-context",
        dir.resolve("init.json").toString(), "--param", "text", "STRING", "a \"b\"", "--param", "n", "NUMBER_INTEGER",
        "-0", "--param", "x", "NUMBER_DOUBLE", "2.50", "--param", "flag", "BOOLEAN", "true", "--param", "xs", "LIST",
        "[1, 1e3]", "--param", "s", "STRUCT", "{\"b\": {}, \"a\": [null]}");
    assertEquals(0, init.exit(), init.output());
    init.assertStreamingOnly(InitMain.class);
    assertEquals("\"a \\\"b\\\"\"", Files.readString(root.resolve("inputs/text.json")));
    assertEquals("0", Files.readString(root.resolve("inputs/n.json")));
    assertEquals("2.5", Files.readString(root.resolve("inputs/x.json")));
    assertEquals("[1,1000.0]", Files.readString(root.resolve("inputs/xs.json")));
    assertEquals("{\"b\":{},\"a\":[null]}", Files.readString(root.resolve("inputs/s.json")));
  }

  @Test
  void theInitStepRefusesAMalformedParameterWithoutDatabind() throws Exception {
    Step init = run(InitMain.class, "--run-id", "wf-1", "--root", root.toUri().toString(), "--output-context",
        dir.resolve("init.json").toString(), "--param", "xs", "LIST", "[1,2");
    assertEquals(ExitCode.BAD_INPUT, init.exit(), init.output());
    assertTrue(init.output().startsWith("kfp4j: init: pipeline parameter 'xs' (LIST) is not valid JSON (line 1, column 5)"),
        init.output());
    init.assertStreamingOnly(InitMain.class);
  }

  @Test
  void aContainerStepsFetchAndStoreRunWithoutDatabind() throws Exception {
    Path pod = dir.resolve("pod");
    Step fetch = run(ContainerValuesMain.class, "fetch", "--contexts", contexts, "--inputs",
        "{\"n\":{\"from\":\"roll.Output\"},\"k\":{\"value\":{\"a\":2.50}},\"data\":{\"from\":\"prepare.Output\"}}",
        "--value", "n", pod.resolve("values/0").toString(), "--value", "k", pod.resolve("values/1").toString(),
        "--artifact", "data", pod.resolve("inputs/0").toString(), "--outputs-folder", pod.resolve("outputs").toString());
    assertEquals(0, fetch.exit(), fetch.output());
    fetch.assertStreamingOnly(ContainerValuesMain.class);
    assertEquals("12", Files.readString(pod.resolve("values/0")));
    assertEquals("{\"a\":2.5}", Files.readString(pod.resolve("values/1")));
    assertEquals("x\n1\n", Files.readString(pod.resolve("inputs/0/rows.csv")));

    Files.writeString(pod.resolve("outputs/0"), "{\"accuracy\": 0.9}");
    Files.writeString(pod.resolve("outputs/1"), "[1, 2]\n");
    Step store = run(ContainerValuesMain.class, "store", "--contexts", contexts, "--task", "train",
        "--output", "label", "STRING", "done\n", "--output-file", "rows", "LIST", pod.resolve("outputs/1").toString(),
        "--output-artifact", "metrics", "system.Metrics", pod.resolve("outputs/0").toString(),
        "--output-context", pod.resolve("context.json").toString());
    assertEquals(0, store.exit(), store.output());
    store.assertStreamingOnly(ContainerValuesMain.class);
    assertEquals("\"done\\n\"", Files.readString(root.resolve("train/label.json")));
    assertEquals("[1,2]", Files.readString(root.resolve("train/rows.json")));

    Step bad = run(ContainerValuesMain.class, "store", "--contexts", contexts, "--task", "train",
        "--output", "n", "NUMBER_INTEGER", "{", "--output-context", pod.resolve("context-2.json").toString());
    assertEquals(4, bad.exit(), bad.output());
    bad.assertStreamingOnly(ContainerValuesMain.class);
  }

  @Test
  void aConditionChainsStepsRunWithoutDatabind() throws Exception {
    Step operands = run(ConditionMain.class, "operands", "--contexts", contexts, "--inputs",
        "{\"operand-0\":{\"from\":\"roll.Output\"}}", "--operand-0", dir.resolve("operand-0").toString());
    assertEquals(0, operands.exit(), operands.output());
    operands.assertStreamingOnly(ConditionMain.class);
    assertEquals("12", Files.readString(dir.resolve("operand-0")));

    Step select = run(ConditionMain.class, "select", "--contexts", contexts, "--task", "branches", "--select",
        "{\"oneof-1\":[\"branches/a/say.Output\",\"branches/b/say.Output\"]}",
        "--output-context", dir.resolve("select.json").toString());
    assertEquals(0, select.exit(), select.output());
    select.assertStreamingOnly(ConditionMain.class);
    assertEquals("\"tails\"", Files.readString(root.resolve("branches/oneof-1.json")));

    Step bad = run(ConditionMain.class, "select", "--contexts", contexts, "--task", "branches", "--select",
        "{\"oneof-1\":[\"branches/a/say.Output\"", "--output-context", dir.resolve("select-2.json").toString());
    assertEquals(ExitCode.USAGE, bad.exit(), bad.output());
    assertTrue(bad.output().contains("--select is not valid JSON (line 1, column "), bad.output());
    bad.assertStreamingOnly(ConditionMain.class);
  }

  @Test
  void aLoopsItemsStepRunsWithoutDatabind() throws Exception {
    Step items = run(LoopMain.class, "items", "--contexts", contexts, "--items", "{\"from\":\"range.Output\"}",
        "--output", dir.resolve("items.json").toString());
    assertEquals(0, items.exit(), items.output());
    items.assertStreamingOnly(LoopMain.class);
    assertTrue(Files.readString(dir.resolve("items.json")).startsWith("[{\"index\":\"0\""));
  }
}
