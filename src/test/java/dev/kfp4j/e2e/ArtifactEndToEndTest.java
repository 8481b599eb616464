package dev.kfp4j.e2e;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kfp4j.cluster.argo.ArgoWorkflows;
import dev.kfp4j.cluster.argo.ProgressPrinter;
import dev.kfp4j.cluster.argo.SubmitOptions;
import dev.kfp4j.cluster.argo.WorkflowOutputs;
import dev.kfp4j.cluster.argo.WorkflowRun;
import dev.kfp4j.cluster.argo.WorkflowSpecs;
import dev.kfp4j.e2e.standin.ArgoControllerStandIn;
import dev.kfp4j.e2e.standin.KfpLauncherStandIn;
import dev.kfp4j.e2e.standin.KfpLauncherStandIn.NumberStyle;
import dev.kfp4j.e2e.standin.LocalPods;
import dev.kfp4j.runtime.artifact.ArtifactManifest;
import dev.kfp4j.runtime.artifact.Artifacts;
import dev.kfp4j.runtime.storage.Storage;
import dev.kfp4j.runtime.storage.StorageSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files and directories between steps (the {@code train-model} sample: a data set file, a model directory, metrics,
 * a Markdown report) through both engines' stand-ins: Argo's controller (values through kfp4j's storage, each
 * artifact one object per file plus a manifest) and KFP's launcher (artifacts as {@code RuntimeArtifact}s in the
 * ExecutorInput, files at their local paths, metrics as output metadata). Both reports equal the one calling the
 * pipeline method directly gives.
 */
@EnableKubernetesMockClient(crud = true)
class ArtifactEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NS = "e2e";

  KubernetesMockServer server;
  KubernetesClient client;

  @TempDir
  Path temp;

  @Test
  void theKfpIrPassesFilesAndDirectoriesAndRecordsMetrics() throws Exception {
    CompiledSample training = CompiledSample.training();
    JsonNode ir = new YAMLMapper().readTree(training.spec("train-model", "pipeline.yaml").toFile());
    KfpLauncherStandIn kfp = new KfpLauncherStandIn(LocalPods.withClasspath(List.of(training.classes())), temp,
        NumberStyle.PROTOJSON);

    Map<String, JsonNode> outputs = kfp.run(ir, Map.of("rows", JSON.readTree("5"), "rate", JSON.readTree("0.1")));

    JsonNode report = outputs.get("Output");
    assertThat(report.path("type").path("schemaTitle").asText()).isEqualTo("system.Markdown");
    Path local = Path.of(URI.create(report.path("uri").asText()));
    assertThat(Files.readString(local)).isEqualTo(direct(training));
    // evaluate's metrics reached KFP as output metadata, where its UI shows them.
    JsonNode evaluate = JSON.readTree(kfp.executorInputs().get("evaluate"));
    assertThat(evaluate.at("/inputs/artifacts/model/artifacts/0/type/schemaTitle").asText()).isEqualTo("system.Model");
    JsonNode metrics = JSON.readTree(Files.readString(temp.resolve("evaluate-0/tmp/kfp_outputs/output_metadata.json")));
    assertThat(metrics.at("/artifacts/Output/artifacts/0/metadata/slope").asDouble()).isEqualTo(2.0);
  }

  @Test
  void theArgoWorkflowPassesFilesAndDirectoriesThroughStorage() throws Exception {
    CompiledSample training = CompiledSample.training();
    ObjectNode workflow = WorkflowSpecs.fromFile(training.spec("train-model", "workflow.yaml"));
    ArgoWorkflows argo = ArgoWorkflows.using(client);
    String name = argo.submit(workflow, SubmitOptions.defaults().withNamespace(NS)
        .withParameter("rows", "5").withParameter("rate", "0.1")).name();
    ArgoControllerStandIn controller = new ArgoControllerStandIn(client,
        LocalPods.withClasspath(List.of(training.classes())), temp.resolve("pods"));
    controller.run(NS, name);
    WorkflowRun run = argo.watch(NS, name, new ProgressPrinter(new PrintWriter(new StringWriter())), Duration.ofMinutes(1));

    assertWithMessage("%s\n%s", run, controller.logs()).that(run.phase()).isEqualTo("Succeeded");
    SortedMap<String, URI> outputs = WorkflowOutputs.pipelineOutputs(run);
    SortedMap<String, URI> addresses = WorkflowOutputs.addresses(run);
    try (Storage storage = Storage.create(List.of(training.storageRoot()), StorageSettings.of(Map.of(), Map.of()))) {
      Path report = temp.resolve("report.md");
      ArtifactManifest manifest = Artifacts.download(storage, outputs.get("Output"), report);
      assertThat(manifest.schemaTitle()).isEqualTo("system.Markdown");
      assertThat(Files.readString(report)).isEqualTo(direct(training));
      ArtifactManifest model = Artifacts.find(storage, addresses.get("train.model")).orElseThrow();
      assertThat(model.isDirectory()).isTrue();
      assertThat(model.directories()).containsExactly("notes", "weights");
    }
  }

  /** The report calling {@code Training.pipeline(5, 0.1)} directly writes. */
  private static String direct(CompiledSample training) throws Exception {
    try (URLClassLoader loader = new URLClassLoader(new java.net.URL[] {training.classes().toUri().toURL()},
        ArtifactEndToEndTest.class.getClassLoader())) {
      Method pipeline = loader.loadClass("com.acme.ml.Training").getMethod("pipeline", int.class, double.class);
      return Files.readString((Path) pipeline.invoke(null, 5, 0.1));
    }
  }
}
