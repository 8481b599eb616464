package dev.kfp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.local.run.RunDirectory;
import dev.kfp4j.local.run.RunRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What the command prints when a run's folder or values are not what they should be. */
class CliHardeningTest {

  @TempDir Path work;

  private record Result(int code, String out, String err) {}

  private Result kfp4j(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--work-dir", work.toString()));
    int code = commandLine.execute(all.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void aFailedInitStepHasOnePrefixAndItsRunIsListedAsFailed() {
    Result run = kfp4j("run", "greeting", "-p", "name=x", "-p", "times=1", "--in-process", "--plain",
        "--root", "http://127.0.0.1:9/values/");
    assertTrue(run.code() != 0, run.err());
    assertTrue(run.err().contains("kfp4j: init: "), run.err());
    assertFalse(run.err().contains("kfp4j: kfp4j:"), run.err());
    Result runs = kfp4j("runs");
    assertTrue(runs.out().contains("failed"), runs.out());
  }

  @Test
  void showPrintsAnEditedValueAsOneLineNotAStackTrace() throws Exception {
    assertEquals(0, kfp4j("run", "greeting", "-p", "name=you", "-p", "times=1", "--in-process").code());
    RunRecord run = RunDirectory.list(work.resolve("runs")).get(0);
    try (var files = Files.walk(work.resolve("runs").resolve(run.runId()).resolve("values"))) {
      for (Path value : files.filter(p -> p.toString().endsWith("Output.json")).toList()) {
        Files.writeString(value, "not json {");
      }
    }
    Result show = kfp4j("show", run.runId());
    assertEquals(0, show.code(), show.err());
    assertTrue(show.out().contains("Output  (unreadable: expected com.fasterxml.jackson.databind.JsonNode at $"), show.out());
    assertFalse(show.out().contains("\tat ") || show.err().contains("\tat "), show.out() + show.err());
    assertTrue(show.out().contains("run folder:"), show.out());
  }
}
