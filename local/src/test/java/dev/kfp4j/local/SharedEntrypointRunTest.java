package dev.kfp4j.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.conditions.Conditions;
import com.acme.loops.Loops;
import com.acme.ml.Training;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kfp4j.local.error.LocalRunException;
import dev.kfp4j.local.exec.Classpath;
import dev.kfp4j.local.plan.PlannedTask;
import dev.kfp4j.local.run.TaskState;
import dev.kfp4j.wire.ComponentAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test pipelines compiled with {@code -Akfp4j.entrypoints=shared} ({@link SharedProject}: each Java step's
 * command ends with the runtime's shared entrypoint and the component's address) run in-process and with one JVM
 * per task, with the same results as the generated entrypoints; their cache entries follow the component's and the
 * runtime's code; what is missing is named with the address.
 */
class SharedEntrypointRunTest {

  @TempDir
  Path work;

  private SharedProject project;

  @BeforeEach
  void copyTheProject() throws IOException {
    project = SharedProject.create(work.resolve("project"));
  }

  @Test
  void theSpecsNameTheSharedEntrypointAndTheTasksItsAddresses() throws IOException {
    List<PlannedTask> tasks = shared(Runners.inProcess(work)).plan(project.spec("calculate-average")).tasks();
    assertEquals(List.of("dev.kfp4j.local.fixtures.Average#add", "dev.kfp4j.local.fixtures.Average#div"),
        tasks.stream().map(PlannedTask::entrypoint).toList());
    try (java.util.stream.Stream<Path> files = Files.walk(project.holding("dev/kfp4j/local/fixtures/Average.class"))) {
      assertEquals(List.of(), files.map(Path::toString).filter(name -> name.endsWith("Entrypoint.class")).toList(),
          "the shared build has no generated entrypoint");
    }
  }

  @Test
  void inProcessRunsAgreeWithTheGeneratedEntrypoints() throws IOException {
    Map<String, Map<String, ?>> runs = new LinkedHashMap<>();
    runs.put("calculate-average", Map.of("numbers", List.of(1, 2, 3, 4)));
    runs.put("train-model", Map.of("rows", 5, "rate", 0.1));
    runs.put("record-items", Map.of("shards", List.of(new Loops.Shard("a", 1), new Loops.Shard("b", 2)),
        "dataset", "xy"));
    runs.put("nested-loops", Map.of("rows", 3));
    runs.put("collected-into-pipeline", Map.of("xs", List.of(1, 2, 3)));
    runs.put("deploy-or-not", Map.of("model", "abcdefg", "threshold", 0.9));
    runs.put("nested-conditions", Map.of("coin", "it's \"odd\"", "sides", 3));
    runs.put("conditions-in-loop", Map.of("sizes", List.of(1, 3, 5)));
    runs.put("train-with-clean-up", Map.of("dataset", "", "threshold", 0.0));
    for (Map.Entry<String, Map<String, ?>> run : runs.entrySet()) {
      RunResult generated = Runners.inProcess(work.resolve("generated")).build().run(run.getKey(), run.getValue());
      RunResult shared = shared(Runners.inProcess(work.resolve("shared"))).run(project.spec(run.getKey()),
          run.getValue());
      assertSameRun(generated, shared);
    }
    RunResult average = shared(Runners.inProcess(work)).run(project.spec("calculate-average"),
        Map.of("numbers", List.of(1, 2, 3, 4)));
    assertEquals(2.5, average.output("Output", Double.class));
    assertTrue(Files.readString(average.task("add").log()).contains("dev.kfp4j.local.fixtures.Average#add, in-process"),
        Files.readString(average.task("add").log()));
    RunResult deploy = shared(Runners.inProcess(work)).run(project.spec("deploy-or-not"),
        Map.of("model", "abcdefghij", "threshold", 0.9));
    assertEquals(Conditions.deployOrNot("abcdefghij", 0.9), deploy.output("Output", String.class));
  }

  @Test
  void oneJvmPerTaskRunsOnAClasspathWithoutGeneratedEntrypoints() throws Exception {
    RunResult average = shared(Runners.subprocess(work)).run(project.spec("calculate-average"),
        Map.of("numbers", List.of(1, 2, 3)));
    assertEquals(2.0, average.output("Output", Double.class), average.toString());
    String log = Files.readString(average.task("add").log());
    assertTrue(log.contains("dev.kfp4j.local.fixtures.Average#add, subprocess"), log);

    RunResult trained = shared(Runners.subprocess(work)).run(project.spec("train-model"), Map.of("rows", 5, "rate", 0.1));
    assertEquals(RunResult.State.SUCCEEDED, trained.state(), trained.toString());
    assertEquals(Files.readString(Training.pipeline(5, 0.1)),
        Files.readString(trained.downloadArtifact("Output", work.resolve("report.md"))));

    RunResult loops = shared(Runners.subprocess(work)).run(project.spec("conditions-in-loop"),
        Map.of("sizes", List.of(1, 3, 5)));
    assertEquals(Conditions.inLoop(List.of(1, 3, 5)), loops.output("Output", List.class), loops.toString());
  }

  @Test
  void aFailingComponentFailsItsTaskWithTheSameLineAsAGeneratedEntrypoint() {
    RunResult generated = Runners.subprocess(work.resolve("generated")).build().run("partly-failing", Map.of("x", 1));
    RunResult shared = shared(Runners.subprocess(work)).run(project.spec("partly-failing"), Map.of("x", 1));
    assertEquals(RunResult.State.FAILED, shared.state());
    assertEquals(generated.task("boom").error(), shared.task("boom").error());
    assertEquals(generated.task("boom").exitCode(), shared.task("boom").exitCode());
    assertSameRun(generated, shared);
  }

  @Test
  void aCachedResultIsReusedUntilTheComponentsOrTheRuntimesCodeChanges() throws IOException {
    String spec = project.spec("calculate-average");
    Map<String, ?> numbers = Map.of("numbers", List.of(2, 4));
    assertEquals(TaskState.SUCCEEDED, shared(Runners.subprocess(work)).run(spec, numbers).task("add").state());
    assertEquals(TaskState.CACHED, shared(Runners.subprocess(work)).run(spec, numbers).task("add").state());
    assertEquals(TaskState.SUCCEEDED, Runners.subprocess(work).build().run("calculate-average", numbers)
        .task("add").state(), "a generated entrypoint is other code than the shared one");

    Files.writeString(project.holding(SharedProject.SHARED_CLASS_FILE).resolve("changed.txt"), "another runtime");
    RunResult newRuntime = shared(Runners.subprocess(work)).run(spec, numbers);
    assertEquals(TaskState.SUCCEEDED, newRuntime.task("add").state(), "a changed runtime misses");
    assertEquals(3.0, newRuntime.output("Output", Double.class));
    assertEquals(TaskState.CACHED, shared(Runners.subprocess(work)).run(spec, numbers).task("add").state());

    Files.writeString(project.holding("dev/kfp4j/local/fixtures/Average.class").resolve("changed.txt"), "a helper");
    assertEquals(TaskState.SUCCEEDED, shared(Runners.subprocess(work)).run(spec, numbers).task("add").state(),
        "a changed component project misses");
  }

  @Test
  void aComponentWhoseClassOrDescriptorIsMissingFailsBeforeTheRunNamingItsAddress() throws IOException {
    LocalRunException noClass = assertThrows(LocalRunException.class, () -> shared(Runners.subprocess(work))
        .run(respelled("com.acme.Gone#add").toString(), Map.of("numbers", List.of(1))));
    assertEquals(LocalRunException.Kind.CLASSPATH, noClass.kind());
    assertEquals("component com.acme.Gone#add (run by the shared entrypoint): class com.acme.Gone is not on the "
        + "classpath; build the project that defines the pipeline, or pass --classpath", noClass.getMessage());

    // A static method of a class on the classpath that is no @Component: no descriptor.
    LocalRunException noDescriptor = assertThrows(LocalRunException.class, () -> shared(Runners.inProcess(work))
        .run(respelled("dev.kfp4j.local.fixtures.Fixtures#append").toString(), Map.of("numbers", List.of(1))));
    assertEquals(LocalRunException.Kind.CLASSPATH, noDescriptor.kind());
    assertTrue(noDescriptor.getMessage().startsWith("component dev.kfp4j.local.fixtures.Fixtures#append (run by the "
        + "shared entrypoint): no component descriptor "
        + "META-INF/kfp4j/components/dev.kfp4j.local.fixtures.Fixtures.append.component on the classpath"),
        noDescriptor.getMessage());
    assertTrue(noDescriptor.getMessage().endsWith("build the project that defines the pipeline with the kfp4j "
        + "processor, or pass --classpath"), noDescriptor.getMessage());
    assertFalse(Files.exists(work.resolve("runs").resolve("calculate-average")), "no run was started");
  }

  @Test
  void aTaskJvmWhoseDescriptorNoLongerMatchesTheMethodFailsSayingSo() throws IOException {
    // div's descriptor (two inputs) as add's (one parameter), first on the task JVMs' classpath with the class it
    // describes (the shared entrypoint reads the descriptor next to the class): classes and descriptors of
    // different builds.
    String path = new ComponentAddress("dev.kfp4j.local.fixtures.Average", "add").descriptorPath();
    Path stale = work.resolve("stale");
    Files.createDirectories(stale.resolve(path).getParent());
    Files.writeString(stale.resolve(path), Files.readString(project.holding(path).resolve(path.replace(".add.", ".div.")))
        .replace("method=div", "method=add"));
    String classFile = "dev/kfp4j/local/fixtures/Average.class";
    Files.createDirectories(stale.resolve(classFile).getParent());
    Files.copy(project.holding(classFile).resolve(classFile), stale.resolve(classFile));
    List<Path> entries = new ArrayList<>(project.classpath().entries());
    entries.add(0, stale);
    RunResult result = Runners.subprocess(work).classpath(Classpath.of(entries)).build()
        .run(project.spec("calculate-average"), Map.of("numbers", List.of(1)));
    assertEquals(RunResult.State.FAILED, result.state());
    String error = result.task("add").error().orElseThrow();
    assertTrue(error.startsWith("kfp4j: shared entrypoint: component dev.kfp4j.local.fixtures.Average#add: its "
        + "descriptor " + path + " does not match the method"), error);
    assertTrue(error.endsWith("rebuild the project"), error);
  }

  @Test
  void aCommandThatEndsWithTheSharedEntrypointButNoAddressIsABadSpec() throws IOException {
    String spec = Files.readString(Path.of(project.spec("calculate-average")));
    Path noAddress = work.resolve("no-address.yaml");
    Files.writeString(noAddress, spec.replace("\n        - \"dev.kfp4j.local.fixtures.Average#add\"", ""));
    LocalRunException e = assertThrows(LocalRunException.class,
        () -> shared(Runners.inProcess(work)).plan(noAddress.toString()));
    assertEquals(LocalRunException.Kind.BAD_SPEC, e.kind());
    assertTrue(e.getMessage().contains("its command ends with the shared entrypoint but names no component after it"),
        e.getMessage());

    Path otherMain = work.resolve("other-main.yaml");
    Files.writeString(otherMain, spec.replace("- \"" + ComponentAddress.SHARED_ENTRYPOINT + "\"\n        - \""
        + "dev.kfp4j.local.fixtures.Average#add\"", "- \"com.acme.Main\"\n        - \"dev.kfp4j.local.fixtures.Average#add\""));
    LocalRunException other = assertThrows(LocalRunException.class,
        () -> shared(Runners.inProcess(work)).plan(otherMain.toString()));
    assertTrue(other.getMessage().contains("the main class before it is 'com.acme.Main'"), other.getMessage());
  }

  @Test
  void parameterMessagesNameTheComponentsJavaTypesWithoutAPipelineDescriptor() throws IOException {
    // Renamed, the pipeline has no descriptor: the parameter's type comes from the component the address names.
    Path renamed = work.resolve("renamed.yaml");
    Files.writeString(renamed, Files.readString(Path.of(project.spec("calculate-average")))
        .replace("name: \"calculate-average\"", "name: \"calculate-average-renamed\""));
    LocalRunException e = assertThrows(LocalRunException.class,
        () -> shared(Runners.inProcess(work)).run(renamed.toString(), Map.of("numbers", "1,2,3")));
    assertTrue(e.getMessage().startsWith("pipeline 'calculate-average-renamed'"), e.getMessage());
    assertTrue(e.getMessage().contains("parameter 'numbers' must be List<Integer>, got '\"1,2,3\"'"), e.getMessage());
  }

  /** The shared-mode calculate-average spec with its add step running the component at {@code address}. */
  private Path respelled(String address) throws IOException {
    Path spec = work.resolve(address.replace('#', '-') + ".yaml");
    Files.writeString(spec, Files.readString(Path.of(project.spec("calculate-average")))
        .replace("\"dev.kfp4j.local.fixtures.Average#add\"", "\"" + address + "\""));
    return spec;
  }

  private LocalRunner shared(LocalRunner.Builder builder) {
    return builder.classpath(project.classpath()).build();
  }

  /** The same tasks in the same states, with the same errors and the same outputs (artifacts by their content). */
  private static void assertSameRun(RunResult generated, RunResult shared) {
    assertEquals(generated.state(), shared.state(), generated + " / " + shared);
    Map<String, String> generatedTasks = new TreeMap<>();
    Map<String, String> sharedTasks = new TreeMap<>();
    generated.tasks().forEach((path, task) -> generatedTasks.put(path, task.state() + " " + task.error().orElse("")));
    shared.tasks().forEach((path, task) -> sharedTasks.put(path, task.state() + " " + task.error().orElse("")));
    assertEquals(generatedTasks, sharedTasks, generated.info().pipeline());
    assertEquals(generated.outputs().keySet(), shared.outputs().keySet());
    for (String output : generated.outputs().keySet()) {
      JsonNode expected = generated.outputJson(output);
      JsonNode actual = shared.outputJson(output);
      if (expected instanceof ObjectNode object && object.has("artifact")) {
        object.remove("artifact"); // where it lives: each run's own folder
        ((ObjectNode) actual).remove("artifact");
      }
      assertEquals(expected, actual, generated.info().pipeline() + " output " + output);
    }
  }
}
