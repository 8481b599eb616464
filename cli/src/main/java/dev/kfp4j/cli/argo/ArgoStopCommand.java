package dev.kfp4j.cli.argo;

import dev.kfp4j.cli.Kfp4jExitCodes;
import dev.kfp4j.cluster.argo.ArgoWorkflows;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kfp4j argo stop}: asks Argo to stop a workflow (exit handlers run), or with {@code --terminate} to end it now. */
@Command(name = "stop", mixinStandardHelpOptions = true,
    description = "Stop a workflow (running steps end, exit handlers run); --terminate ends it without exit handlers.")
public final class ArgoStopCommand extends ArgoCommand {

  @Parameters(index = "0", paramLabel = "WORKFLOW", description = "the workflow's name")
  String name;

  @Option(names = "--terminate", description = "terminate: no exit handlers")
  boolean terminate;

  /** Connects through {@code connect}. */
  public ArgoStopCommand(Supplier<ArgoWorkflows> connect) {
    super(connect);
  }

  @Override
  int run(ArgoWorkflows argo) {
    String ns = namespace(argo);
    if (terminate) {
      argo.terminate(ns, name);
    } else {
      argo.stop(ns, name);
    }
    out().println((terminate ? "terminating " : "stopping ") + name);
    out().flush();
    return Kfp4jExitCodes.OK;
  }
}
