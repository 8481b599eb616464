package dev.kfp4j.cli;

import dev.kfp4j.local.PipelineCatalog;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code kfp4j list}: the pipelines and components on the classpath. */
@Command(mixinStandardHelpOptions = true, name = "list", description = "Lists the compiled pipelines (with their parameters) and components found on the classpath.")
public final class ListCommand implements Callable<Integer>, Kfp4jCommand {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  CommonOptions common;

  @Override
  public int order() {
    return 20;
  }

  @Override
  public Integer call() {
    PipelineCatalog catalog = new PipelineCatalog(common.classpath());
    PrintWriter out = spec.commandLine().getOut();
    List<PipelineCatalog.PipelineEntry> pipelines = catalog.pipelines();
    out.println("Pipelines (" + pipelines.size() + "):");
    for (PipelineCatalog.PipelineEntry pipeline : pipelines) {
      out.println("  " + pipeline.name() + "(" + parameters(pipeline.parameters()) + ")"
          + (pipeline.description().isEmpty() ? "" : "  " + pipeline.description()));
      out.println("      " + pipeline.location());
    }
    List<PipelineCatalog.ComponentEntry> components = catalog.components();
    out.println("Components (" + components.size() + "):");
    for (PipelineCatalog.ComponentEntry component : components) {
      out.println("  " + component.name() + "(" + String.join(", ", component.inputs()) + ")  " + component.method());
    }
    if (pipelines.isEmpty()) {
      out.println("No compiled pipelines found: build the project (the kfp4j processor writes META-INF/kfp4j/<name>/"
          + "pipeline.yaml), or pass --classpath.");
    }
    out.flush();
    return Kfp4jExitCodes.OK;
  }

  private static String parameters(Map<String, String> parameters) {
    return parameters.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
  }
}
