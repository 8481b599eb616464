package dev.kfp4j.cluster.argo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading a compiled Workflow and applying submit options to it, without a cluster. */
class WorkflowEditsTest {

  @Test
  void loadsByPipelineNameFromTheClasspathOrByPath(@TempDir Path dir) throws Exception {
    ObjectNode byName = ArgoTestSupport.diamond();
    assertEquals(List.of("message", "numbers"), WorkflowEdits.parameterNames(byName));
    Path file = dir.resolve("wf.yaml");
    Files.writeString(file, byName.toString()); // JSON is YAML
    assertEquals(byName, WorkflowSpecs.load(file.toString(), getClass().getClassLoader()));
    assertEquals(byName, WorkflowSpecs.load("diamond", getClass().getClassLoader()));
  }

  @Test
  void loadingErrorsSayWhatWasExpected(@TempDir Path dir) throws Exception {
    ClassLoader loader = getClass().getClassLoader();
    assertEquals("no compiled pipeline 'average' on the classpath (looked for META-INF/kfp4j/average/workflow.yaml); "
        + "compile the @Pipeline with the kfp4j processor or give a workflow.yaml path",
        assertThrows(ArgoException.class, () -> WorkflowSpecs.fromClasspath("average", loader)).getMessage());
    Path missing = dir.resolve("missing.yaml");
    assertEquals("workflow file " + missing + " does not exist",
        assertThrows(ArgoException.class, () -> WorkflowSpecs.load(missing.toString(), loader)).getMessage());
    assertEquals("x.yaml is a WorkflowTemplate (argoproj.io/v1alpha1); expected kind Workflow, apiVersion argoproj.io/v1alpha1",
        assertThrows(ArgoException.class, () -> WorkflowSpecs.parse(
            "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nspec: {}\n", "x.yaml")).getMessage());
    assertEquals("x.yaml is not valid YAML (line 1, column 9): while parsing a flow node; "
        + "expected the node content, but found '<stream end>'",
        assertThrows(ArgoException.class, () -> WorkflowSpecs.parse("{spec: [", "x.yaml")).getMessage());
  }

  @Test
  void unknownAndMissingParameterValuesAreRefused() {
    ObjectNode workflow = ArgoTestSupport.diamond();
    assertEquals("unknown parameter 'count'; the workflow declares message, numbers",
        assertThrows(ArgoException.class, () -> WorkflowEdits.apply(workflow,
            SubmitOptions.defaults().withParameter("count", "3"))).getMessage());
    ObjectNode noValue = workflow.deepCopy();
    ((ObjectNode) noValue.at("/spec/arguments/parameters/1")).remove("value");
    assertEquals("parameter 'numbers' has no value; pass one (-p numbers=VALUE)",
        assertThrows(ArgoException.class, () -> WorkflowEdits.apply(noValue, SubmitOptions.defaults())).getMessage());
    ObjectNode given = WorkflowEdits.apply(noValue, SubmitOptions.defaults().withParameter("numbers", "[4]"));
    assertEquals("[4]", given.at("/spec/arguments/parameters/1/value").asText());
    // The processor writes this placeholder for a pipeline parameter: it must be given at submit time.
    ObjectNode placeholder = workflow.deepCopy();
    ((ObjectNode) placeholder.at("/spec/arguments/parameters/1")).put("value", "kfp4j:required");
    assertEquals("parameter 'numbers' has no value; pass one (-p numbers=VALUE)",
        assertThrows(ArgoException.class, () -> WorkflowEdits.apply(placeholder, SubmitOptions.defaults())).getMessage());
  }

  @Test
  void theCompiledWorkflowIsNotChanged() {
    ObjectNode workflow = ArgoTestSupport.diamond();
    ObjectNode before = workflow.deepCopy();
    ObjectNode edited = WorkflowEdits.apply(workflow, SubmitOptions.defaults().withParameter("message", "x")
        .withGenerateName("run-").withStorageSecret("other").withServiceAccount("sa").withLabel("a", "b"));
    assertEquals(before, workflow);
    assertFalse(edited.equals(workflow));
  }

  @Test
  void generateNameReplacesAFixedName() {
    ObjectNode workflow = ArgoTestSupport.diamond();
    workflow.withObjectProperty("metadata").put("name", "fixed");
    ObjectNode edited = WorkflowEdits.apply(workflow, SubmitOptions.defaults().withGenerateName("run-"));
    assertFalse(edited.at("/metadata").has("name"));
    assertEquals("run-", edited.at("/metadata/generateName").asText());
  }

  @Test
  void namesAreCheckedAsKubernetesChecksThem() {
    ObjectNode workflow = ArgoTestSupport.diamond();
    assertEquals("storage Secret 'Minio_Creds' is not a valid Kubernetes name (lower-case letters, digits, '-', '.'; "
        + "starts and ends with a letter or digit)", assertThrows(ArgoException.class,
            () -> WorkflowEdits.apply(workflow, SubmitOptions.defaults().withStorageSecret("Minio_Creds"))).getMessage());
    assertThrows(ArgoException.class,
        () -> WorkflowEdits.apply(workflow, SubmitOptions.defaults().withServiceAccount("-sa")));
    assertThrows(ArgoException.class,
        () -> WorkflowEdits.apply(workflow, SubmitOptions.defaults().withGenerateName("Run_")));
  }

  @Test
  void aStorageSecretNeedsAnEnvEntryThatReadsASecret() {
    ObjectNode workflow = ArgoTestSupport.diamond();
    ObjectNode container = (ObjectNode) workflow.at("/spec/templates/1/container");
    container.remove("env");
    assertEquals("storage Secret 'minio' given, but no container env entry of the workflow reads a Secret "
        + "(env[].valueFrom.secretKeyRef); nothing would use it", assertThrows(ArgoException.class,
            () -> WorkflowEdits.apply(workflow, SubmitOptions.defaults().withStorageSecret("minio"))).getMessage());
  }
}
