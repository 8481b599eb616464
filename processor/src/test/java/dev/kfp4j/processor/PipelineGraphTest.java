package dev.kfp4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The task graph the processor derives from pipeline bodies, read back from the specs it wrote for the
 * test pipelines in {@code src/test/resources/pipelines/} (mostly {@code com.acme.flow.Flow}).
 */
class PipelineGraphTest {

  private static final TestPipelines PIPELINES = TestPipelines.get();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void dataFlowBecomesDependencies() {
    JsonNode tasks = PIPELINES.ir("mean-of").at("/root/dag/tasks");
    assertThat(names(tasks)).containsExactly("count", "div", "sum", "twice");
    assertThat(strings(tasks.at("/div/dependentTasks"))).containsExactly("sum", "twice").inOrder();
    assertThat(strings(tasks.at("/twice/dependentTasks"))).containsExactly("count");
    assertThat(tasks.at("/div/inputs/parameters/sum/taskOutputParameter/producerTask").asText()).isEqualTo("sum");
    assertThat(tasks.at("/div/inputs/parameters/count/taskOutputParameter/producerTask").asText()).isEqualTo("twice");
    assertThat(tasks.at("/sum/inputs/parameters/xs/componentInputParameter").asText()).isEqualTo("xs");

    Map<String, JsonNode> argo = argoTasks("mean-of", "pipeline-mean-of");
    assertThat(strings(argo.get("div").get("dependencies"))).containsExactly("kfp4j-init", "sum", "twice").inOrder();
    assertThat(argument(argo.get("div"), "contexts")).isEqualTo("[{{tasks.kfp4j-init.outputs.parameters.context}},"
        + "{{tasks.sum.outputs.parameters.context}},{{tasks.twice.outputs.parameters.context}}]");
    assertThat(argument(argo.get("div"), "inputs")).isEqualTo("{\"sum\":{\"from\":\"sum.Output\"},\"count\":{\"from\":\"twice.Output\"}}");
    assertThat(PIPELINES.text("META-INF/kfp4j/mean-of/pipeline.mmd")).contains("t_twice -->|\"count\"| t_div");
  }

  @Test
  void independentTasksHaveNoDependencyBetweenThem() {
    JsonNode tasks = PIPELINES.ir("mean-of").at("/root/dag/tasks");
    assertThat(tasks.get("sum").has("dependentTasks")).isFalse();
    assertThat(tasks.get("count").has("dependentTasks")).isFalse();
    Map<String, JsonNode> argo = argoTasks("mean-of", "pipeline-mean-of");
    assertThat(strings(argo.get("sum").get("dependencies"))).containsExactly("kfp4j-init");
    assertThat(strings(argo.get("count").get("dependencies"))).containsExactly("kfp4j-init");
  }

  @Test
  void aResultUsedTwiceIsComputedOnce() {
    JsonNode tasks = PIPELINES.ir("reuse").at("/root/dag/tasks");
    assertThat(names(tasks)).containsExactly("add", "add-2", "sum");
    assertThat(tasks.at("/add/inputs/parameters/a/taskOutputParameter/producerTask").asText()).isEqualTo("sum");
    assertThat(tasks.at("/add/inputs/parameters/b/taskOutputParameter/producerTask").asText()).isEqualTo("sum");
    assertThat(tasks.at("/add-2/inputs/parameters/a/taskOutputParameter/producerTask").asText()).isEqualTo("add");
    assertThat(tasks.at("/add-2/inputs/parameters/b/taskOutputParameter/producerTask").asText()).isEqualTo("sum");
    assertThat(strings(tasks.at("/add-2/dependentTasks"))).containsExactly("add", "sum").inOrder();
    assertThat(PIPELINES.ir("reuse").at("/root/dag/outputs/parameters/Output/valueFromParameter/producerSubtask").asText())
        .isEqualTo("add-2");
    assertThat(argoTasks("reuse", "pipeline-reuse").keySet()).containsExactly("kfp4j-init", "sum", "add", "add-2").inOrder();
  }

  @Test
  void leafCallsAreTasks() {
    JsonNode ir = PIPELINES.ir("leaves");
    assertThat(names(ir.at("/root/dag/tasks"))).containsExactly("count", "echo", "log", "log-2");
    assertThat(ir.at("/root/dag/tasks/log/inputs/parameters/message/runtimeValue/constant").asText()).isEqualTo("starting");
    assertThat(ir.at("/root/dag/tasks/log-2/inputs/parameters/message/runtimeValue/constant").asText()).isEqualTo("done");
    assertThat(ir.at("/root").has("outputDefinitions")).isFalse();
    assertThat(ir.at("/components/comp-log").has("outputDefinitions")).isFalse();
    assertThat(argoTasks("leaves", "pipeline-leaves").keySet())
        .containsExactly("kfp4j-init", "log", "echo", "count", "log-2").inOrder();
  }

  @Test
  void componentsAreFoundQualifiedStaticallyImportedAndInTheSameClass() {
    JsonNode ir = PIPELINES.ir("mean-of");
    assertThat(ir.at("/root/dag/tasks/sum/componentRef/name").asText()).isEqualTo("comp-sum");
    assertThat(ir.at("/root/dag/tasks/count/componentRef/name").asText()).isEqualTo("comp-count");
    assertThat(ir.at("/root/dag/tasks/twice/componentRef/name").asText()).isEqualTo("comp-twice");
    assertThat(entrypoint(ir, "exec-sum")).isEqualTo("com.acme.steps.Steps_SumEntrypoint");
    assertThat(entrypoint(ir, "exec-count")).isEqualTo("com.acme.steps.Steps_CountEntrypoint");
    assertThat(entrypoint(ir, "exec-twice")).isEqualTo("com.acme.flow.Flow_TwiceEntrypoint");
  }

  @Test
  void componentsFromAPrecompiledJarKeepTheirNamesAndParameterNames() throws IOException {
    try (JarFile jar = new JarFile(PIPELINES.libraryJar().toFile())) {
      assertThat(jar.getEntry("META-INF/kfp4j/components/com.acme.lib.MathLib.scale.component")).isNotNull();
      assertThat(jar.getEntry("com/acme/lib/MathLib_ScaleEntrypoint.class")).isNotNull();
      assertThat(jar.getEntry("com/acme/lib/MathLib.java")).isNull();
    }
    JsonNode ir = PIPELINES.ir("scaled-max");
    // The jar was compiled without -parameters: its class file says arg0, arg1; the descriptor has the names.
    assertThat(names(ir.at("/components/comp-scale-by/inputDefinitions/parameters"))).containsExactly("factor", "value");
    assertThat(names(ir.at("/components/comp-range/inputDefinitions/parameters"))).containsExactly("values");
    assertThat(names(ir.at("/components/comp-range/outputDefinitions/parameters"))).containsExactly("max", "min");
    assertThat(ir.at("/root/dag/tasks/scale-by/inputs/parameters/value/taskOutputParameter/outputParameterKey").asText())
        .isEqualTo("max");
    assertThat(entrypoint(ir, "exec-scale-by")).isEqualTo("com.acme.lib.MathLib_ScaleEntrypoint");
    assertThat(PIPELINES.text("META-INF/kfp4j/scaled-max/workflow.yaml")).doesNotContain("arg0");
  }

  @Test
  void recordResultsAreNamedOutputs() throws IOException {
    JsonNode ir = PIPELINES.ir("record-outputs");
    JsonNode outputs = ir.at("/components/comp-stats/outputDefinitions/parameters");
    assertThat(names(outputs)).containsExactly("count", "mean");
    assertThat(outputs.at("/count/parameterType").asText()).isEqualTo("NUMBER_INTEGER");
    assertThat(outputs.at("/mean/parameterType").asText()).isEqualTo("NUMBER_DOUBLE");
    JsonNode add = ir.at("/root/dag/tasks/add/inputs/parameters");
    assertThat(add.at("/a/taskOutputParameter/outputParameterKey").asText()).isEqualTo("count");
    assertThat(add.at("/b/runtimeValue/constant").asInt()).isEqualTo(42);
    // The pipeline returns the record: its outputs are the record's components.
    assertThat(names(ir.at("/root/outputDefinitions/parameters"))).containsExactly("count", "mean");
    assertThat(ir.at("/root/dag/outputs/parameters/mean/valueFromParameter/outputParameterKey").asText()).isEqualTo("mean");

    JsonNode workflow = PIPELINES.workflow("record-outputs");
    assertThat(workflow.at("/metadata/annotations/kfp4j.dev~1outputs").asText())
        .isEqualTo("{\"mean\":\"stats.mean\",\"count\":\"stats.count\"}");
    JsonNode inputs = JSON.readTree(argument(argoTasks("record-outputs", "pipeline-record-outputs").get("add"), "inputs"));
    assertThat(inputs.at("/a/from").asText()).isEqualTo("stats.count");
    assertThat(inputs.at("/b/value").asInt()).isEqualTo(42);
  }

  @Test
  void nestedPipelinesAreSubDagsInBothSpecs() {
    JsonNode ir = PIPELINES.ir("outer");
    JsonNode inner = ir.at("/components/comp-inner-mean");
    assertThat(names(inner.at("/dag/tasks"))).containsExactly("stats");
    assertThat(inner.at("/dag/tasks/stats/inputs/parameters/xs/componentInputParameter").asText()).isEqualTo("values");
    assertThat(inner.at("/dag/outputs/parameters/Output/valueFromParameter/producerSubtask").asText()).isEqualTo("stats");
    assertThat(inner.at("/dag/outputs/parameters/Output/valueFromParameter/outputParameterKey").asText()).isEqualTo("mean");
    JsonNode tasks = ir.at("/root/dag/tasks");
    assertThat(names(tasks)).containsExactly("clip", "describe-all", "inner-mean", "inner-mean-2");
    assertThat(tasks.at("/inner-mean/componentRef/name").asText()).isEqualTo("comp-inner-mean");
    assertThat(tasks.at("/inner-mean-2/componentRef/name").asText()).isEqualTo("comp-inner-mean");
    assertThat(tasks.at("/inner-mean-2/inputs/parameters/values/taskOutputParameter/producerTask").asText()).isEqualTo("clip");
    assertThat(tasks.at("/describe-all/inputs/parameters/big/taskOutputParameter/producerTask").asText())
        .isEqualTo("inner-mean-2");

    Map<String, JsonNode> argo = argoTasks("outer", "pipeline-outer");
    assertThat(argo.get("inner-mean").get("template").asText()).isEqualTo("pipeline-inner-mean");
    assertThat(argo.get("inner-mean-2").get("template").asText()).isEqualTo("pipeline-inner-mean");
    assertThat(argument(argo.get("describe-all"), "contexts")).contains("{{tasks.inner-mean-2.outputs.parameters.Output}}");
    assertThat(argument(argo.get("describe-all"), "inputs")).contains("\"big\":{\"from\":\"inner-mean-2/stats.mean\"}");
    Map<String, JsonNode> innerTasks = argoTasks("outer", "pipeline-inner-mean");
    assertThat(argument(innerTasks.get("stats"), "inputs")).isEqualTo("{\"xs\":{{inputs.parameters.values}}}");

    // Two levels: deep → outer → inner-mean.
    JsonNode deep = PIPELINES.ir("deep");
    assertThat(names(deep.at("/root/dag/tasks"))).containsExactly("outer");
    assertThat(deep.at("/components/comp-outer/dag/tasks/inner-mean/componentRef/name").asText()).isEqualTo("comp-inner-mean");
    assertThat(argoTasks("deep", "pipeline-outer").keySet()).containsExactly("inner-mean", "clip", "inner-mean-2",
        "describe-all").inOrder();
  }

  @Test
  void constantsReachTheComponentExactly() throws IOException {
    Map<String, Object> expected = new TreeMap<>();
    expected.put("i", 7);
    expected.put("l", -3);
    expected.put("d", -2.5);
    expected.put("big", 1e20);
    expected.put("b", false);
    expected.put("s", "say {{hi}} \"quoted\"\nnew line \u0085 \\ end");
    expected.put("t", "hello {{workflow.name}}");
    expected.put("m", "SLOW");

    JsonNode parameters = PIPELINES.ir("constants").at("/root/dag/tasks/describe-all/inputs/parameters");
    JsonNode argoInputs = JSON.readTree(argument(argoTasks("constants", "pipeline-constants").get("describe-all"), "inputs"));
    for (Map.Entry<String, Object> constant : expected.entrySet()) {
      JsonNode kfp = parameters.at("/" + constant.getKey() + "/runtimeValue/constant");
      JsonNode argo = argoInputs.at("/" + constant.getKey() + "/value");
      for (JsonNode written : List.of(kfp, argo)) {
        Object value = written.isTextual() ? written.asText() : written.isBoolean() ? written.asBoolean()
            : written.isIntegralNumber() ? written.asInt() : written.asDouble();
        assertThat(value).isEqualTo(constant.getValue());
      }
    }
    String workflow = PIPELINES.text("META-INF/kfp4j/constants/workflow.yaml");
    assertThat(workflow).doesNotContain("{{hi}}");
    assertThat(workflow).doesNotContain("{{workflow.name}}\\\"");
    assertThat(PIPELINES.text("META-INF/kfp4j/constants/pipeline.yaml")).contains("constant: 1.0E+20");
  }

  @Test
  void theDiagramShowsInputsTasksAndOutputs() {
    String diagram = PIPELINES.text("META-INF/kfp4j/calculate-average/pipeline.mmd");
    assertThat(diagram).contains("in_numbers[/\"numbers: List#lt;Integer#gt;\"/]");
    assertThat(diagram).contains("t_add -->|\"sum\"| t_div");
    assertThat(diagram).contains("t_div -->|\"Output\"| out_Output");
    assertThat(new String(PIPELINES.files().get("META-INF/kfp4j/calculate-average/pipeline.mmd"), UTF_8))
        .startsWith("%% Generated by kfp4j");
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> strings(JsonNode array) {
    List<String> strings = new ArrayList<>();
    array.forEach(item -> strings.add(item.asText()));
    return strings;
  }

  private static String entrypoint(JsonNode ir, String executor) {
    JsonNode command = ir.at("/deploymentSpec/executors/" + executor + "/container/command");
    return command.get(command.size() - 1).asText();
  }

  /** The tasks of one DAG template of a pipeline's workflow, by name, in order. */
  private static Map<String, JsonNode> argoTasks(String pipeline, String template) {
    for (JsonNode candidate : PIPELINES.workflow(pipeline).at("/spec/templates")) {
      if (candidate.get("name").asText().equals(template)) {
        Map<String, JsonNode> tasks = new java.util.LinkedHashMap<>();
        candidate.at("/dag/tasks").forEach(task -> tasks.put(task.get("name").asText(), task));
        return tasks;
      }
    }
    throw new AssertionError("no template " + template + " in the workflow of " + pipeline);
  }

  private static String argument(JsonNode task, String name) {
    for (JsonNode argument : task.at("/arguments/parameters")) {
      if (argument.get("name").asText().equals(name)) {
        return argument.get("value").asText();
      }
    }
    throw new AssertionError("task " + task.get("name") + " has no argument " + name);
  }
}
