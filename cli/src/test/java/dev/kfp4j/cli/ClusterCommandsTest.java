package dev.kfp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The Argo and Kubeflow Pipelines commands are the {@code argo} and {@code kfp} groups of the one {@code kfp4j}
 * command, found through ServiceLoader like any plug-in; the old top-level Argo verbs are hidden aliases.
 * (Talking to a cluster: {@code ArgoCliTest}, {@code KfpCliTest}; without the clients: {@code LocalOnlyCliTest}.)
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

  private static boolean listed(String help, String command) {
    return help.lines().anyMatch(line -> line.startsWith("  " + command + " "));
  }

  @Test
  void helpListsTheLocalCommandsThenTheArgoAndKfpGroups() {
    Result help = kfp4j("--help");
    assertEquals(0, help.code());
    for (String command : List.of("run", "list", "runs", "show", "argo", "kfp")) {
      assertTrue(listed(help.out(), command), "'" + command + "' in\n" + help.out());
    }
    for (String alias : List.of("submit", "status", "logs", "workflows", "stop", "delete")) {
      assertFalse(listed(help.out(), alias), "the alias '" + alias + "' is hidden:\n" + help.out());
    }
    assertTrue(help.out().indexOf("  show ") < help.out().indexOf("  argo "), help.out());
    assertTrue(help.out().indexOf("  argo ") < help.out().indexOf("  kfp "), help.out());
    assertTrue(help.out().contains("  6  the cluster or the KFP API refused"), help.out());
  }

  @Test
  void argoIsAGroupWithItsVerbs() {
    Result argo = kfp4j("argo", "--help");
    assertEquals(0, argo.code(), argo.err());
    for (String command : List.of("submit", "wait", "status", "logs", "list", "stop", "delete")) {
      assertTrue(listed(argo.out(), command), "'" + command + "' in\n" + argo.out());
    }
    Result submit = kfp4j("argo", "submit", "--help");
    assertEquals(0, submit.code(), submit.err());
    assertTrue(submit.out().startsWith("Usage: kfp4j argo submit "), submit.out());
    for (String option : List.of("--param", "--generate-name", "--storage-secret", "--namespace", "--no-wait",
        "--timeout", "kfp4j argo submit calculate-average")) {
      assertTrue(submit.out().contains(option), option + " in\n" + submit.out());
    }
  }

  @Test
  void theOldArgoVerbsStillHaveTheirHelp() {
    for (String command : List.of("submit", "status", "logs", "workflows", "stop", "delete")) {
      Result help = kfp4j(command, "--help");
      assertEquals(0, help.code(), command + ": " + help.err());
      assertTrue(help.out().startsWith("Usage: kfp4j " + command + " "), help.out());
    }
  }

  @Test
  void kfpIsAGroupWithItsVerbs() {
    Result kfp = kfp4j("kfp", "--help");
    assertEquals(0, kfp.code(), kfp.err());
    for (String command : List.of("upload", "run", "runs", "wait", "terminate")) {
      assertTrue(listed(kfp.out(), command), "'" + command + "' in\n" + kfp.out());
    }
    Result run = kfp4j("kfp", "run", "--help");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().startsWith("Usage: kfp4j kfp run "), run.out());
    assertTrue(run.out().contains("--no-wait") && !run.out().contains("  --wait"), run.out());
  }

  @Test
  void theCommandsRunThroughKfp4jWithTheSharedExitCodes() {
    // All fail before any network request: the pipeline is not on the classpath.
    for (List<String> args : List.of(List.of("argo", "submit", "no-such-pipeline"), List.of("submit", "no-such-pipeline"))) {
      Result submit = kfp4j(args.toArray(String[]::new));
      assertEquals(Kfp4jExitCodes.NOT_FOUND, submit.code(), args.toString());
      assertTrue(submit.err().startsWith("kfp4j: no compiled pipeline 'no-such-pipeline' on the classpath"), submit.err());
      assertEquals(1, submit.err().lines().count(), submit.err());
    }
    Result run = kfp4j("kfp", "run", "no-such-pipeline", "--host", "http://127.0.0.1:9");
    assertEquals(Kfp4jExitCodes.NOT_FOUND, run.code());
    assertTrue(run.err().startsWith("kfp4j kfp: ") && run.err().contains("no-such-pipeline"), run.err());
  }
}
