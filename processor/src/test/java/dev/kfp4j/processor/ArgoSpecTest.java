package dev.kfp4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code workflow.yaml} of every test pipeline validates against Argo's published JSON schema
 * (definition {@code io.argoproj.workflow.v1alpha1.Workflow}, unknown fields made errors as
 * {@code argo lint --strict} does) and passes the checks {@code argo lint} makes beyond the schema:
 * templates and dependencies exist, no cycles, every {@code {{…}}} tag resolves, names follow Argo's
 * rules, every parameter value is a string, and a user's constant never reaches Argo as a tag.
 */
class ArgoSpecTest {

  private static final TestPipelines PIPELINES = TestPipelines.get();
  private static final JsonSchema WORKFLOW_SCHEMA = workflowSchema();

  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][-a-zA-Z0-9]*");
  private static final Pattern PARAMETER_NAME = Pattern.compile("[-a-zA-Z0-9_]+");
  private static final Pattern TAG = Pattern.compile("\\{\\{(.*?)}}");
  private static final Pattern TASK_OUTPUT = Pattern.compile("tasks\\.([^.]+)\\.outputs\\.parameters\\.([^.]+)");
  private static final int MAX_TASKS = 200;
  private static final int MAX_TEMPLATES = 200;

  @TestFactory
  Stream<DynamicTest> everyWorkflowIsValid() {
    List<String> files = PIPELINES.specFiles("workflow.yaml");
    assertThat(files.size()).isAtLeast(10);
    return files.stream().map(file -> DynamicTest.dynamicTest(file, () -> check(file, PIPELINES.yaml(file))));
  }

  /** The same in the shared entrypoint mode ({@code -Akfp4j.entrypoints=shared}). */
  @TestFactory
  Stream<DynamicTest> everyWorkflowOfTheSharedModeIsValid() {
    TestPipelines shared = TestPipelines.shared();
    List<String> files = shared.specFiles("workflow.yaml");
    assertThat(files.size()).isAtLeast(10);
    return files.stream().map(file -> DynamicTest.dynamicTest(file, () -> check(file, shared.yaml(file))));
  }

  @Test
  void theSchemaRejectsAnUnknownField() {
    ObjectNode workflow = PIPELINES.workflow("calculate-average").deepCopy();
    ((ObjectNode) workflow.get("spec")).put("entryPoint", "x");
    assertThat(schemaErrors(workflow).toString()).contains("entryPoint");
  }

  @Test
  void theSchemaRejectsANumberAsAParameterValue() {
    ObjectNode workflow = PIPELINES.workflow("calculate-average").deepCopy();
    ((ObjectNode) workflow.at("/spec/arguments/parameters/0")).put("value", 3);
    assertThat(schemaErrors(workflow)).isNotEmpty();
  }

  @Test
  void theChecksRejectAnUnresolvedTag() {
    ObjectNode workflow = PIPELINES.workflow("calculate-average").deepCopy();
    ((ObjectNode) workflow.at("/spec/templates/0/dag/tasks/1/arguments/parameters/0")).put("value", "{{hi}}");
    AssertionError error = assertThrows(AssertionError.class, () -> check("edited", workflow));
    assertThat(error).hasMessageThat().contains("{{hi}}");
  }

  @Test
  void theChecksRejectATaskOutputUsedWithoutADependency() {
    ObjectNode workflow = PIPELINES.workflow("calculate-average").deepCopy();
    ArrayNode dependencies = (ArrayNode) workflow.at("/spec/templates/0/dag/tasks/2/dependencies");
    dependencies.remove(dependencies.size() - 1);
    AssertionError error = assertThrows(AssertionError.class, () -> check("edited", workflow));
    assertThat(error).hasMessageThat().contains("not a dependency");
  }

  private static void check(String file, JsonNode workflow) {
    List<String> errors = schemaErrors(workflow);
    assertWithMessage(file + ": schema errors").that(errors).isEmpty();

    JsonNode metadata = workflow.get("metadata");
    assertWithMessage(file + ": metadata.name").that(metadata.has("name")).isFalse();
    String generateName = metadata.get("generateName").asText();
    assertWithMessage(file + ": generateName ≤ 58").that(generateName.length()).isAtMost(58);
    assertWithMessage(file + ": generateName").that(generateName).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?-");
    metadata.path("labels").properties().forEach(label -> assertWithMessage(file + ": label " + label.getKey())
        .that(label.getValue().asText()).matches("([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]?"));

    JsonNode spec = workflow.get("spec");
    Set<String> workflowParameters = new HashSet<>();
    for (JsonNode parameter : spec.path("arguments").path("parameters")) {
      checkParameterName(file + ": workflow parameter", parameter);
      assertWithMessage(file + ": workflow parameter value is a string").that(parameter.get("value").isTextual()).isTrue();
      assertWithMessage(file + ": duplicate workflow parameter").that(workflowParameters.add(parameter.get("name").asText()))
          .isTrue();
    }

    Map<String, JsonNode> templates = new LinkedHashMap<>();
    for (JsonNode template : spec.get("templates")) {
      String name = template.get("name").asText();
      assertWithMessage(file + ": template name " + name).that(name).matches(NAME.pattern());
      assertWithMessage(file + ": duplicate template " + name).that(templates.put(name, template)).isNull();
      int kinds = (template.has("container") ? 1 : 0) + (template.has("dag") ? 1 : 0)
          + (template.has("containerSet") ? 1 : 0);
      assertWithMessage(file + ": template " + name + " has one type").that(kinds).isEqualTo(1);
    }
    assertWithMessage(file + ": templates per workflow").that(templates.size()).isAtMost(MAX_TEMPLATES);
    assertWithMessage(file + ": entrypoint").that(templates).containsKey(spec.get("entrypoint").asText());

    Set<String> used = new HashSet<>(Set.of(spec.get("entrypoint").asText()));
    for (JsonNode template : templates.values()) {
      String where = file + ": template " + template.get("name").asText();
      Set<String> inputs = new HashSet<>();
      for (JsonNode input : template.path("inputs").path("parameters")) {
        checkParameterName(where + " input", input);
        assertWithMessage(where + ": duplicate input").that(inputs.add(input.get("name").asText())).isTrue();
      }
      for (JsonNode output : template.path("outputs").path("parameters")) {
        checkParameterName(where + " output", output);
      }
      if (template.has("dag")) {
        checkDag(where, template, templates, inputs, workflowParameters, used);
      } else if (template.has("containerSet")) {
        checkContainerSet(where, template);
        checkTags(where, template, inputs, workflowParameters, Map.of(), Set.of());
      } else {
        assertWithMessage(where + ": image").that(template.at("/container/image").asText()).isNotEmpty();
        for (JsonNode output : template.path("outputs").path("parameters")) {
          assertWithMessage(where + ": output from a file").that(output.at("/valueFrom/path").asText()).startsWith("/");
        }
        checkTags(where, template, inputs, workflowParameters, Map.of(), Set.of());
      }
    }
    assertWithMessage(file + ": every template is used").that(used).isEqualTo(templates.keySet());
  }

  /**
   * A container set (a plain step with artifacts): unique container names, dependencies on containers of the set
   * that come before (no cycle), a container named main (whose files Argo reads the outputs from), volume mounts of
   * the template's own volumes.
   */
  private static void checkContainerSet(String where, JsonNode template) {
    Set<String> names = new HashSet<>();
    for (JsonNode container : template.at("/containerSet/containers")) {
      String name = container.path("name").asText();
      assertWithMessage(where + ": container name").that(name).matches(NAME.pattern());
      assertWithMessage(where + ": container image of " + name).that(container.path("image").asText()).isNotEmpty();
      for (JsonNode dependency : container.path("dependencies")) {
        assertWithMessage(where + ": container " + name + " depends on an earlier container").that(names)
            .contains(dependency.asText());
      }
      assertWithMessage(where + ": duplicate container " + name).that(names.add(name)).isTrue();
    }
    assertWithMessage(where + ": outputs come from the container named main").that(names).contains("main");
    Set<String> volumes = new HashSet<>();
    template.path("volumes").forEach(volume -> volumes.add(volume.path("name").asText()));
    for (JsonNode mount : template.at("/containerSet/volumeMounts")) {
      assertWithMessage(where + ": mounted volume").that(volumes).contains(mount.path("name").asText());
    }
    for (JsonNode output : template.path("outputs").path("parameters")) {
      assertWithMessage(where + ": output from a file").that(output.at("/valueFrom/path").asText()).startsWith("/");
    }
  }

  private static void checkDag(String where, JsonNode template, Map<String, JsonNode> templates, Set<String> inputs,
      Set<String> workflowParameters, Set<String> used) {
    Map<String, JsonNode> tasks = new LinkedHashMap<>();
    for (JsonNode task : template.at("/dag/tasks")) {
      String name = task.get("name").asText();
      assertWithMessage(where + ": task name " + name).that(name).matches(NAME.pattern());
      assertWithMessage(where + ": task name " + name + " starts with a letter").that(Character.isLetter(name.charAt(0)))
          .isTrue();
      assertWithMessage(where + ": duplicate task " + name).that(tasks.put(name, task)).isNull();
    }
    assertWithMessage(where + ": tasks").that(tasks).isNotEmpty();
    assertWithMessage(where + ": tasks per DAG").that(tasks.size()).isAtMost(MAX_TASKS);

    Map<String, Set<String>> dependencies = new HashMap<>();
    for (JsonNode task : tasks.values()) {
      String name = task.get("name").asText();
      Set<String> direct = new HashSet<>();
      for (JsonNode dependency : task.path("dependencies")) {
        assertWithMessage(where + " task " + name + ": dependency").that(tasks).containsKey(dependency.asText());
        direct.add(dependency.asText());
      }
      dependencies.put(name, direct);
    }
    Map<String, Set<String>> transitive = new HashMap<>();
    for (String task : tasks.keySet()) {
      transitive.put(task, closure(where, task, dependencies, new ArrayList<>()));
    }

    Map<String, Set<String>> taskOutputs = new HashMap<>();
    for (JsonNode task : tasks.values()) {
      String name = task.get("name").asText();
      String calleeName = task.get("template").asText();
      JsonNode callee = templates.get(calleeName);
      assertWithMessage(where + " task " + name + ": template " + calleeName + " exists").that(callee).isNotNull();
      used.add(calleeName);
      Set<String> outputs = new HashSet<>();
      callee.path("outputs").path("parameters").forEach(p -> outputs.add(p.get("name").asText()));
      taskOutputs.put(name, outputs);

      Set<String> declared = new HashSet<>();
      callee.path("inputs").path("parameters").forEach(p -> declared.add(p.get("name").asText()));
      Set<String> supplied = new HashSet<>();
      for (JsonNode argument : task.path("arguments").path("parameters")) {
        checkParameterName(where + " task " + name + " argument", argument);
        assertWithMessage(where + " task " + name + ": argument value is a string").that(argument.get("value").isTextual())
            .isTrue();
        supplied.add(argument.get("name").asText());
      }
      assertWithMessage(where + " task " + name + ": arguments are exactly the inputs of " + calleeName)
          .that(supplied).isEqualTo(declared);
      // An exit hook runs its template with its own arguments once the task ended.
      for (Map.Entry<String, JsonNode> hook : task.path("hooks").properties()) {
        String hookTemplate = hook.getValue().path("template").asText();
        assertWithMessage(where + " task " + name + ": hook " + hook.getKey()).that(hook.getKey()).isEqualTo("exit");
        JsonNode hooked = templates.get(hookTemplate);
        assertWithMessage(where + " task " + name + ": hook template " + hookTemplate + " exists").that(hooked).isNotNull();
        used.add(hookTemplate);
        Set<String> hookDeclared = new HashSet<>();
        hooked.path("inputs").path("parameters").forEach(p -> hookDeclared.add(p.get("name").asText()));
        Set<String> hookSupplied = new HashSet<>();
        hook.getValue().path("arguments").path("parameters").forEach(p -> hookSupplied.add(p.get("name").asText()));
        assertWithMessage(where + " task " + name + ": hook arguments are exactly the inputs of " + hookTemplate)
            .that(hookSupplied).isEqualTo(hookDeclared);
      }
    }
    for (JsonNode task : tasks.values()) {
      String name = task.get("name").asText();
      // withParam runs the task once per item: {{item.<key>}} resolves to that item's field there.
      checkTags(where + " task " + name + (task.has("withParam") ? " [withParam]" : ""), task, inputs,
          workflowParameters, taskOutputs, transitive.get(name));
    }
    // A DAG's outputs may name any of its tasks.
    checkTags(where + " outputs", template.path("outputs"), inputs, workflowParameters, taskOutputs, tasks.keySet());
  }

  private static Set<String> closure(String where, String task, Map<String, Set<String>> dependencies, List<String> path) {
    if (path.contains(task)) {
      throw new AssertionError(where + ": dependency cycle " + path + " → " + task);
    }
    path.add(task);
    Set<String> all = new HashSet<>();
    for (String dependency : dependencies.get(task)) {
      all.add(dependency);
      all.addAll(closure(where, dependency, dependencies, path));
    }
    path.remove(path.size() - 1);
    return all;
  }

  /** Every {@code {{…}}} tag in the node's strings resolves, as argo lint requires; anything else is a leaked user string. */
  private static void checkTags(String where, JsonNode node, Set<String> inputs, Set<String> workflowParameters,
      Map<String, Set<String>> taskOutputs, Set<String> reachable) {
    if (node.isObject() || node.isArray()) {
      for (JsonNode child : node) {
        checkTags(where, child, inputs, workflowParameters, taskOutputs, reachable);
      }
      return;
    }
    if (!node.isTextual()) {
      return;
    }
    Matcher tags = TAG.matcher(node.asText());
    while (tags.find()) {
      String tag = tags.group(1);
      Matcher taskOutput = TASK_OUTPUT.matcher(tag);
      if (tag.startsWith("inputs.parameters.")) {
        assertWithMessage(where + ": {{" + tag + "}} names an input").that(inputs).contains(tag.substring(18));
      } else if (tag.startsWith("workflow.parameters.")) {
        assertWithMessage(where + ": {{" + tag + "}} names a workflow parameter").that(workflowParameters)
            .contains(tag.substring(20));
      } else if (taskOutput.matches()) {
        String task = taskOutput.group(1);
        if (!reachable.contains(task)) {
          throw new AssertionError(where + ": {{" + tag + "}}: task " + task + " is not a dependency");
        }
        assertWithMessage(where + ": {{" + tag + "}} names an output").that(taskOutputs.get(task))
            .contains(taskOutput.group(2));
      } else if (tag.matches("item\\.(index|binding)") && where.endsWith(" [withParam]")) {
        continue;
      } else if (!tag.equals("workflow.name")) {
        throw new AssertionError(where + ": {{" + tag + "}} does not resolve (a user string written unescaped?)");
      }
    }
    String rest = TAG.matcher(node.asText()).replaceAll("");
    assertWithMessage(where + ": unterminated tag in " + node.asText()).that(rest).doesNotContain("{{");
  }

  private static void checkParameterName(String where, JsonNode parameter) {
    assertWithMessage(where + " name").that(parameter.get("name").asText()).matches(PARAMETER_NAME.pattern());
  }

  private static List<String> schemaErrors(JsonNode workflow) {
    Set<ValidationMessage> messages = WORKFLOW_SCHEMA.validate(workflow);
    return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
  }

  /**
   * Argo's schema.json, checking the Workflow definition, with {@code additionalProperties: false} on every
   * object that lists its properties (Argo's own decoder is strict; the published schema is not).
   */
  private static JsonSchema workflowSchema() {
    try (InputStream in = ArgoSpecTest.class.getResourceAsStream("/argo/schema.json")) {
      ObjectNode schema = (ObjectNode) new ObjectMapper().readTree(in);
      schema.remove("oneOf");
      schema.remove("type");
      schema.set("$ref", TextNode.valueOf("#/definitions/io.argoproj.workflow.v1alpha1.Workflow"));
      closeObjects(schema.get("definitions"));
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void closeObjects(JsonNode node) {
    if (node instanceof ObjectNode object) {
      if (object.has("properties") && !object.has("additionalProperties")) {
        object.set("additionalProperties", BooleanNode.FALSE);
      }
      object.forEach(ArgoSpecTest::closeObjects);
    } else if (node instanceof ArrayNode array) {
      array.forEach(ArgoSpecTest::closeObjects);
    }
  }
}
