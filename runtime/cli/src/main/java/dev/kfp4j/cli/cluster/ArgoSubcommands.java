package dev.kfp4j.cli.cluster;

import dev.kfp4j.cli.Kfp4jCommand;
import dev.kfp4j.cluster.argo.ArgoWorkflows;
import dev.kfp4j.cluster.argo.cli.ArgoCommands;
import java.util.List;

/**
 * Adds the Argo Workflows commands of kfp4j-argo to {@code kfp4j}: {@code submit}, {@code status},
 * {@code logs}, {@code workflows}, {@code stop}, {@code delete}, each connecting with fabric8's default
 * configuration ({@code KUBECONFIG}, {@code ~/.kube/config}, else in-cluster) when it runs.
 */
public final class ArgoSubcommands implements Kfp4jCommand {

  @Override
  public int order() {
    return 50;
  }

  @Override
  public List<Object> commands() {
    return ArgoCommands.all(ArgoWorkflows::connect);
  }
}
