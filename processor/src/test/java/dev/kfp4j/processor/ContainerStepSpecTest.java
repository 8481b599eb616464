package dev.kfp4j.processor;

import static com.google.common.truth.Truth.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the specs say about container steps (test pipeline {@code com.acme.containers.Heavy}): the KFP IR
 * carries each step's container as written, with KFP's placeholders; the Argo Workflow runs a
 * context-protocol step as one template and a plain step as fetch → run → store; the diagram marks
 * them. {@link KfpSpecTest} and {@link ArgoSpecTest} validate the same files against the schemas.
 */
class ContainerStepSpecTest {

  private static final TestPipelines PIPELINES = TestPipelines.get();

  @Test
  void theIrRunsAComponentFileAsWrittenWithKfpPlaceholders() {
    JsonNode executor = PIPELINES.ir("heavy-average").at("/deploymentSpec/executors/exec-add-two/container");
    assertThat(executor.path("image").asText()).isEqualTo("google/cloud-sdk:latest");
    assertThat(texts(executor.path("command"))).containsExactly("sh", "-c",
        "set -e -x\necho \"$(($0+$1))\" | gsutil cp - \"$2\"\n", "{{$.inputs.parameters['op-1']}}",
        "{{$.inputs.parameters['op2']}}", "{{$.outputs.parameters['sum'].output_file}}").inOrder();
    JsonNode component = PIPELINES.ir("heavy-average").at("/components/comp-add-two");
    assertThat(component.at("/inputDefinitions/parameters/op-1/parameterType").asText()).isEqualTo("NUMBER_INTEGER");
    assertThat(component.at("/outputDefinitions/parameters/sum/parameterType").asText()).isEqualTo("NUMBER_INTEGER");
    // the next task takes the file's output by its own name
    assertThat(PIPELINES.ir("heavy-average").at("/root/dag/tasks/div/inputs/parameters/sum/taskOutputParameter"
        + "/outputParameterKey").asText()).isEqualTo("sum");
  }

  @Test
  void theIrRunsAPublishedComponentWithArtifactsAsKfpsCompilerWritesIt() {
    JsonNode ir = PIPELINES.ir("file-artifacts");
    JsonNode executor = ir.at("/deploymentSpec/executors/exec-train/container");
    assertThat(texts(executor.path("args"))).containsExactly("--input-location",
        "{{$.inputs.artifacts['input_location'].uri}}", "--optimizer", "{{$.inputs.parameters['train_optimizer']}}",
        "--epochs", "{{$.inputs.parameters['num_epochs']}}", "--model", "{{$.outputs.artifacts['model_output'].uri}}",
        "--model-config", "{{$.outputs.parameters['model_config'].output_file}}").inOrder();
    JsonNode component = ir.at("/components/comp-train");
    // v1 types as KFP's SDK reads them: GCSPath is any artifact, Model a system.Model
    assertThat(component.at("/inputDefinitions/artifacts/input_location/artifactType/schemaTitle").asText())
        .isEqualTo("system.Artifact");
    assertThat(component.at("/outputDefinitions/artifacts/model_output/artifactType/schemaTitle").asText())
        .isEqualTo("system.Model");
    assertThat(component.at("/outputDefinitions/parameters/model_config/parameterType").asText()).isEqualTo("STRING");
    // a Java component's data set feeds the file's artifact input, whose model feeds the v2 file's
    assertThat(ir.at("/root/dag/tasks/train/inputs/artifacts/input_location/taskOutputArtifact").toString())
        .isEqualTo("{\"outputArtifactKey\":\"Output\",\"producerTask\":\"prepare\"}");
    assertThat(ir.at("/root/dag/tasks/summarize/inputs/artifacts/model/taskOutputArtifact").toString())
        .isEqualTo("{\"outputArtifactKey\":\"model_output\",\"producerTask\":\"train\"}");
    assertThat(ir.at("/root/dag/tasks/report/inputs/artifacts/summary/taskOutputArtifact").toString())
        .isEqualTo("{\"outputArtifactKey\":\"summary\",\"producerTask\":\"summarize\"}");
  }

  @Test
  void aV2ComponentFileWithArtifactsKeepsItsPlaceholdersAndTypes() {
    JsonNode ir = PIPELINES.ir("file-artifacts");
    JsonNode executor = ir.at("/deploymentSpec/executors/exec-summarize/container");
    // the unbound optional baseline's IfPresent takes no branch
    assertThat(texts(executor.path("args"))).containsExactly("{{$.inputs.artifacts['model'].path}}",
        "{{$.inputs.artifacts['model'].uri}}", "{{$.inputs.artifacts['model'].metadata}}",
        "{{$.inputs.parameters['title']}}", "{{$.outputs.artifacts['summary'].path}}",
        "{{$.outputs.parameters['lines'].output_file}}").inOrder();
    JsonNode component = ir.at("/components/comp-summarize");
    assertThat(component.at("/inputDefinitions/artifacts/model/artifactType/schemaTitle").asText()).isEqualTo("system.Model");
    assertThat(component.at("/outputDefinitions/artifacts/summary/artifactType/schemaTitle").asText())
        .isEqualTo("system.Markdown");
    assertThat(component.at("/outputDefinitions/parameters/lines/parameterType").asText()).isEqualTo("NUMBER_INTEGER");
  }

  @Test
  void argoRunsAStepWithArtifactsInOnePodBetweenKfp4jsFetchAndStore() {
    JsonNode templates = PIPELINES.workflow("file-artifacts").at("/spec/templates");
    JsonNode run = null;
    for (JsonNode template : templates) {
      if (template.path("name").asText().equals("summarize-run")) {
        run = template;
      }
    }
    assertThat(run).isNotNull();
    JsonNode containers = run.at("/containerSet/containers");
    assertThat(texts(containers.at("/0/args"))).containsAtLeast("fetch", "--artifact", "model", "/tmp/kfp4j/inputs/0",
        "--outputs-folder", "/tmp/kfp4j/outputs").inOrder();
    // the program's placeholders: the downloaded path (also its URI here), {} metadata, the title from a fetch pod
    assertThat(texts(containers.at("/1/args"))).containsExactly("/tmp/kfp4j/inputs/0", "/tmp/kfp4j/inputs/0", "{}",
        "{{inputs.parameters.input-1}}", "/tmp/kfp4j/outputs/0", "/tmp/kfp4j/outputs/1").inOrder();
    assertThat(containers.at("/1/image").asText()).isEqualTo("python:3.12-slim");
    assertThat(texts(containers.at("/2/args"))).containsAtLeast("store", "--output-artifact", "summary",
        "system.Markdown", "/tmp/kfp4j/outputs/0", "--output-file", "lines", "NUMBER_INTEGER", "/tmp/kfp4j/outputs/1")
        .inOrder();
    assertThat(containers.at("/2/name").asText()).isEqualTo("main");
    assertThat(run.at("/volumes/0/emptyDir").isObject()).isTrue();
    assertThat(run.at("/containerSet/volumeMounts/0/mountPath").asText()).isEqualTo("/tmp/kfp4j");
  }

  @Test
  void aV2ComponentFileKfp4jWroteRunsAsWritten() {
    JsonNode executor = PIPELINES.ir("heavy-average").at("/deploymentSpec/executors/exec-add-again/container");
    assertThat(executor.path("image").asText()).isEqualTo("google/cloud-sdk:latest");
    assertThat(texts(executor.path("command"))).containsExactly("sh", "-c",
        "set -e -x\necho \"$(($0+$1))\" | gsutil cp - \"$2\"\n", "{{$.inputs.parameters['op-1']}}",
        "{{$.inputs.parameters['op2']}}", "{{$.outputs.parameters['sum'].output_file}}").inOrder();
    JsonNode component = PIPELINES.ir("heavy-average").at("/components/comp-add-again");
    assertThat(component.at("/inputDefinitions/parameters/op2/parameterType").asText()).isEqualTo("NUMBER_INTEGER");
    assertThat(component.at("/outputDefinitions/parameters/sum/parameterType").asText()).isEqualTo("NUMBER_INTEGER");
  }

  @Test
  void v2ConcatAndIfPresentAreResolvedFromTheSignature() {
    JsonNode executor = PIPELINES.ir("heavy-average").at("/deploymentSpec/executors/exec-greet/container");
    // greeting's default is filled in; shout is not a parameter, so its IfPresent takes no branch
    assertThat(texts(executor.path("args"))).containsExactly("Hello, {{$.inputs.parameters['name']}}",
        "{{$.outputs.parameters['message'].output_file}}").inOrder();
    assertThat(texts(executor.path("command"))).containsExactly("sh", "-c", "printf '%s' \"$0\" > \"$1\"").inOrder();
    assertThat(PIPELINES.ir("heavy-average").at("/components/comp-greet/outputDefinitions/parameters/message"
        + "/parameterType").asText()).isEqualTo("STRING");
  }

  @Test
  void ifAndIsPresentAreResolvedFromTheSignature() {
    JsonNode executor = PIPELINES.ir("heavy-average").at("/deploymentSpec/executors/exec-optional/container");
    assertThat(executor.has("command")).isFalse(); // the image's own entrypoint
    assertThat(texts(executor.path("args"))).containsExactly("--arg0", "{{$.inputs.parameters['required_input']}}",
        "--arg1", "{{$.inputs.parameters['optional_input_1']}}", "--arg3", "default value").inOrder();
  }

  @Test
  void aContextProtocolStepGetsTheExecutorInputUnderKfpAndIsMarked() {
    JsonNode executor = PIPELINES.ir("heavy-average").at("/deploymentSpec/executors/exec-add/container");
    assertThat(texts(executor.path("command"))).containsExactly("python3", "/app/avg_steps.py").inOrder();
    assertThat(texts(executor.path("args"))).containsExactly("add", "--executor_input", "{{$}}").inOrder();
    assertThat(executor.at("/env/0/name").asText()).isEqualTo("KFP4J_PROTOCOL");
    assertThat(executor.at("/env/0/value").asText()).isEqualTo("context");
  }

  @Test
  void argoRunsAContextProtocolStepWithTheRunsContexts() {
    JsonNode template = template("add");
    assertThat(template.at("/container/image").asText()).isEqualTo("python:3.12-slim");
    assertThat(texts(template.at("/container/args"))).containsExactly("add", "--contexts",
        "{{inputs.parameters.contexts}}", "--task", "{{inputs.parameters.task}}", "--inputs",
        "{{inputs.parameters.inputs}}", "--output-context", "/tmp/kfp4j/context.json").inOrder();
    assertThat(template.at("/outputs/parameters/0/valueFrom/path").asText()).isEqualTo("/tmp/kfp4j/context.json");
  }

  @Test
  void argoRunsAPlainStepBetweenAFetchAndAStore() {
    JsonNode dag = template("add-two");
    List<String> tasks = new ArrayList<>();
    dag.at("/dag/tasks").forEach(task -> tasks.add(task.path("template").asText()));
    assertThat(tasks).containsExactly("add-two-fetch", "add-two-run", "add-two-store").inOrder();
    assertThat(dag.at("/outputs/parameters/0/valueFrom/parameter").asText())
        .isEqualTo("{{tasks.store.outputs.parameters.context}}");

    JsonNode run = template("add-two-run");
    assertThat(run.at("/container/image").asText()).isEqualTo("google/cloud-sdk:latest");
    assertThat(texts(run.at("/container/command")).subList(3, 6)).containsExactly("{{inputs.parameters.input-0}}",
        "{{inputs.parameters.input-1}}", "/tmp/kfp4j/outputs/0").inOrder();
    assertThat(run.at("/outputs/parameters/0/valueFrom/path").asText()).isEqualTo("/tmp/kfp4j/outputs/0");

    JsonNode fetch = template("add-two-fetch");
    assertThat(texts(fetch.at("/container/command"))).contains("dev.kfp4j.runtime.container.ContainerValuesMain");
    assertThat(texts(fetch.at("/container/args"))).containsAtLeast("--value", "op-1", "/tmp/kfp4j/inputs/0",
        "--value", "op2", "/tmp/kfp4j/inputs/1").inOrder();
    assertThat(texts(template("add-two-store").at("/container/args"))).containsAtLeast("--output", "sum",
        "NUMBER_INTEGER", "{{inputs.parameters.output-0}}").inOrder();
  }

  @Test
  void theDiagramDrawsContainerStepsAsHexagonsWithTheirImage() {
    String diagram = PIPELINES.text("META-INF/kfp4j/heavy-average/pipeline.mmd");
    assertThat(diagram).contains("t_add_two{{\"add-two · google/cloud-sdk:latest\"}}");
    assertThat(diagram).contains("t_div[\"div\"]");
  }

  private static JsonNode template(String name) {
    for (JsonNode template : PIPELINES.workflow("heavy-average").at("/spec/templates")) {
      if (template.path("name").asText().equals(name)) {
        return template;
      }
    }
    throw new AssertionError("no template " + name);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }
}
