package dev.kfp4j.cli.argo;

import dev.kfp4j.cli.Kfp4jExitCodes;
import dev.kfp4j.cluster.argo.ArgoWorkflows;
import dev.kfp4j.cluster.argo.WorkflowRun;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kfp4j argo list} (formerly {@code kfp4j workflows}): the workflows of a namespace, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List workflows, newest first.")
public final class ArgoListCommand extends ArgoCommand {

  @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "only workflows with this label")
  Map<String, String> labels = new LinkedHashMap<>();

  /** Connects through {@code connect}. */
  public ArgoListCommand(Supplier<ArgoWorkflows> connect) {
    super(connect);
  }

  @Override
  int run(ArgoWorkflows argo) {
    for (WorkflowRun run : argo.list(namespace(argo), labels)) {
      out().println(run.name() + "  " + (run.phase().isEmpty() ? "Pending" : run.phase())
          + run.startedAt().map(t -> "  " + t).orElse(""));
    }
    out().flush();
    return Kfp4jExitCodes.OK;
  }
}
