package dev.kfp4j.cluster.argo.cli;

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
 * What every Argo command shares: the namespace option, the cluster connection and the exit codes
 * (0 done, 1 the workflow did not succeed, 2 usage error, 3 error talking to the cluster or reading the spec).
 */
abstract class ArgoCommand implements Callable<Integer> {

  /** The command did what was asked (and a watched workflow succeeded). */
  static final int OK = 0;
  /** A watched workflow failed, errored or was stopped. */
  static final int WORKFLOW_FAILED = 1;
  /** The cluster refused or could not be reached, or the spec could not be loaded. */
  static final int ERROR = 3;

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
      return ERROR;
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
