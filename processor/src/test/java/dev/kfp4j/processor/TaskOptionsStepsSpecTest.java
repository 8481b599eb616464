package dev.kfp4j.processor;

import static com.google.common.truth.Truth.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Options reach every kind of step a pipeline can call (test pipeline {@code com.acme.options.Steps}): a
 * context-protocol and a plain container step, a {@code @ComponentFile} step, a call returning an artifact and a
 * call inside a loop body (with the loop variable's options as defaults), in the KFP IR, its platform spec and the Argo Workflow. {@link KfpSpecTest} and
 * {@link ArgoSpecTest} validate the same files against the schemas.
 */
class TaskOptionsStepsSpecTest {

  private static final TestPipelines PIPELINES = TestPipelines.get();
  private static final String PIPELINE = "options-steps";

  @Test
  void aContextProtocolStepKeepsItsProtocolMarkerAndGetsTheOptions() throws Exception {
    JsonNode container = executor("exec-add");
    assertThat(env(container)).containsExactly("KFP4J_PROTOCOL=context", "LOG_LEVEL=info").inOrder();
    assertThat(container.at("/resources/resourceCpuLimit").asText()).isEqualTo("2");
    assertThat(container.at("/resources/resourceMemoryLimit").asText()).isEqualTo("1Gi");
    assertThat(container.at("/image").asText()).isEqualTo("python:3.12-slim");
    JsonNode platform = platform("exec-add");
    assertThat(platform.get("activeDeadlineSeconds").asText()).isEqualTo("600");
    assertThat(platform.at("/secretAsEnv/0/keyToEnv/0/envVar").asText()).isEqualTo("DB_PASSWORD");
    assertThat(task("add").at("/retryPolicy/maxRetryCount").asInt()).isEqualTo(2);

    JsonNode template = template("add");
    assertThat(argoEnv(template.get("container"))).containsAtLeast("LOG_LEVEL=info", "DB_PASSWORD=db/password");
    assertThat(template.at("/container/resources/limits/cpu").asText()).isEqualTo("2");
    assertThat(template.get("activeDeadlineSeconds").asText()).isEqualTo("600");
    assertThat(template.at("/retryStrategy/limit").asText()).isEqualTo("2");
  }

  @Test
  void aPlainStepsOptionsShapeItsRunTemplateAndItsDisplayNameTravelsThroughItsDag() throws Exception {
    JsonNode container = executor("exec-describe");
    assertThat(env(container)).containsExactly("LOG_LEVEL=info", "MODE=plain").inOrder();
    assertThat(container.at("/resources/resourceMemoryLimit").asText()).isEqualTo("64Mi");
    assertThat(platform("exec-describe").get("activeDeadlineSeconds").asText()).isEqualTo("300");
    assertThat(task("describe").at("/taskInfo/name").asText()).isEqualTo("Describe the label");

    JsonNode run = template("describe-run");
    assertThat(argoEnv(run.get("container"))).containsExactly("LOG_LEVEL=info", "MODE=plain").inOrder();
    assertThat(run.at("/container/resources/limits/memory").asText()).isEqualTo("64Mi");
    assertThat(run.get("activeDeadlineSeconds").asText()).isEqualTo("300");
    assertThat(run.at("/metadata/annotations/pipelines.kubeflow.org~1task_display_name").asText())
        .isEqualTo("{{inputs.parameters.kfp4j-display-name}}");
    // the kfp4j halves around it carry none of the step's options
    assertThat(template("describe-fetch").has("activeDeadlineSeconds")).isFalse();
    assertThat(template("describe-store").has("metadata")).isFalse();
    assertThat(arguments(dagTask(template("describe"), "run"))).contains(
        "kfp4j-display-name={{inputs.parameters.kfp4j-display-name}}");
    assertThat(arguments(dagTask(template("pipeline-options-steps"), "describe")))
        .contains("kfp4j-display-name=Describe the label");
  }

  @Test
  void aComponentFileStepTakesAnImageOverrideRetriesAndANodeSelector() throws Exception {
    assertThat(executor("exec-add-two").get("image").asText()).isEqualTo("registry.example.com/add:2");
    assertThat(platform("exec-add-two").at("/nodeSelector/labels/pool").asText()).isEqualTo("cpu");
    assertThat(task("add-two").at("/retryPolicy/backoffDuration").asText()).isEqualTo("5s");
    JsonNode run = template("add-two-run");
    assertThat(run.at("/container/image").asText()).isEqualTo("registry.example.com/add:2");
    assertThat(run.at("/nodeSelector/pool").asText()).isEqualTo("cpu");
    assertThat(run.at("/retryStrategy/limit").asText()).isEqualTo("3");
    assertThat(run.at("/retryStrategy/backoff/duration").asText()).isEqualTo("5s");
    assertThat(template("add-two").has("retryStrategy")).isFalse();
  }

  @Test
  void aCallReturningAnArtifactTakesResourcesTimeoutAndCaching() throws Exception {
    assertThat(executor("exec-generate").at("/resources/resourceMemoryRequest").asText()).isEqualTo("1Gi");
    assertThat(platform("exec-generate").get("activeDeadlineSeconds").asText()).isEqualTo("1200");
    assertThat(task("generate").at("/cachingOptions/enableCache").asBoolean()).isFalse();
    JsonNode template = template("generate");
    assertThat(template.at("/container/resources/requests/memory").asText()).isEqualTo("1Gi");
    assertThat(template.get("activeDeadlineSeconds").asText()).isEqualTo("1200");
  }

  @Test
  void aCallInALoopBodyTakesItsOwnOptions() throws Exception {
    JsonNode score = PIPELINES.ir(PIPELINE).at("/components/comp-for-loop-1/dag/tasks/score");
    assertThat(score.at("/taskInfo/name").asText()).isEqualTo("Score one");
    // the loop's LOG_LEVEL over the pipeline's; the component's SET_BY over the loop's; the call's own ITEM_MODE
    assertThat(env(executor("exec-score"))).containsExactly("LOG_LEVEL=debug", "SET_BY=component", "ITEM_MODE=loop")
        .inOrder();
    assertThat(platform("exec-score").get("activeDeadlineSeconds").asText()).isEqualTo("30");
    JsonNode template = template("score");
    assertThat(template.get("activeDeadlineSeconds").asText()).isEqualTo("30");
    assertThat(argoEnv(template.get("container"))).contains("ITEM_MODE=loop");
    assertThat(arguments(dagTask(template("for-loop-1"), "score"))).contains("kfp4j-display-name=Score one");
  }

  @Test
  void aLoopVariablesOptionsAreTheDefaultsOfItsBodysCalls() throws Exception {
    JsonNode tasks = PIPELINES.ir(PIPELINE).at("/components/comp-for-loop-1/dag/tasks");
    assertThat(tasks.at("/score/retryPolicy/maxRetryCount").asInt()).isEqualTo(1);
    assertThat(platform("exec-score").get("activeDeadlineSeconds").asText()).isEqualTo("30"); // the call's own wins
    // the loop's describe differs from the one outside it: an executor of its own
    assertThat(tasks.at("/describe-2/componentRef/name").asText()).isEqualTo("comp-describe-2");
    assertThat(tasks.at("/describe-2/retryPolicy/maxRetryCount").asInt()).isEqualTo(1);
    assertThat(env(executor("exec-describe-2"))).containsExactly("LOG_LEVEL=debug", "SET_BY=loop").inOrder();
    assertThat(platform("exec-describe-2").get("activeDeadlineSeconds").asText()).isEqualTo("120");
    assertThat(task("describe").has("retryPolicy")).isFalse();
    JsonNode run = template("describe-2-run");
    assertThat(run.get("activeDeadlineSeconds").asText()).isEqualTo("120");
    assertThat(run.at("/retryStrategy/limit").asText()).isEqualTo("1");
    assertThat(dagTask(template("for-loop-1"), "describe-2").get("template").asText()).isEqualTo("describe-2");
  }

  private static JsonNode executor(String name) {
    return PIPELINES.ir(PIPELINE).at("/deploymentSpec/executors/" + name + "/container");
  }

  private static JsonNode task(String name) {
    return PIPELINES.ir(PIPELINE).at("/root/dag/tasks/" + name);
  }

  private static JsonNode platform(String executor) throws Exception {
    try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class)
        .readValues(PIPELINES.text("META-INF/kfp4j/" + PIPELINE + "/pipeline.yaml"))) {
      List<JsonNode> documents = it.readAll();
      assertThat(documents).hasSize(2);
      JsonNode config = documents.get(1).at("/platforms/kubernetes/deploymentSpec/executors/" + executor);
      assertThat(config.isObject()).isTrue();
      return config;
    }
  }

  private static JsonNode template(String name) {
    for (JsonNode template : PIPELINES.workflow(PIPELINE).at("/spec/templates")) {
      if (template.get("name").asText().equals(name)) {
        return template;
      }
    }
    throw new AssertionError("no template " + name);
  }

  private static JsonNode dagTask(JsonNode dag, String name) {
    for (JsonNode task : dag.at("/dag/tasks")) {
      if (task.get("name").asText().equals(name)) {
        return task;
      }
    }
    throw new AssertionError("no DAG task " + name + " in " + dag.get("name"));
  }

  private static List<String> arguments(JsonNode task) {
    List<String> arguments = new ArrayList<>();
    task.at("/arguments/parameters").forEach(p -> arguments.add(p.get("name").asText() + "=" + p.get("value").asText()));
    return arguments;
  }

  private static List<String> env(JsonNode container) {
    List<String> env = new ArrayList<>();
    container.path("env").forEach(e -> env.add(e.get("name").asText() + "=" + e.get("value").asText()));
    return env;
  }

  private static List<String> argoEnv(JsonNode container) {
    List<String> env = new ArrayList<>();
    container.path("env").forEach(e -> env.add(e.get("name").asText() + "=" + (e.has("value") ? e.get("value").asText()
        : e.at("/valueFrom/secretKeyRef/name").asText() + "/" + e.at("/valueFrom/secretKeyRef/key").asText())));
    return env;
  }
}
