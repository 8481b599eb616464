package dev.kfp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.local.exec.Classpath;
import dev.kfp4j.wire.ComponentAddress;
import dev.kfp4j.wire.ResourceLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import dev.kfp4j.local.run.RunDirectory;
import dev.kfp4j.local.run.RunRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The kfp4j command: run, list, runs, show, exit codes, help, and subcommands from other jars. */
class MainTest {

  @TempDir
  Path work;

  private record Result(int code, String out, String err) {}

  private Result kfp4j(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(args));
    if (args.length > 0 && List.of("run", "list", "runs", "show").contains(args[0]) && !all.contains("--help")) {
      all.addAll(List.of("--work-dir", work.toString()));
    }
    int code = commandLine.execute(all.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void runPrintsTheOutputOnStdoutAndWhereTheRunIs() {
    Result result = kfp4j("run", "greeting", "--param", "name=kfp4j world", "-p", "times=2", "--in-process");
    assertEquals(0, result.code(), result.err());
    assertEquals("hello kfp4j world hello kfp4j world", result.out().strip(), "a String result prints as its text");
    assertTrue(result.err().contains("succeeded"), result.err());
    assertTrue(result.err().contains("values:     file://" + work.resolve("runs")), result.err());
    assertTrue(result.err().contains("contexts:   " + work.resolve("runs")), result.err());
  }

  @Test
  void aFailedRunExitsWithOneAndNamesTheTask() {
    Result result = kfp4j("run", "greeting", "-p", "name=x", "-p", "times=-1", "--in-process", "--plain");
    assertEquals(Kfp4jExitCodes.RUN_FAILED, result.code());
    assertTrue(result.err().contains("failed: greet"), result.err());
    assertTrue(result.err().contains("times must not be negative"), result.err());
    assertTrue(result.err().contains("resume with: kfp4j run --resume greeting-"), result.err());
  }

  @Test
  void badParametersExitWithTwo() {
    Result unknown = kfp4j("run", "greeting", "-p", "name=x", "-p", "times=1", "-p", "colour=red");
    assertEquals(Kfp4jExitCodes.USAGE, unknown.code());
    assertTrue(unknown.err().contains("kfp4j: pipeline 'greeting': unknown parameter 'colour'"), unknown.err());
    Result mistyped = kfp4j("run", "greeting", "-p", "name=x", "-p", "times=many");
    assertEquals(Kfp4jExitCodes.USAGE, mistyped.code());
    assertTrue(mistyped.err().contains("parameter 'times' must be int, got 'many'; give --param times=42"),
        mistyped.err());
    assertEquals(Kfp4jExitCodes.USAGE, kfp4j("run").code());
  }

  @Test
  void entrypointsInImagesNeedAContainerEngine() {
    Result result = kfp4j("run", "greeting", "-p", "name=x", "-p", "times=1", "--containers", "host", "--in-images");
    assertEquals(Kfp4jExitCodes.USAGE, result.code());
    assertTrue(result.err().contains("--in-images runs entrypoints in their images, which needs --containers auto,"
        + " podman or docker, not host"), result.err());
  }

  @Test
  void unknownPipelineOrRunExitsWithThree() {
    Result pipeline = kfp4j("run", "greetings", "-p", "name=x");
    assertEquals(Kfp4jExitCodes.NOT_FOUND, pipeline.code());
    // The classpath also holds kfp4j-kfp-client's test fixture (calculate-average), for the kfp commands' tests.
    assertTrue(pipeline.err().contains("no pipeline 'greetings' on the classpath; found: calculate-average, greeting"),
        pipeline.err());
    assertEquals(Kfp4jExitCodes.NOT_FOUND, kfp4j("show", "no-such-run").code());
    assertEquals(Kfp4jExitCodes.NOT_FOUND, kfp4j("run", "--resume", "no-such-run").code());
  }

  @Test
  void listRunsAndShow() {
    Result list = kfp4j("list");
    assertEquals(0, list.code());
    assertTrue(list.out().contains("greeting(name: String, times: int)  Greets someone"), list.out());
    assertTrue(list.out().contains("greet(name, times)  dev.kfp4j.cli.fixtures.Greeting.greet"), list.out());

    assertEquals(0, kfp4j("run", "greeting", "-p", "name=you", "-p", "times=1", "--in-process").code());
    RunRecord run = RunDirectory.list(work.resolve("runs")).get(0);
    Result runs = kfp4j("runs");
    assertTrue(runs.out().contains(run.runId()) && runs.out().contains("succeeded") && runs.out().contains("1/1 done"),
        runs.out());
    Result show = kfp4j("show", run.runId());
    assertEquals(0, show.code(), show.err());
    assertTrue(show.out().contains("Output = hello you  ("), show.out());
    assertTrue(show.out().contains("name = you"), show.out());
  }

  @Test
  void helpListsCommandsPlugInsAndExitCodes() {
    Result help = kfp4j("--help");
    assertEquals(0, help.code());
    for (String text : List.of("run", "list", "runs", "show", "hello", "Exit codes:", "130  interrupted")) {
      assertTrue(help.out().contains(text), text + " in\n" + help.out());
    }
    assertTrue(help.out().indexOf("  run") < help.out().indexOf("  hello"), "built-in commands first");
    Result runHelp = kfp4j("run", "--help");
    for (String text : List.of("--param", "--in-process", "--parallelism", "--no-cache", "--resume", "--root",
        "kfp4j run calculate-average --param numbers=[1,2,3]")) {
      assertTrue(runHelp.out().contains(text), text + " in\n" + runHelp.out());
    }
    assertEquals(0, kfp4j("hello").code());
  }

  /**
   * {@code kfp4j run} on a project whose specs run the runtime's shared entrypoint
   * ({@code -Akfp4j.entrypoints=shared}): its class folder without generated entrypoint classes, each Java step's
   * command ending with {@code dev.kfp4j.runtime.entrypoint.SharedEntrypoint dev.kfp4j.cli.fixtures.Greeting#greet}.
   */
  @Nested
  class SharedEntrypoint {

    private Path spec;
    private String classpath;

    /**
     * The shared-entrypoint build of this module's test pipeline (the pom's {@code shared-entrypoints} compile), and
     * a classpath with it in place of the generated build.
     */
    @BeforeEach
    void sharedProject() throws IOException {
      Path shared = Path.of(System.getProperty("kfp4j.test.sharedClasses"));
      spec = shared.resolve(ResourceLayout.pipelineSpec("greeting"));
      assertTrue(Files.readString(spec).contains("- \"" + ComponentAddress.SHARED_ENTRYPOINT + "\"\n        - "
          + "\"dev.kfp4j.cli.fixtures.Greeting#greet\"\n"), Files.readString(spec));
      assertFalse(Files.exists(shared.resolve("dev/kfp4j/cli/fixtures/Greeting_GreetEntrypoint.class")));
      Path generated = Path.of(Main.class.getClassLoader().getResource(ResourceLayout.pipelineSpec("greeting")).getPath())
          .getParent().getParent().getParent().getParent();
      List<String> entries = new ArrayList<>(List.of(shared.toString()));
      Classpath.current().expanded().stream().filter(entry -> !entry.equals(generated.toAbsolutePath().normalize()))
          .forEach(entry -> entries.add(entry.toString()));
      classpath = String.join(java.io.File.pathSeparator, entries);
    }

    /** {@code kfp4j run SPEC ARGS… --classpath CLASSPATH --plain}. */
    private Result run(Path pipeline, String... args) {
      List<String> all = new ArrayList<>(List.of("run", pipeline.toString()));
      all.addAll(List.of(args));
      all.addAll(List.of("--classpath", classpath, "--plain"));
      return kfp4j(all.toArray(String[]::new));
    }

    @Test
    void runsEachStepThroughTheSharedEntrypointInItsOwnJvm() throws IOException {
      Result result = run(spec, "-p", "name=shared", "-p", "times=2");
      assertEquals(Kfp4jExitCodes.OK, result.code(), result.err());
      assertEquals("hello shared hello shared", result.out().strip());
      try (Stream<Path> logs = Files.walk(work.resolve("runs"))) {
        Path log = logs.filter(file -> file.toString().endsWith("greet.log")).findFirst().orElseThrow();
        assertTrue(Files.readString(log).contains("dev.kfp4j.cli.fixtures.Greeting#greet, subprocess"),
            Files.readString(log));
      }
      Result again = run(spec, "-p", "name=shared", "-p", "times=2");
      assertEquals(Kfp4jExitCodes.OK, again.code(), again.err());
      assertTrue(again.err().contains("cached"), again.err());
    }

    @Test
    void aFailingComponentExitsWithOneAndItsLine() {
      Result result = run(spec, "-p", "name=x", "-p", "times=-1", "--in-process");
      assertEquals(Kfp4jExitCodes.RUN_FAILED, result.code());
      assertTrue(result.err().contains("failed: greet"), result.err());
      assertTrue(result.err().contains("times must not be negative"), result.err());
    }

    @Test
    void aComponentThatIsNotOnTheClasspathExitsWithFourNamingItsAddress() throws IOException {
      Path gone = work.resolve("gone.yaml");
      Files.writeString(gone, Files.readString(spec).replace("Greeting#greet", "Gone#greet"));
      Result result = run(gone, "-p", "name=x", "-p", "times=1");
      assertEquals(Kfp4jExitCodes.BAD_PIPELINE, result.code(), result.err());
      assertTrue(result.err().contains("component dev.kfp4j.cli.fixtures.Gone#greet (run by the shared entrypoint): class "
          + "dev.kfp4j.cli.fixtures.Gone is not on the classpath; build the project that defines the pipeline, or pass "
          + "--classpath"), result.err());
      assertFalse(result.err().contains("Exception"), result.err());
    }
  }
}
