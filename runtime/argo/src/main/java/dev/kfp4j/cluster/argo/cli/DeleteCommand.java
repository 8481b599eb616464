package dev.kfp4j.cluster.argo.cli;

import dev.kfp4j.cluster.argo.ArgoWorkflows;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kfp4j delete}: deletes a workflow and, with it, its pods. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a workflow (and its pods).")
public final class DeleteCommand extends ArgoCommand {

  @Parameters(index = "0", paramLabel = "WORKFLOW", description = "the workflow's name")
  String name;

  /** Connects with fabric8's default configuration. */
  public DeleteCommand() {
    this(ArgoWorkflows::connect);
  }

  /** Connects through {@code connect}. */
  public DeleteCommand(Supplier<ArgoWorkflows> connect) {
    super(connect);
  }

  @Override
  int run(ArgoWorkflows argo) {
    argo.delete(namespace(argo), name);
    out().println("deleted " + name);
    out().flush();
    return OK;
  }
}
