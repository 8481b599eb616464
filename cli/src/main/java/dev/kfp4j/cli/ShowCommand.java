package dev.kfp4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kfp4j.local.run.RunDirectory;
import dev.kfp4j.local.run.RunRecord;
import dev.kfp4j.runtime.context.RunContext;
import dev.kfp4j.runtime.artifact.ArtifactManifest;
import dev.kfp4j.runtime.artifact.Artifacts;
import dev.kfp4j.runtime.storage.Addresses;
import dev.kfp4j.runtime.storage.Storage;
import dev.kfp4j.runtime.storage.StorageSettings;
import dev.kfp4j.runtime.value.ValueCodec;
import dev.kfp4j.runtime.value.ValueType;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kfp4j show}: one run, its tasks and its outputs. */
@Command(mixinStandardHelpOptions = true, name = "show", description = "Shows a local run: its parameters, each task's state, and the pipeline's outputs "
    + "with their values.")
public final class ShowCommand implements Callable<Integer>, Kfp4jCommand {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run (see kfp4j runs).")
  String runId;

  @Mixin
  CommonOptions common;

  @Override
  public int order() {
    return 40;
  }

  @Override
  public Integer call() throws Exception {
    RunDirectory directory = RunDirectory.open(common.runsDirectory(), runId);
    RunRecord run = directory.record().orElseThrow();
    PrintWriter out = spec.commandLine().getOut();
    out.printf("run:        %s%npipeline:   %s%nstate:      %s%nstarted:    %s%n", run.runId(), run.pipeline(),
        RunsCommand.state(run), run.startedAt());
    if (run.resumedAt() != null) {
      out.printf("resumed:    %s%n", run.resumedAt());
    }
    out.printf("took:       %s%nmode:       %s%n", RunsCommand.took(run), run.mode());
    out.println("parameters:");
    run.parameters().forEach((name, value) -> out.println("  " + name + " = " + value));
    out.println("tasks:");
    int width = run.tasks().keySet().stream().mapToInt(String::length).max().orElse(4);
    run.tasks().forEach((path, task) -> out.printf("  %-" + width + "s  %-9s%s%s%n", path, task.state(),
        task.attempts() > 1 ? "  " + task.attempts() + " attempts" : "",
        task.error() == null ? "" : "  " + task.error() + "  (log: " + directory.path().resolve(task.log()) + ")"));
    out.println("outputs:");
    URI root = URI.create(run.root());
    try (Storage storage = Storage.create(List.of(root), StorageSettings.fromEnvironment())) {
      for (Map.Entry<String, String> output : run.outputs().entrySet()) {
        Optional<URI> address = address(directory, output.getValue());
        if (address.isEmpty()) {
          out.println("  " + output.getKey() + "  (not produced)");
          continue;
        }
        Optional<ArtifactManifest> artifact = Artifacts.find(storage, address.get());
        if (artifact.isPresent()) {
          out.println("  " + output.getKey() + " = " + Artifacts.describe(artifact.get()) + "  ("
              + Addresses.redact(address.get()) + ")");
          continue;
        }
        try (InputStream in = storage.read(address.get())) {
          JsonNode value = ValueCodec.get().decode(in, ValueType.of(JsonNode.class));
          out.println("  " + output.getKey() + " = " + ReadableValues.of(value) + "  (" + Addresses.redact(address.get()) + ")");
        } catch (java.io.IOException e) {
          // One value that cannot be shown (removed, edited by hand) does not hide the rest of the run.
          out.println("  " + output.getKey() + "  (unreadable: " + e.getMessage() + ")  (" + Addresses.redact(address.get())
              + ")");
        }
      }
    }
    out.printf("run folder: %s%nvalues:     %s%ncontexts:   %s%nlogs:       %s%n", directory.path(), run.root(),
        directory.contexts(), directory.logs());
    out.flush();
    return Kfp4jExitCodes.OK;
  }

  private static Optional<URI> address(RunDirectory directory, String valueName) throws Exception {
    Path context = directory.context(valueName.substring(0, valueName.lastIndexOf('.')));
    if (!Files.isRegularFile(context)) {
      return Optional.empty();
    }
    return RunContext.parse(Files.readString(context)).address(valueName);
  }
}
