package dev.kfp4j.cli.argo;

import dev.kfp4j.cli.Kfp4jExitCodes;
import dev.kfp4j.cli.WaitTimeout;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kfp4j.cluster.argo.ArgoException;
import dev.kfp4j.cluster.argo.ArgoWorkflows;
import dev.kfp4j.cluster.argo.LogFollower;
import dev.kfp4j.cluster.argo.PodLogs;
import dev.kfp4j.cluster.argo.ProgressPrinter;
import dev.kfp4j.cluster.argo.SubmitOptions;
import dev.kfp4j.cluster.argo.WorkflowListener;
import dev.kfp4j.cluster.argo.WorkflowOutputs;
import dev.kfp4j.cluster.argo.WorkflowRun;
import dev.kfp4j.cluster.argo.WorkflowSpecs;
import dev.kfp4j.runtime.context.RunContext;
import dev.kfp4j.runtime.storage.Storage;
import dev.kfp4j.runtime.storage.StorageSettings;
import dev.kfp4j.runtime.value.ValueType;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kfp4j argo submit}: submits a compiled pipeline to Argo Workflows and, unless told not to, watches it to the end. */
@Command(name = "submit", mixinStandardHelpOptions = true,
    description = "Submit a compiled pipeline's Argo Workflow to Kubernetes and wait for it to end, printing each "
        + "step's progress (--no-wait: print the workflow's name and return).",
    footerHeading = "%n",
    footer = {"Example:",
        "  kfp4j argo submit calculate-average -n ml -p numbers='[1,2,3]' --storage-secret minio-creds --read-outputs",
        "",
        "Exits 0 when the workflow succeeded, 1 when it failed, 7 when --timeout came first (see kfp4j --help)."})
public final class ArgoSubmitCommand extends ArgoCommand {

  @Parameters(index = "0", paramLabel = "PIPELINE",
      description = "a pipeline name on the classpath (META-INF/kfp4j/<name>/workflow.yaml) or a workflow.yaml path")
  String pipeline;

  @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "a pipeline parameter's value (JSON for non-strings, e.g. numbers='[1,2,3]')")
  Map<String, String> parameters = new LinkedHashMap<>();

  @Option(names = "--generate-name", paramLabel = "PREFIX", description = "name prefix the API server completes")
  String generateName;

  @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "a label for the Workflow")
  Map<String, String> labels = new LinkedHashMap<>();

  @Option(names = "--service-account", paramLabel = "NAME", description = "service account the steps run as")
  String serviceAccount;

  @Option(names = "--storage-secret", paramLabel = "NAME", description = "Secret holding the storage credentials")
  String storageSecret;

  @Option(names = "--no-wait", description = "return once submitted, printing the workflow's name")
  boolean noWait;

  @Option(names = "--logs", description = "stream every step's log while watching")
  boolean logs;

  @Option(names = "--read-outputs", description = "read the outputs' values from storage and print them")
  boolean readOutputs;

  @Mixin
  WaitTimeout timeout;

  /** Connects through {@code connect}. */
  public ArgoSubmitCommand(Supplier<ArgoWorkflows> connect) {
    super(connect);
  }

  @Override
  int run(ArgoWorkflows argo) {
    SubmitOptions options = SubmitOptions.defaults().withParameters(parameters).withNamespace(namespace(argo));
    options = generateName == null ? options : options.withGenerateName(generateName);
    options = serviceAccount == null ? options : options.withServiceAccount(serviceAccount);
    options = storageSecret == null ? options : options.withStorageSecret(storageSecret);
    for (Map.Entry<String, String> label : labels.entrySet()) {
      options = options.withLabel(label.getKey(), label.getValue());
    }
    WorkflowRun submitted = argo.submit(WorkflowSpecs.load(pipeline, Thread.currentThread().getContextClassLoader()),
        options);
    if (noWait) {
      out().println(submitted.name());
      return Kfp4jExitCodes.OK;
    }
    return watch(argo, submitted.namespace(), submitted.name(), out(), logs, timeout.get(), readOutputs);
  }

  /** Waits to the end, prints failed steps' logs or the outputs; shared with {@code wait} and {@code status --watch}. */
  static int watch(ArgoWorkflows argo, String namespace, String name, PrintWriter out, boolean streamLogs,
      Duration timeout, boolean readValues) {
    PodLogs podLogs = new PodLogs(argo.client());
    WorkflowListener listener = new ProgressPrinter(out);
    LogFollower follower = streamLogs ? new LogFollower(podLogs, out) : null;
    WorkflowRun run;
    try {
      run = argo.watch(namespace, name, follower == null ? listener : listener.andThen(follower), timeout);
    } finally {
      if (follower != null) {
        follower.finish(Duration.ofSeconds(10));
      }
    }
    if (!run.succeeded()) {
      if (!streamLogs) {
        podLogs.failedStepLogs(run).forEach((step, log) -> {
          out.println("--- log of failed step " + step + " ---");
          out.print(log.endsWith("\n") || log.isEmpty() ? log : log + "\n");
        });
      }
      out.flush();
      return Kfp4jExitCodes.RUN_FAILED;
    }
    printOutputs(run, out, readValues);
    return Kfp4jExitCodes.OK;
  }

  private static void printOutputs(WorkflowRun run, PrintWriter out, boolean readValues) {
    // The final context is merged from the nodes' outputs once, and serves both the addresses and the roots.
    Optional<RunContext> context = WorkflowOutputs.context(run);
    Map<String, URI> addresses = context.map(RunContext::values).orElseGet(TreeMap::new);
    if (addresses.isEmpty()) {
      out.flush();
      return;
    }
    out.println("outputs:");
    if (!readValues) {
      addresses.forEach((name, address) -> out.println("  " + name + " = " + address));
      out.flush();
      return;
    }
    StorageSettings settings = StorageSettings.fromEnvironment();
    // The run's root, plus any configured roots (parameters may live elsewhere), as the entrypoint allows.
    List<URI> roots = new ArrayList<>(List.of(context.orElseThrow().root()));
    try {
      roots.addAll(settings.configuredRoots());
    } catch (IOException e) {
      throw new ArgoException(ArgoException.Kind.IO, "could not read the outputs of workflow '" + run.name()
          + "': " + e.getMessage(), e);
    }
    try (Storage storage = Storage.create(roots, settings)) {
      for (Map.Entry<String, URI> value : addresses.entrySet()) {
        JsonNode read = WorkflowOutputs.read(storage, value.getValue(), ValueType.of(JsonNode.class));
        out.println("  " + value.getKey() + " = " + read);
      }
    } catch (IOException e) {
      throw new ArgoException(ArgoException.Kind.IO, "could not read the outputs of workflow '" + run.name()
          + "' from storage: " + e.getMessage(), e);
    }
    out.flush();
  }
}
