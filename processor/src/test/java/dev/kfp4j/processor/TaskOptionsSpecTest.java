package dev.kfp4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.protobuf.util.JsonFormat;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import kfp_kubernetes.KubernetesExecutorConfigOuterClass.KubernetesExecutorConfig;
import ml_pipelines.PipelineSpecOuterClass.PipelineDeploymentConfig;
import ml_pipelines.PipelineSpecOuterClass.PipelineDeploymentConfig.PipelineContainerSpec;
import ml_pipelines.PipelineSpecOuterClass.PipelineSpec;
import ml_pipelines.PipelineSpecOuterClass.PipelineTaskSpec;
import org.junit.jupiter.api.Test;

/**
 * What the option annotations of {@code com.acme.options.Training} (pipeline, component and call level) become
 * in the KFP IR, its Kubernetes platform spec (parsed strictly with {@code kubernetes_executor_config.proto}) and
 * the Argo Workflow. {@code ArgoSpecTest} and {@code KfpSpecTest} validate the same files against the schemas.
 */
class TaskOptionsSpecTest {

  private static final TestPipelines PIPELINES = TestPipelines.get();
  private static final String IR = "META-INF/kfp4j/options-training/pipeline.yaml";

  @Test
  void retryPolicyHasAllFourFieldsWithKfpDefaults() throws Exception {
    PipelineSpec spec = ir();
    PipelineTaskSpec.RetryPolicy download = task(spec, "download").getRetryPolicy();
    assertThat(download.getMaxRetryCount()).isEqualTo(2);
    assertThat(download.getBackoffDuration().getSeconds()).isEqualTo(10);
    assertThat(download.getBackoffFactor()).isEqualTo(2.0);
    assertThat(download.getBackoffMaxDuration().getSeconds()).isEqualTo(3600);
    PipelineTaskSpec.RetryPolicy train = task(spec, "train").getRetryPolicy();
    assertThat(train.getMaxRetryCount()).isEqualTo(3);
    assertThat(train.getBackoffDuration().getSeconds()).isEqualTo(30);
    assertThat(train.getBackoffMaxDuration().getSeconds()).isEqualTo(600);
    assertThat(task(spec, "publish").hasRetryPolicy()).isFalse();
    assertThat(PIPELINES.text(IR)).contains("retryPolicy:\n"
        + "          backoffDuration: \"30s\"\n"
        + "          backoffFactor: 2.0\n"
        + "          backoffMaxDuration: \"600s\"\n"
        + "          maxRetryCount: 3\n");
  }

  @Test
  void cachingAndDisplayNameAreTaskFields() throws Exception {
    PipelineSpec spec = ir();
    assertThat(task(spec, "train").getCachingOptions().getEnableCache()).isFalse();
    assertThat(task(spec, "train").getTaskInfo().getName()).isEqualTo("Train the model");
    assertThat(task(spec, "train-2").getTaskInfo().getName()).isEqualTo("Train again, small");
    assertThat(task(spec, "train-2").getCachingOptions().getEnableCache()).isTrue();
    assertThat(task(spec, "download").getTaskInfo().getName()).isEqualTo("download");
  }

  @Test
  void resourcesInSchema210FormIncludingTheDeprecatedNumbers() throws Exception {
    PipelineContainerSpec.ResourceSpec train = container("exec-train").getResources();
    assertThat(train.getResourceCpuRequest()).isEqualTo("2");
    assertThat(train.getResourceCpuLimit()).isEqualTo("4");
    assertThat(train.getResourceMemoryRequest()).isEqualTo("4Gi");
    assertThat(train.getResourceMemoryLimit()).isEqualTo("16Gi");
    assertThat(train.getAccelerator().getResourceType()).isEqualTo("nvidia.com/gpu");
    assertThat(train.getAccelerator().getResourceCount()).isEqualTo("1");
    // KFP's SDK: '16Gi' -> 17.179869184 (GB of 10^9 bytes), '4' -> 4.0
    assertThat(PIPELINES.text(IR)).contains("cpuLimit: 4.0\n");
    assertThat(PIPELINES.text(IR)).contains("memoryLimit: 17.179869184\n");
    assertThat(PIPELINES.text(IR)).contains("memoryRequest: 4.294967296\n");
    PipelineContainerSpec.ResourceSpec small = container("exec-train-2").getResources();
    assertThat(small.getResourceCpuRequest()).isEqualTo("250m");
    assertThat(small.getResourceCpuLimit()).isEqualTo("500m");
    assertThat(small.hasAccelerator()).isFalse();
    assertThat(PIPELINES.text(IR)).contains("cpuLimit: 0.5\n");
  }

  @Test
  void twoCallsWithDifferentOptionsGetTwoExecutorsAndCallsWithTheSameShareOne() throws Exception {
    PipelineSpec spec = ir();
    assertThat(task(spec, "train").getComponentRef().getName()).isEqualTo("comp-train");
    assertThat(task(spec, "train-2").getComponentRef().getName()).isEqualTo("comp-train-2");
    assertThat(task(spec, "publish").getComponentRef().getName()).isEqualTo("comp-publish");
    assertThat(task(spec, "publish-2").getComponentRef().getName()).isEqualTo("comp-publish");
    assertThat(container("exec-train-2").getImage()).isEqualTo("registry.example.com/train-small:1.0");
    assertThat(container("exec-train").getImage()).isEqualTo("kfp4j-example-avg:0.1.0");
  }

  @Test
  void envMergesPipelineComponentAndCallTheCallWinning() throws Exception {
    assertThat(env(container("exec-train"))).containsExactly("LOG_LEVEL=debug");
    assertThat(env(container("exec-download"))).containsExactly("LOG_LEVEL=info", "DOWNLOAD_MODE=fast").inOrder();
    assertThat(PIPELINES.text(IR)).doesNotContain("DB_PASSWORD\n          value");
  }

  @Test
  void kubernetesOptionsAreASecondDocumentParsedByTheKubernetesPlatformProto() throws Exception {
    Map<String, KubernetesExecutorConfig> executors = platform();
    assertThat(executors.keySet()).containsExactly("exec-download", "exec-publish", "exec-train", "exec-train-2");
    KubernetesExecutorConfig train = executors.get("exec-train");
    assertThat(train.getActiveDeadlineSeconds()).isEqualTo(3600);
    assertThat(train.getImagePullPolicy()).isEqualTo("Always");
    assertThat(train.getImagePullSecret(0).getSecretName()).isEqualTo("registry-creds");
    assertThat(train.getNodeSelector().getLabelsMap())
        .containsExactly("cloud.google.com/gke-accelerator", "nvidia-tesla-t4");
    assertThat(train.getPodMetadata().getLabelsMap()).containsExactly("team", "ml");
    assertThat(train.getPodMetadata().getAnnotationsMap()).containsExactly("example.com/owner", "data-science");
    assertThat(train.getSecretAsEnv(0).getSecretName()).isEqualTo("db");
    assertThat(train.getSecretAsEnv(0).getSecretNameParameter().getRuntimeValue().getConstant().getStringValue())
        .isEqualTo("db");
    assertThat(train.getSecretAsEnv(0).getKeyToEnv(0).getSecretKey()).isEqualTo("password");
    assertThat(train.getSecretAsEnv(0).getKeyToEnv(0).getEnvVar()).isEqualTo("DB_PASSWORD");
    assertThat(train.getSecretAsVolume(0).getMountPath()).isEqualTo("/etc/tls");
    assertThat(train.getSecretAsVolume(0).getSecretName()).isEqualTo("tls");
    assertThat(train.getTolerations(0).getKey()).isEqualTo("nvidia.com/gpu");
    assertThat(train.getTolerations(0).getOperator()).isEqualTo("Exists");
    assertThat(train.getTolerations(0).getEffect()).isEqualTo("NoSchedule");
    assertThat(executors.get("exec-download").getActiveDeadlineSeconds()).isEqualTo(7200);
    assertThat(executors.get("exec-train-2").getSecretAsEnvCount()).isEqualTo(0);
  }

  @Test
  void aPipelineWithoutKubernetesOptionsHasOneDocument() {
    assertThat(PIPELINES.text("META-INF/kfp4j/calculate-average/pipeline.yaml")).doesNotContain("\n---\n");
  }

  @Test
  void argoTemplatesCarryTheSameOptions() {
    JsonNode workflow = PIPELINES.workflow("options-training");
    JsonNode train = template(workflow, "train");
    JsonNode container = train.get("container");
    assertThat(container.at("/resources/limits/cpu").asText()).isEqualTo("4");
    assertThat(container.at("/resources/limits/memory").asText()).isEqualTo("16Gi");
    assertThat(container.at("/resources/limits/nvidia.com~1gpu").asText()).isEqualTo("1");
    assertThat(container.at("/resources/requests/cpu").asText()).isEqualTo("2");
    assertThat(container.at("/resources/requests/memory").asText()).isEqualTo("4Gi");
    assertThat(container.get("imagePullPolicy").asText()).isEqualTo("Always");
    List<String> env = new ArrayList<>();
    container.get("env").forEach(e -> env.add(e.get("name").asText() + "=" + (e.has("value") ? e.get("value").asText()
        : e.at("/valueFrom/secretKeyRef/name").asText() + "/" + e.at("/valueFrom/secretKeyRef/key").asText())));
    assertThat(env).containsAtLeast("LOG_LEVEL=debug", "DB_PASSWORD=db/password");
    assertThat(container.at("/volumeMounts/0/mountPath").asText()).isEqualTo("/etc/tls");
    assertThat(train.at("/volumes/0/secret/secretName").asText()).isEqualTo("tls");
    assertThat(train.at("/volumes/0/name").asText()).isEqualTo(container.at("/volumeMounts/0/name").asText());
    assertThat(train.at("/retryStrategy/limit").asText()).isEqualTo("3");
    assertThat(train.at("/retryStrategy/retryPolicy").asText()).isEqualTo("Always");
    assertThat(train.at("/retryStrategy/backoff/duration").asText()).isEqualTo("30s");
    assertThat(train.at("/retryStrategy/backoff/factor").asText()).isEqualTo("2");
    assertThat(train.at("/retryStrategy/backoff/maxDuration").asText()).isEqualTo("600s");
    assertThat(train.get("activeDeadlineSeconds").asText()).isEqualTo("3600");
    assertThat(train.at("/nodeSelector/cloud.google.com~1gke-accelerator").asText()).isEqualTo("nvidia-tesla-t4");
    assertThat(train.at("/tolerations/0/operator").asText()).isEqualTo("Exists");
    assertThat(train.at("/metadata/labels/team").asText()).isEqualTo("ml");
    assertThat(train.at("/metadata/annotations/example.com~1owner").asText()).isEqualTo("data-science");
    assertThat(train.at("/metadata/annotations/pipelines.kubeflow.org~1task_display_name").asText())
        .isEqualTo("{{inputs.parameters.kfp4j-display-name}}");
    assertThat(workflow.at("/spec/imagePullSecrets/0/name").asText()).isEqualTo("registry-creds");
    assertThat(template(workflow, "train-2").at("/container/image").asText()).isEqualTo("registry.example.com/train-small:1.0");
    assertThat(template(workflow, "download").get("activeDeadlineSeconds").asText()).isEqualTo("7200");
    JsonNode task = dagTask(workflow, "train");
    List<String> arguments = new ArrayList<>();
    task.at("/arguments/parameters").forEach(p -> arguments.add(p.get("name").asText() + "=" + p.get("value").asText()));
    assertThat(arguments).contains("kfp4j-display-name=Train the model");
  }

  /**
   * The specs of the example using most options, byte for byte. After an intended change, regenerate with
   * {@code mvn -pl processor -am verify -Dtest=TaskOptionsSpecTest -Dsurefire.failIfNoSpecifiedTests=false
   * -Dkfp4j.updateGolden=true} and review the diff.
   */
  @Test
  void specsMatchTheGoldenFiles() throws Exception {
    for (String file : List.of("pipeline.yaml", "workflow.yaml")) {
      String generated = PIPELINES.text("META-INF/kfp4j/options-training/" + file);
      java.nio.file.Path golden = java.nio.file.Path.of("src/test/resources/golden/specs/options-training", file);
      if (Boolean.getBoolean("kfp4j.updateGolden")) {
        java.nio.file.Files.writeString(golden, generated);
      }
      assertWithMessage("golden " + file).that(generated)
          .isEqualTo(java.nio.file.Files.readString(golden, java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  private static JsonNode template(JsonNode workflow, String name) {
    for (JsonNode template : workflow.at("/spec/templates")) {
      if (template.get("name").asText().equals(name)) {
        return template;
      }
    }
    throw new AssertionError("no template " + name);
  }

  private static JsonNode dagTask(JsonNode workflow, String name) {
    for (JsonNode task : workflow.at("/spec/templates/0/dag/tasks")) {
      if (task.get("name").asText().equals(name)) {
        return task;
      }
    }
    throw new AssertionError("no DAG task " + name);
  }

  private static List<String> env(PipelineContainerSpec container) {
    return container.getEnvList().stream().map(e -> e.getName() + "=" + e.getValue()).toList();
  }

  private static PipelineTaskSpec task(PipelineSpec spec, String name) {
    PipelineTaskSpec task = spec.getRoot().getDag().getTasksMap().get(name);
    assertWithMessage("task " + name).that(task).isNotNull();
    return task;
  }

  private static PipelineContainerSpec container(String executor) throws Exception {
    PipelineDeploymentConfig.Builder deployment = PipelineDeploymentConfig.newBuilder();
    JsonFormat.parser().merge(documents().get(0).get("deploymentSpec").toString(), deployment);
    return deployment.getExecutorsOrThrow(executor).getContainer();
  }

  private static PipelineSpec ir() throws Exception {
    PipelineSpec.Builder spec = PipelineSpec.newBuilder();
    JsonFormat.parser().merge(documents().get(0).toString(), spec);
    return spec.build();
  }

  /** Each executor of the platform spec, parsed strictly (unknown fields fail). */
  private static Map<String, KubernetesExecutorConfig> platform() throws Exception {
    List<JsonNode> documents = documents();
    assertThat(documents).hasSize(2);
    JsonNode executors = documents.get(1).at("/platforms/kubernetes/deploymentSpec/executors");
    Map<String, KubernetesExecutorConfig> configs = new java.util.TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = executors.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      KubernetesExecutorConfig.Builder config = KubernetesExecutorConfig.newBuilder();
      JsonFormat.parser().merge(entry.getValue().toString(), config);
      configs.put(entry.getKey(), config.build());
    }
    return configs;
  }

  private static List<JsonNode> documents() throws Exception {
    try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class).readValues(PIPELINES.text(IR))) {
      return it.readAll();
    }
  }
}
