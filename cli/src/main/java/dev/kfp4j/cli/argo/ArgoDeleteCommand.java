package dev.kfp4j.cli.argo;

import dev.kfp4j.cli.Kfp4jExitCodes;
import dev.kfp4j.cluster.argo.ArgoWorkflows;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kfp4j argo delete}: deletes a workflow and, with it, its pods. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a workflow (and its pods).")
public final class ArgoDeleteCommand extends ArgoCommand {

  @Parameters(index = "0", paramLabel = "WORKFLOW", description = "the workflow's name")
  String name;

  /** Connects through {@code connect}. */
  public ArgoDeleteCommand(Supplier<ArgoWorkflows> connect) {
    super(connect);
  }

  @Override
  int run(ArgoWorkflows argo) {
    argo.delete(namespace(argo), name);
    out().println("deleted " + name);
    out().flush();
    return Kfp4jExitCodes.OK;
  }
}
