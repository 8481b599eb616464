package dev.kfp4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.kfp4j.runtime.entrypoint.ComponentBody;
import dev.kfp4j.runtime.entrypoint.ComponentDescriptor;
import dev.kfp4j.runtime.entrypoint.ComponentMain;
import dev.kfp4j.runtime.entrypoint.ExitCode;
import dev.kfp4j.runtime.entrypoint.SharedEntrypoint;
import dev.kfp4j.runtime.storage.StorageSettings;
import dev.kfp4j.wire.ComponentAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared entrypoint ({@code -Akfp4j.entrypoints=shared}) does what the generated entrypoint of the same component
 * does. {@code sources/com/acme/parity/Values.java} (every value kind, artifacts, record outputs, void, a null
 * record, failures, an overload, a nested class) is compiled with the real processor in its default mode, which
 * writes both the entrypoint classes and the descriptors the shared entrypoint reads; each case then runs once
 * through the generated class and once through {@link SharedEntrypoint}, on the same fresh folder with the same
 * arguments, and everything they leave must be identical: exit code, stdout (the output context), stderr lines, and
 * every file written (stored values, artifacts and their manifests, KFP output files). Each case also checks what
 * the generated run did, so that two runs failing alike cannot pass.
 */
class SharedEntrypointParityTest {

  private static final String PACKAGE = "com.acme.parity.";

  @TempDir static Path classes;
  @TempDir Path dir;

  /** One per run, as each step is its own JVM: a class whose initializer failed stays failed in its loader. */
  private static URLClassLoader loader() throws IOException {
    return new URLClassLoader(new URL[] {classes.toUri().toURL()}, SharedEntrypointParityTest.class.getClassLoader());
  }

  @BeforeAll
  static void compile() throws IOException {
    Compilation compilation = Compiler.javac().withProcessors(new Kfp4jProcessor())
        .withOptions(TestPipelines.IMAGE_OPTION)
        .compile(JavaFileObjects.forResource("sources/com/acme/parity/Values.java"));
    assertThat(compilation).succeeded();
    for (JavaFileObject file : compilation.generatedFiles()) {
      String path = file.toUri().getPath();
      if (path.startsWith("/CLASS_OUTPUT/")) {
        Path target = classes.resolve(path.substring("/CLASS_OUTPUT/".length()));
        Files.createDirectories(target.getParent());
        try (InputStream in = file.openInputStream()) {
          Files.write(target, in.readAllBytes());
        }
      }
    }
  }

  /** What one run left: its exit code, stdout, stderr lines, and every file under the work folder. */
  record Outcome(int exit, String out, List<String> err, SortedMap<String, String> files) {}

  private Path work() {
    return dir.resolve("work");
  }

  private String root() {
    return dir.toUri().toString() + "work/run/";
  }

  private String context(String values) {
    return "{\"runId\":\"parity\",\"root\":\"" + root() + "\",\"values\":{" + values + "}}";
  }

  /** Prepares the work folder of one run (the same before the generated and the shared one). */
  interface Setup {
    void prepare(Path work) throws Exception;
  }

  private static final Setup NOTHING = work -> { };

  /**
   * Runs {@code method} of {@code owner} (a simple or nested binary name under {@code com.acme.parity}) through its
   * generated entrypoint and through the shared entrypoint; asserts that they agree and returns the generated outcome.
   */
  private Outcome parity(String owner, String method, Setup setup, String... args) throws Exception {
    String entrypoint = PACKAGE + owner.replace('$', '_') + "_" + Character.toUpperCase(method.charAt(0))
        + method.substring(1) + "Entrypoint";
    Outcome fromGenerated;
    ComponentDescriptor descriptor;
    try (URLClassLoader loader = loader()) {
      Class<?> generated = loader.loadClass(entrypoint);
      descriptor = (ComponentDescriptor) generated.getField("COMPONENT").get(null);
      Constructor<?> constructor = generated.getDeclaredConstructor();
      constructor.setAccessible(true);
      fromGenerated = run(descriptor, (ComponentBody) constructor.newInstance(), setup, args);
    }
    Outcome fromShared;
    try (URLClassLoader loader = loader()) {
      SharedEntrypoint shared = SharedEntrypoint.load(loader,
          ComponentAddress.parse(PACKAGE + owner + "#" + method).orElseThrow());
      assertEquals(descriptor, shared.descriptor(), "the shared entrypoint reads the same component from the descriptor");
      fromShared = run(shared.descriptor(), shared, setup, args);
    }
    assertEquals(fromGenerated, withEntrypointFrame(fromShared, owner, method, entrypoint),
        "generated and shared entrypoint of " + owner + "#" + method);
    return fromGenerated;
  }

  /**
   * A failure raised where no user frame is on the stack (a method that returned no record, a class whose static
   * initializer failed) names, in its one line, the generated class's frame; the shared entrypoint names the user's
   * code instead (the method, or the initializer's frame in its class). The shared line with that frame replaced by
   * the generated one's, after checking that it names the component's class, so that the rest is compared exactly.
   */
  private static Outcome withEntrypointFrame(Outcome shared, String owner, String method, String entrypoint) {
    String userFrame = " (at " + PACKAGE + owner + ".";
    String generatedFrame = " (at " + entrypoint + ".execute(" + entrypoint.substring(entrypoint.lastIndexOf('.') + 1)
        + ".java:LINE))";
    List<String> err = new ArrayList<>();
    for (String line : shared.err()) {
      int at = line.lastIndexOf(" (at ");
      boolean raisedByTheEntrypoint = line.contains("returned null instead of a ")
          || line.contains("java.lang.ExceptionInInitializerError");
      if (raisedByTheEntrypoint) {
        assertTrue(at > 0 && line.startsWith(userFrame, at), "the shared entrypoint names the user's code: " + line);
        err.add(line.substring(0, at) + generatedFrame);
      } else {
        err.add(line);
      }
    }
    return new Outcome(shared.exit(), shared.out(), err, shared.files());
  }

  private Outcome run(ComponentDescriptor descriptor, ComponentBody body, Setup setup, String... args)
      throws Exception {
    delete(work());
    Files.createDirectories(work().resolve("run"));
    setup.prepare(work());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = ComponentMain.run(descriptor, args, body, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        StorageSettings.of(Map.of(), Map.of(ComponentMain.ROOTS_ENV, root())), false);
    String errText = err.toString(StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>();
    for (String line : errText.lines().toList()) {
      // The generated class's own frame (a failure it raises) is compared without its line number.
      lines.add(line.replaceAll("(Entrypoint\\.java):\\d+\\)\\)$", "$1:LINE))"));
    }
    return new Outcome(exit, out.toString(StandardCharsets.UTF_8), lines, files(work()));
  }

  private static SortedMap<String, String> files(Path folder) throws IOException {
    SortedMap<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path path : walk.toList()) {
        String name = folder.relativize(path).toString().replace('\\', '/');
        files.put(Files.isDirectory(path) ? name + "/" : name, Files.isDirectory(path) ? "" : Files.readString(path));
      }
    }
    return files;
  }

  private static void delete(Path folder) throws IOException {
    if (Files.exists(folder)) {
      try (Stream<Path> walk = Files.walk(folder)) {
        for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }

  private String value(Outcome outcome, String task, String output) {
    return outcome.files().get("run/" + task + "/" + output + ".json");
  }

  private static void assertOk(Outcome outcome) {
    assertEquals(ExitCode.OK, outcome.exit(), String.join("\n", outcome.err()));
    assertEquals(List.of(), outcome.err());
  }

  private static void assertFailed(Outcome outcome, int exit, String component, String fragment) {
    assertEquals(exit, outcome.exit(), String.join("\n", outcome.err()));
    assertEquals(1, outcome.err().size(), "one line: " + outcome.err());
    assertTrue(outcome.err().get(0).startsWith("kfp4j: component '" + component + "': "), outcome.err().get(0));
    assertTrue(outcome.err().get(0).contains(fragment), "missing '" + fragment + "' in " + outcome.err().get(0));
  }

  // ---- the context protocol

  @Test
  void everyScalarKind() throws Exception {
    Outcome outcome = parity("Values", "scalars", NOTHING, context(""), "--inputs", ("{\"i\":{\"value\":1},"
        + "\"l\":{\"value\":9007199254740993},\"d\":{\"value\":0.5},\"f\":{\"value\":1.25},\"b\":{\"value\":true},"
        + "\"bi\":{\"value\":-2},\"bl\":{\"value\":3},\"bd\":{\"value\":\"NaN\"},\"bf\":{\"value\":2},"
        + "\"bb\":{\"value\":false},\"s\":{\"value\":\"é \\\"q\\\"\"}}"));
    assertOk(outcome);
    assertEquals("\"1 9007199254740993 0.5 1.25 true -2 3 NaN 2.0 false é \\\"q\\\"\"",
        value(outcome, "scalars", "Output"));
    assertTrue(outcome.out().contains("\"scalars.Output\""), outcome.out());
  }

  @Test
  void nestedGenericsRecordsAndEnums() throws Exception {
    Outcome outcome = parity("Values", "nested", NOTHING, context(""), "--inputs",
        "{\"lists\":{\"value\":[{\"b\":[1,2],\"a\":[]},{\"b\":[3]}]},\"point\":{\"value\":{\"x\":1,\"y\":2.5,"
        + "\"label\":\"p\",\"tags\":[7],\"flags\":{\"on\":true},\"color\":\"RED\"}},\"color\":{\"value\":\"GREEN\"}}");
    assertOk(outcome);
    assertEquals("{\"a\":[{\"color\":\"GREEN\",\"flags\":{\"on\":true},\"label\":\"p\",\"tags\":[],\"x\":0,\"y\":2.5}],"
        + "\"b\":[{\"color\":\"GREEN\",\"flags\":{\"on\":true},\"label\":\"p\",\"tags\":[1,2],\"x\":2,\"y\":2.5},"
        + "{\"color\":\"GREEN\",\"flags\":{\"on\":true},\"label\":\"p\",\"tags\":[3],\"x\":1,\"y\":2.5}]}",
        value(outcome, "nested", "Output"));
    assertOk(parity("Values", "pick", NOTHING, context(""), "--inputs",
        "{\"color\":{\"value\":\"RED\"},\"flip\":{\"value\":true}}"));
  }

  @Test
  void inputsFromStoredValuesAndTaskNames() throws Exception {
    Setup stored = work -> Files.writeString(work.resolve("run/words.json"), "[\"b\",\"ccc\",\"a\"]");
    Outcome outcome = parity("Values", "stats", stored,
        context("\"up.words\":\"" + root() + "words.json\""), "--input", "words=up.words", "--task", "stats-1");
    assertOk(outcome);
    assertEquals("1.6666666666666667", value(outcome, "stats-1", "mean"));
    assertEquals("3", value(outcome, "stats-1", "count"));
    assertEquals("[\"a\",\"b\",\"ccc\"]", value(outcome, "stats-1", "sorted"));
  }

  @Test
  void voidAndItsFailure() throws Exception {
    Outcome ok = parity("Values", "sink", NOTHING, context(""), "--inputs", "{\"text\":{\"value\":\"x\"}}");
    assertOk(ok);
    assertTrue(ok.files().keySet().stream().noneMatch(name -> name.endsWith(".json")), ok.files().toString());
    assertFailed(parity("Values", "sink", NOTHING, context(""), "--inputs", "{\"text\":{\"value\":\"\"}}"),
        ExitCode.COMPONENT_FAILED, "sink", "failed in com.acme.parity.Values.sink: java.lang.IllegalArgumentException:"
        + " empty text (at com.acme.parity.Values.sink(Values.java:");
  }

  @Test
  void aNullRecordAndANullValue() throws Exception {
    assertFailed(parity("Values", "nothing", NOTHING, context(""), "--inputs", "{\"why\":{\"value\":\"x\"}}"),
        ExitCode.COMPONENT_FAILED, "nothing", "failed in com.acme.parity.Values.nothing: java.lang.NullPointerException:"
        + " com.acme.parity.Values.nothing returned null instead of a com.acme.parity.Values.Stats (at"
        + " com.acme.parity.Values_NothingEntrypoint.execute(Values_NothingEntrypoint.java:LINE))");
    assertFailed(parity("Values", "nullString", NOTHING, context(""), "--inputs", "{\"why\":{\"value\":\"x\"}}"),
        ExitCode.OUTPUT_FAILED, "null-string", "returned null for output 'Output'");
  }

  @Test
  void userExceptionsAndErrors() throws Exception {
    assertFailed(parity("Values", "fail", NOTHING, context(""), "--inputs", "{\"kind\":{\"value\":\"state\"}}"),
        ExitCode.COMPONENT_FAILED, "fail", "failed in com.acme.parity.Values.fail: java.lang.IllegalStateException:"
        + " broken state (at com.acme.parity.Values.fail(Values.java:");
    assertFailed(parity("Values", "fail", NOTHING, context(""), "--inputs", "{\"kind\":{\"value\":\"io\"}}"),
        ExitCode.COMPONENT_FAILED, "fail", "java.io.IOException: disk gone (at com.acme.parity.Values.fail(");
    assertFailed(parity("Values", "fail", NOTHING, context(""), "--inputs", "{\"kind\":{\"value\":\"assert\"}}"),
        ExitCode.COMPONENT_FAILED, "fail", "java.lang.AssertionError: assertion (at com.acme.parity.Values.fail(");
    assertFailed(parity("Values", "fail", NOTHING, context(""), "--inputs", "{\"kind\":{\"value\":\"stack\"}}"),
        ExitCode.COMPONENT_FAILED, "fail", "java.lang.StackOverflowError (at com.acme.parity.Values.fail(");
  }

  @Test
  void aClassWhoseInitializerFails() throws Exception {
    assertFailed(parity("Values$Broken", "capped", NOTHING, context(""), "--inputs", "{\"number\":{\"value\":1}}"),
        ExitCode.COMPONENT_FAILED, "capped", "failed in com.acme.parity.Values.Broken.capped:"
        + " java.lang.ExceptionInInitializerError (at com.acme.parity.Values_Broken_CappedEntrypoint.execute(");
    // The shared line names the initializer's frame in the user's class.
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (URLClassLoader loader = loader()) {
      SharedEntrypoint shared = SharedEntrypoint.load(loader,
          ComponentAddress.parse(PACKAGE + "Values$Broken#capped").orElseThrow());
      Files.createDirectories(work().resolve("run"));
      ComponentMain.run(shared.descriptor(), new String[] {context(""), "--inputs", "{\"number\":{\"value\":1}}"},
          shared, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8),
          StorageSettings.of(Map.of(), Map.of(ComponentMain.ROOTS_ENV, root())), false);
    }
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("java.lang.ExceptionInInitializerError (at"
        + " com.acme.parity.Values$Broken.limit(Values.java:"), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void badInputs() throws Exception {
    assertFailed(parity("Values", "primitive", NOTHING, context(""), "--inputs", "{\"value\":{\"value\":\"5\"}}"),
        ExitCode.BAD_INPUT, "primitive", "expected long at $ (line 1, column 1): Cannot coerce String value (\"5\")");
    assertFailed(parity("Values", "primitive", NOTHING, context("")), ExitCode.BAD_INPUT, "primitive",
        "input 'value'");
    assertFailed(parity("Values", "pick", NOTHING, context(""), "--inputs",
        "{\"color\":{\"value\":\"BLUE\"},\"flip\":{\"value\":true}}"), ExitCode.BAD_INPUT, "pick",
        "not one of the values accepted for Enum class: [RED, GREEN]");
    assertFailed(parity("Values", "nested", NOTHING, context(""), "--inputs",
        "{\"lists\":{\"value\":[{\"b\":[1,null]}]},\"point\":{\"value\":{}},\"color\":{\"value\":\"RED\"}}"),
        ExitCode.BAD_INPUT, "nested", "expected List<Map<String, List<Integer>>> at $[0].b[1]");
    assertFailed(parity("Values", "stats", NOTHING, context("\"up.words\":\"" + root() + "missing.json\""), "--input",
        "words=up.words"), ExitCode.BAD_INPUT, "stats", "input 'words'");
    assertFailed(parity("Values", "stats", NOTHING, context(""), "--inputs", "{\"other\":{\"value\":1}}"),
        ExitCode.USAGE, "stats", "--inputs: the component has no input 'other' (inputs: words)");
    assertFailed(parity("Values", "stats", NOTHING, "{\"runId\":"), ExitCode.BAD_CONTEXT, "stats", "");
  }

  @Test
  void artifactsInAndOutAndARecordWithAnArtifact() throws Exception {
    Outcome written = parity("Values", "write", NOTHING, context(""), "--inputs", "{\"text\":{\"value\":\"hello\"}}");
    assertOk(written);
    assertEquals("hello", written.files().get("run/write/Output"));
    assertTrue(written.files().get("run/write/Output.kfp4j-artifact.json").contains("system.Dataset"),
        written.files().toString());
    String producedContext = written.out().strip();
    Setup produced = work -> {
      Files.createDirectories(work.resolve("run/write"));
      for (Map.Entry<String, String> file : written.files().entrySet()) {
        if (file.getKey().startsWith("run/write/") && !file.getKey().endsWith("/")) {
          Files.writeString(work.resolve(file.getKey()), file.getValue());
        }
      }
    };
    Outcome read = parity("Values", "read", produced, producedContext, "--input", "data=write.Output");
    assertOk(read);
    assertEquals("5", value(read, "read", "Output"));

    Setup producedAndRate = work -> {
      produced.prepare(work);
      Files.writeString(work.resolve("run/rate.json"), "0.5");
    };
    String withRate = "[" + producedContext + "," + context("\"up.rate\":\"" + root() + "rate.json\"") + "]";
    Outcome trained = parity("Values", "train", producedAndRate, "--contexts", withRate, "--input", "data=write.Output",
        "--input", "rate=up.rate");
    assertOk(trained);
    assertEquals("hello0.5", trained.files().get("run/train/model/weights/w.txt"));
    assertTrue(trained.files().get("run/train/model.kfp4j-artifact.json").contains("system.Model"));
    assertEquals("0.25", value(trained, "train", "accuracy"));
    assertEquals("{\"color\":\"GREEN\",\"flags\":{\"ok\":true},\"label\":\"best\",\"tags\":[1],\"x\":1,\"y\":0.5}",
        value(trained, "train", "best"));

    assertFailed(parity("Values", "read", NOTHING, context(""), "--inputs", "{}"), ExitCode.BAD_INPUT, "read",
        "data");
  }

  @Test
  void aNestedClassAndAnOverload() throws Exception {
    Outcome twice = parity("Values$Inner", "twice", NOTHING, context(""), "--inputs", "{\"number\":{\"value\":21}}");
    assertOk(twice);
    assertEquals("42", value(twice, "inner-twice", "Output"));
    Outcome overloaded = parity("Values", "overloaded", NOTHING, context(""), "--inputs", "{\"number\":{\"value\":1}}");
    assertOk(overloaded);
    assertEquals("2", value(overloaded, "overloaded", "Output"));
  }

  @Test
  void usageErrorsOfTheComponentsArguments() throws Exception {
    assertFailed(parity("Values", "primitive", NOTHING), ExitCode.USAGE, "primitive", "usage:");
    assertFailed(parity("Values", "primitive", NOTHING, context(""), "--bogus"), ExitCode.USAGE, "primitive",
        "--bogus");
    Outcome help = parity("Values", "primitive", NOTHING, "--help");
    assertEquals(ExitCode.OK, help.exit());
    assertTrue(help.out().startsWith("usage:"), help.out());
  }

  // ---- KFP's executor input

  private String executorInput(String parameters, String inputArtifacts, List<String> outputParameters,
      List<String> outputArtifacts) {
    List<String> outputs = new ArrayList<>();
    for (String name : outputParameters) {
      outputs.add("\"" + name + "\":{\"outputFile\":\"" + work().resolve("kfp/outputs/" + name) + "\"}");
    }
    List<String> artifacts = new ArrayList<>();
    for (String name : outputArtifacts) {
      artifacts.add("\"" + name + "\":{\"artifacts\":[{\"name\":\"" + name + "\",\"uri\":\""
          + work().resolve("kfp/artifacts/" + name).toUri() + "\"}]}");
    }
    return "{\"inputs\":{\"parameterValues\":{" + parameters + "},\"artifacts\":{" + inputArtifacts + "}},"
        + "\"outputs\":{\"parameters\":{" + String.join(",", outputs) + "},\"artifacts\":{"
        + String.join(",", artifacts) + "},\"outputFile\":\"" + work().resolve("kfp/executor_output.json") + "\"}}";
  }

  private Outcome kfp(String owner, String method, Setup setup, String executorInput) throws Exception {
    return parity(owner, method, setup, "--executor_input", executorInput, "--function_to_execute", method);
  }

  @Test
  void kfpValuesOfEveryKind() throws Exception {
    Outcome scalars = kfp("Values", "scalars", NOTHING, executorInput("\"i\":1.0,\"l\":3,\"d\":0.5,\"f\":1,"
        + "\"b\":true,\"bi\":2,\"bl\":4,\"bd\":1.5,\"bf\":2.5,\"bb\":false,\"s\":\"text\"", "", List.of("Output"),
        List.of()));
    assertOk(scalars);
    assertEquals("1 3 0.5 1.0 true 2 4 1.5 2.5 false text", scalars.files().get("kfp/outputs/Output"));
    Outcome stats = kfp("Values", "stats", NOTHING, executorInput("\"words\":[\"b\",\"a\"]", "",
        List.of("mean", "count", "sorted"), List.of()));
    assertOk(stats);
    assertEquals("[\"a\",\"b\"]", stats.files().get("kfp/outputs/sorted"));
    Outcome pick = kfp("Values", "pick", NOTHING, executorInput("\"color\":\"GREEN\",\"flip\":true", "",
        List.of("Output"), List.of()));
    assertOk(pick);
    assertEquals("RED", pick.files().get("kfp/outputs/Output"));
  }

  @Test
  void kfpArtifactsAndMetrics() throws Exception {
    Setup data = work -> {
      Files.createDirectories(work.resolve("kfp/in"));
      Files.writeString(work.resolve("kfp/in/data"), "abc");
    };
    String dataArtifact = "\"data\":{\"artifacts\":[{\"name\":\"data\",\"uri\":\""
        + work().resolve("kfp/in/data").toUri() + "\"}]}";
    Outcome trained = kfp("Values", "train", data, executorInput("\"rate\":1", dataArtifact,
        List.of("accuracy", "best"), List.of("model")));
    assertOk(trained);
    assertEquals("abc1.0", trained.files().get("kfp/artifacts/model/weights/w.txt"));
    assertEquals("0.5", trained.files().get("kfp/outputs/accuracy"));
    Setup model = work -> {
      Files.createDirectories(work.resolve("kfp/in/model"));
      Files.writeString(work.resolve("kfp/in/model/a"), "1");
    };
    String modelArtifact = "\"model\":{\"artifacts\":[{\"name\":\"model\",\"uri\":\""
        + work().resolve("kfp/in/model").toUri() + "\"}]}";
    Outcome evaluated = kfp("Values", "evaluate", model, executorInput("", modelArtifact, List.of(),
        List.of("Output")));
    assertOk(evaluated);
    assertTrue(evaluated.files().get("kfp/executor_output.json").contains("\"files\""), evaluated.files().toString());
    assertFailed(kfp("Values", "read", NOTHING, executorInput("", "", List.of("Output"), List.of())),
        ExitCode.BAD_INPUT, "read", "input artifact 'data': executor input has no inputs.artifacts['data']");
  }

  @Test
  void kfpFailuresAndBadInputs() throws Exception {
    assertFailed(kfp("Values", "nothing", NOTHING, executorInput("\"why\":\"x\"", "", List.of("mean", "count",
        "sorted"), List.of())), ExitCode.COMPONENT_FAILED, "nothing", "returned null instead of a "
        + "com.acme.parity.Values.Stats");
    assertFailed(kfp("Values", "fail", NOTHING, executorInput("\"kind\":\"state\"", "", List.of("Output"),
        List.of())), ExitCode.COMPONENT_FAILED, "fail", "broken state (at com.acme.parity.Values.fail(Values.java:");
    assertFailed(kfp("Values", "primitive", NOTHING, executorInput("\"value\":1.5", "", List.of("Output"),
        List.of())), ExitCode.BAD_INPUT, "primitive", "input 'value' (executor input): expected long at $");
    assertFailed(kfp("Values", "primitive", NOTHING, "{\"inputs\":"), ExitCode.BAD_CONTEXT, "primitive",
        "executor input is not valid JSON");
  }
}
