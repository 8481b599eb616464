package dev.kfp4j.e2e;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.kfp4j.runtime.context.RunContext;
import dev.kfp4j.runtime.entrypoint.ExitCode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to the example's generated entrypoints, each in its own JVM: one line on stderr naming the component,
 * the input, the address and what was wrong; the documented exit code; nothing left behind.
 */
class EntrypointFailureTest {

  private static final String ADD = "dev.kfp4j.example.avg.Average_AddEntrypoint";
  private static final String DIV = "dev.kfp4j.example.avg.Average_DivEntrypoint";

  private RunFolder run;
  private Path outputContext;

  @BeforeEach
  void runFolder(@TempDir Path temp) throws Exception {
    run = RunFolder.in(temp);
    outputContext = run.context("out.json");
  }

  @Test
  void valueMissingFromTheContext() throws Exception {
    String context = RunContext.create("e2e-fail", run.root()).with("other", run.put("inputs/other.json", "1")).toJson();

    String line = failsWith(ExitCode.BAD_INPUT, ADD, context);

    assertThat(line).isEqualTo("kfp4j: component 'add': input 'numbers': the context has no value 'numbers'"
        + " (it has: other); bind it with --input numbers=<value name>");
  }

  @Test
  void objectMissingFromStorage() throws Exception {
    URI absent = run.address("inputs/absent.json");
    String context = RunContext.create("e2e-fail", run.root()).with("numbers", absent).toJson();

    String line = failsWith(ExitCode.BAD_INPUT, ADD, context);

    assertThat(line).isEqualTo("kfp4j: component 'add': input 'numbers' at " + absent + ": no such object");
  }

  @Test
  void malformedJsonInAValue() throws Exception {
    URI numbers = run.put("inputs/numbers.json", "[1, 2,");
    String context = RunContext.create("e2e-fail", run.root()).with("numbers", numbers).toJson();

    String line = failsWith(ExitCode.BAD_INPUT, ADD, context);

    assertThat(line).startsWith("kfp4j: component 'add': input 'numbers' at " + numbers
        + ": expected List<Integer> at $[2] (line 1, column 7): malformed JSON: ");
  }

  @Test
  void valueOfTheWrongType() throws Exception {
    URI numbers = run.put("inputs/numbers.json", "[\"a\"]");
    String context = RunContext.create("e2e-fail", run.root()).with("numbers", numbers).toJson();

    String line = failsWith(ExitCode.BAD_INPUT, ADD, context);

    assertThat(line).startsWith("kfp4j: component 'add': input 'numbers' at " + numbers + ": expected ");
    assertThat(line).contains("List<Integer> at $[0] (line 1, column 2): Cannot coerce String value (\"a\")");
  }

  @Test
  void boundValueOfTheWrongType() throws Exception {
    URI sum = run.put("add/Output.json", "2.5");
    URI numbers = run.put("inputs/numbers.json", "[1, 2]");
    String context = RunContext.create("e2e-fail", run.root()).with("numbers", numbers).with("add.Output", sum).toJson();

    String line = failsWith(ExitCode.BAD_INPUT, DIV, context, "--input", "sum=add.Output");

    assertThat(line).startsWith("kfp4j: component 'div': input 'sum' (value 'add.Output') at " + sum + ": expected int");
  }

  @Test
  void exceptionFromTheComponentMethod() throws Exception {
    URI sum = run.put("inputs/sum.json", "0");
    URI numbers = run.put("inputs/numbers.json", "[]");
    String context = RunContext.create("e2e-fail", run.root()).with("sum", sum).with("numbers", numbers).toJson();

    String line = failsWith(ExitCode.COMPONENT_FAILED, DIV, context);

    assertThat(line).startsWith("kfp4j: component 'div': failed in dev.kfp4j.example.avg.Average.div:"
        + " java.lang.IllegalArgumentException: cannot average an empty list (at dev.kfp4j.example.avg.Average.div(");
  }

  @Test
  void malformedContext() throws Exception {
    String line = failsWith(ExitCode.BAD_CONTEXT, ADD, "{\"runId\": \"e2e-fail\", \"root\": ");

    assertThat(line).startsWith("kfp4j: component 'add': context is not valid JSON (line 1, column ");
  }

  @Test
  void contextFileThatDoesNotExist() throws Exception {
    Path missing = run.context("never-written.json");

    String line = failsWith(ExitCode.BAD_CONTEXT, ADD, "--context-file", missing.toString());

    assertThat(line).isEqualTo("kfp4j: component 'add': context file " + missing + " does not exist");
  }

  @Test
  void contextCarryingACredential() throws Exception {
    URI numbers = run.put("inputs/numbers.json", "[1, 2, 3]");
    String context = "{\"runId\":\"e2e-fail\",\"root\":\"" + run.root() + "\",\"values\":{\"numbers\":\"" + numbers
        + "\"},\"token\":\"hunter2-secret\"}";

    String line = failsWith(ExitCode.BAD_CONTEXT, ADD, context);

    assertThat(line).startsWith("kfp4j: component 'add': context field 'token' looks like a credential;"
        + " credentials never travel in a context or an executor input");
    assertThat(line).doesNotContain("hunter2-secret");
  }

  @Test
  void addressOutsideTheRunRootIsRefused() throws Exception {
    Path elsewhere = Files.writeString(run.dir().resolve("elsewhere.json"), "[1, 2, 3]");
    String context = RunContext.create("e2e-fail", run.root()).with("numbers", elsewhere.toUri()).toJson();

    String line = failsWith(ExitCode.BAD_INPUT, ADD, context);

    assertThat(line).startsWith("kfp4j: component 'add': input 'numbers' at " + elsewhere.toUri()
        + ": address refused: outside the configured storage roots");
  }

  /**
   * Runs the entrypoint with {@code --output-context}, checks the exit code, that stderr is one line, and that the
   * run folder is exactly as before (no output object, no output context, no temporary file); returns that line.
   */
  private String failsWith(int exitCode, String entrypoint, String... args) throws Exception {
    Set<String> before = run.files();
    List<String> command = new ArrayList<>(List.of(args));
    command.add("--output-context");
    command.add(outputContext.toString());

    EntrypointProcess.Result result = EntrypointProcess.run(run.dir(), entrypoint, command.toArray(String[]::new));

    assertWithMessage("%s", result).that(result.exitCode()).isEqualTo(exitCode);
    assertWithMessage("%s", result).that(result.stderrLines()).hasSize(1);
    assertWithMessage("%s", result).that(result.stdout()).isEmpty();
    assertThat(Files.exists(outputContext)).isFalse();
    assertThat(run.files()).containsExactlyElementsIn(before);
    return result.stderrLines().get(0);
  }
}
