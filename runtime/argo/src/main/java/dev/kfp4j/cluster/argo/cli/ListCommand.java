package dev.kfp4j.cluster.argo.cli;

import dev.kfp4j.cluster.argo.ArgoWorkflows;
import dev.kfp4j.cluster.argo.WorkflowRun;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kfp4j workflows}: the workflows of a namespace, newest first. (Not {@code list}: that name is the
 * local command listing the pipelines on the classpath.)
 */
@Command(name = "workflows", mixinStandardHelpOptions = true, description = "List workflows, newest first.")
public final class ListCommand extends ArgoCommand {

  @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "only workflows with this label")
  Map<String, String> labels = new LinkedHashMap<>();

  /** Connects with fabric8's default configuration. */
  public ListCommand() {
    this(ArgoWorkflows::connect);
  }

  /** Connects through {@code connect}. */
  public ListCommand(Supplier<ArgoWorkflows> connect) {
    super(connect);
  }

  @Override
  int run(ArgoWorkflows argo) {
    for (WorkflowRun run : argo.list(namespace(argo), labels)) {
      out().println(run.name() + "  " + (run.phase().isEmpty() ? "Pending" : run.phase())
          + run.startedAt().map(t -> "  " + t).orElse(""));
    }
    out().flush();
    return OK;
  }
}
