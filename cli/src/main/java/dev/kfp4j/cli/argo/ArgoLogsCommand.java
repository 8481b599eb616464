package dev.kfp4j.cli.argo;

import dev.kfp4j.cli.Kfp4jExitCodes;
import dev.kfp4j.cli.WaitTimeout;
import dev.kfp4j.cluster.argo.ArgoException;
import dev.kfp4j.cluster.argo.ArgoWorkflows;
import dev.kfp4j.cluster.argo.LogFollower;
import dev.kfp4j.cluster.argo.NodeRun;
import dev.kfp4j.cluster.argo.PodLogs;
import dev.kfp4j.cluster.argo.WorkflowRun;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kfp4j argo logs}: the logs of a workflow's steps, each line prefixed with its step. */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Print the logs of a workflow's steps.")
public final class ArgoLogsCommand extends ArgoCommand {

  @Parameters(index = "0", paramLabel = "WORKFLOW", description = "the workflow's name")
  String name;

  @Option(names = "--step", paramLabel = "STEP", description = "only this step (its display name)")
  String step;

  @Option(names = {"-f", "--follow"}, description = "keep streaming until the workflow ends")
  boolean follow;

  @Mixin
  WaitTimeout timeout;

  /** Connects through {@code connect}. */
  public ArgoLogsCommand(Supplier<ArgoWorkflows> connect) {
    super(connect);
  }

  @Override
  int run(ArgoWorkflows argo) {
    String ns = namespace(argo);
    PodLogs logs = new PodLogs(argo.client());
    if (follow) {
      try (LogFollower follower = new LogFollower(logs, out())) {
        argo.watch(ns, name, follower, timeout.get());
        follower.finish(Duration.ofSeconds(10));
      }
      return Kfp4jExitCodes.OK;
    }
    WorkflowRun run = argo.get(ns, name);
    List<NodeRun> steps = run.nodes().stream().filter(NodeRun::isPod)
        .filter(n -> step == null || n.displayName().equals(step)).toList();
    if (steps.isEmpty() && step != null) {
      throw new ArgoException("workflow '" + name + "' has no step '" + step + "'; its steps: "
          + String.join(", ", run.nodes().stream().filter(NodeRun::isPod).map(NodeRun::displayName).toList()));
    }
    for (NodeRun node : steps) {
      String log = logs.read(ns, logs.podName(run, node));
      log.lines().forEach(line -> out().println("[" + node.displayName() + "] " + line));
    }
    out().flush();
    return Kfp4jExitCodes.OK;
  }
}
