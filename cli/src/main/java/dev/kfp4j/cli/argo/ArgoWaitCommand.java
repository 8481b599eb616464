package dev.kfp4j.cli.argo;

import dev.kfp4j.cli.WaitTimeout;
import dev.kfp4j.cluster.argo.ArgoWorkflows;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kfp4j argo wait}: waits for a submitted workflow to end, as {@code submit} does, and exits with its outcome. */
@Command(name = "wait", mixinStandardHelpOptions = true,
    description = "Wait for a workflow to end, printing each step's progress; on failure, the failed steps' logs.")
public final class ArgoWaitCommand extends ArgoCommand {

  @Parameters(index = "0", paramLabel = "WORKFLOW", description = "the workflow's name")
  String name;

  @Option(names = "--read-outputs", description = "read the outputs' values from storage and print them")
  boolean readOutputs;

  @Mixin
  WaitTimeout timeout;

  /** Connects through {@code connect}. */
  public ArgoWaitCommand(Supplier<ArgoWorkflows> connect) {
    super(connect);
  }

  @Override
  int run(ArgoWorkflows argo) {
    return ArgoSubmitCommand.watch(argo, namespace(argo), name, out(), false, timeout.get(), readOutputs);
  }
}
