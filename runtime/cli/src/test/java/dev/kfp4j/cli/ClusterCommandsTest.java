package dev.kfp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The Argo and Kubeflow Pipelines commands are subcommands of the one {@code kfp4j} command, found through
 * ServiceLoader like any plug-in. (Talking to a cluster is tested in kfp4j-argo and kfp4j-kfp-client.)
 */
class ClusterCommandsTest {

  private record Result(int code, String out, String err) {}

  private static Result kfp4j(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void helpListsTheLocalArgoAndKfpCommands() {
    Result help = kfp4j("--help");
    assertEquals(0, help.code());
    for (String command : List.of("run", "list", "runs", "show", "submit", "status", "logs", "workflows", "stop",
        "delete", "kfp")) {
      assertTrue(help.out().lines().anyMatch(line -> line.startsWith("  " + command + " ")),
          "'" + command + "' in\n" + help.out());
    }
    // Local commands first, then Argo's in their own order, then the kfp group.
    assertTrue(help.out().indexOf("  show ") < help.out().indexOf("  submit "), help.out());
    assertTrue(help.out().indexOf("  submit ") < help.out().indexOf("  delete "), help.out());
    assertTrue(help.out().indexOf("  workflows ") < help.out().indexOf("  kfp "), help.out());
  }

  @Test
  void argoCommandsHaveTheirOwnHelp() {
    Result submit = kfp4j("submit", "--help");
    assertEquals(0, submit.code(), submit.err());
    assertTrue(submit.out().startsWith("Usage: kfp4j submit "), submit.out());
    for (String option : List.of("--param", "--generate-name", "--storage-secret", "--namespace", "--no-wait")) {
      assertTrue(submit.out().contains(option), option + " in\n" + submit.out());
    }
    for (String command : List.of("status", "logs", "workflows", "stop", "delete")) {
      Result help = kfp4j(command, "--help");
      assertEquals(0, help.code(), command + ": " + help.err());
      assertTrue(help.out().startsWith("Usage: kfp4j " + command + " "), help.out());
    }
  }

  @Test
  void kfpIsAGroupWithItsSubcommands() {
    Result kfp = kfp4j("kfp", "--help");
    assertEquals(0, kfp.code(), kfp.err());
    for (String command : List.of("upload", "run", "wait", "runs", "terminate")) {
      assertTrue(kfp.out().lines().anyMatch(line -> line.startsWith("  " + command + " ")),
          "'" + command + "' in\n" + kfp.out());
    }
    Result run = kfp4j("kfp", "run", "--help");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().startsWith("Usage: kfp4j kfp run "), run.out());
  }

  @Test
  void theCommandsRunThroughKfp4j() {
    // Both fail before any network request: the pipeline is not on the classpath.
    Result submit = kfp4j("submit", "no-such-pipeline");
    assertEquals(3, submit.code());
    assertTrue(submit.err().startsWith("kfp4j: no compiled pipeline 'no-such-pipeline' on the classpath"), submit.err());
    assertEquals(1, submit.err().lines().count(), submit.err());

    Result run = kfp4j("kfp", "run", "no-such-pipeline", "--host", "http://127.0.0.1:9");
    assertEquals(3, run.code());
    assertTrue(run.err().startsWith("kfp4j kfp: ") && run.err().contains("no-such-pipeline"), run.err());
  }
}
