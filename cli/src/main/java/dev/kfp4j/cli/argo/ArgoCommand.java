package dev.kfp4j.cli.argo;

import dev.kfp4j.cli.Kfp4jExitCodes;
import dev.kfp4j.cluster.argo.ArgoException;
import dev.kfp4j.cluster.argo.ArgoWorkflows;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every {@code kfp4j argo} command shares: the namespace option, the cluster connection, and
 * turning a client error into one line on stderr and an exit code of {@link Kfp4jExitCodes}.
 */
abstract class ArgoCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE",
      description = "Kubernetes namespace (default: the kubeconfig context's, else 'default')")
  String namespace;

  private final Supplier<ArgoWorkflows> connect;

  ArgoCommand(Supplier<ArgoWorkflows> connect) {
    this.connect = connect;
  }

  @Override
  public final Integer call() {
    try (ArgoWorkflows argo = connect.get()) {
      return run(argo);
    } catch (ArgoException e) {
      err().println("kfp4j: " + e.getMessage());
      err().flush();
      return Kfp4jExitCodes.ofClientError(e.kind());
    }
  }

  abstract int run(ArgoWorkflows argo);


  String namespace(ArgoWorkflows argo) {
    return argo.namespace(Optional.ofNullable(namespace));
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
