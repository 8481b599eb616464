package dev.kfp4j.cli.argo;

import dev.kfp4j.cli.Kfp4jExitCodes;
import dev.kfp4j.cli.WaitTimeout;
import dev.kfp4j.cluster.argo.ArgoWorkflows;
import dev.kfp4j.cluster.argo.NodeRun;
import dev.kfp4j.cluster.argo.WorkflowOutputs;
import dev.kfp4j.cluster.argo.WorkflowRun;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kfp4j argo status}: a workflow's phase, its steps and outputs; {@code --watch} follows it to the end. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show a workflow's phase, steps and outputs.")
public final class ArgoStatusCommand extends ArgoCommand {

  @Parameters(index = "0", paramLabel = "WORKFLOW", description = "the workflow's name")
  String name;

  @Option(names = {"-w", "--watch"}, description = "watch it to the end")
  boolean watch;

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "text (default) or json (the whole Workflow)")
  String output = "text";

  @Mixin
  WaitTimeout timeout;

  /** Connects through {@code connect}. */
  public ArgoStatusCommand(Supplier<ArgoWorkflows> connect) {
    super(connect);
  }

  @Override
  int run(ArgoWorkflows argo) {
    String ns = namespace(argo);
    if (watch) {
      return ArgoSubmitCommand.watch(argo, ns, name, out(), false, timeout.get(), false);
    }
    if (output.equals("json")) {
      out().println(argo.getJson(ns, name).toPrettyString());
      out().flush();
      return Kfp4jExitCodes.OK;
    }
    WorkflowRun run = argo.get(ns, name);
    out().println(run.name() + "  " + (run.phase().isEmpty() ? "Pending" : run.phase())
        + run.duration().map(d -> "  " + d.toSeconds() + "s").orElse("")
        + (run.message().isEmpty() ? "" : "  " + run.message())
        + (run.shutdown().isEmpty() ? "" : "  (shutdown: " + run.shutdown() + ")"));
    for (NodeRun node : run.nodes()) {
      if (node.isPod() || node.type().equals("Skipped")) {
        out().println("  " + node.displayName() + "  " + node.phase()
            + node.duration().map(d -> "  " + d.toSeconds() + "s").orElse("")
            + (node.message().isEmpty() ? "" : "  " + node.message()));
      }
    }
    WorkflowOutputs.addresses(run).forEach((output, address) -> out().println("  = " + output + " " + address));
    out().flush();
    return run.finished() && !run.succeeded() ? Kfp4jExitCodes.RUN_FAILED : Kfp4jExitCodes.OK;
  }
}
