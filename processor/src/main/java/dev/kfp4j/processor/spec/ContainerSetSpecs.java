package dev.kfp4j.processor.spec;

import static dev.kfp4j.processor.spec.Node.map;
import static dev.kfp4j.wire.StepArguments.ARTIFACT;
import static dev.kfp4j.wire.StepArguments.CONTEXTS;
import static dev.kfp4j.wire.StepArguments.FETCH_MODE;
import static dev.kfp4j.wire.StepArguments.INPUTS;
import static dev.kfp4j.wire.StepArguments.OUTPUTS_FOLDER;
import static dev.kfp4j.wire.StepArguments.OUTPUT_ARTIFACT;
import static dev.kfp4j.wire.StepArguments.OUTPUT_CONTEXT;
import static dev.kfp4j.wire.StepArguments.OUTPUT_FILE;
import static dev.kfp4j.wire.StepArguments.STORE_MODE;
import static dev.kfp4j.wire.StepArguments.TASK;

import dev.kfp4j.processor.model.ComponentModel;
import dev.kfp4j.processor.model.ContainerSpec;
import dev.kfp4j.processor.model.PipelineGraph;
import dev.kfp4j.processor.model.Port;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Argo templates of a plain container step with artifacts (a component file's {@code inputPath} /
 * {@code outputPath} of a data set or model). Files cannot travel as Argo parameters, so the step's own
 * program runs in one pod with kfp4j's halves around it: an Argo container set whose containers share an
 * {@code emptyDir} volume at {@value #VOLUME_PATH}: {@code fetch} (the runtime downloads each input artifact
 * from the run's storage to {@code inputs/N}), {@code run} (the step's image; its placeholders replaced by
 * those paths, by {@code outputs/N} and by the parameter values a {@code fetch} task before the pod gave as
 * Argo parameters, as for a step without artifacts) and {@code main} (the runtime stores every output, files
 * and folders as artifacts with their manifest, and writes the updated context, the pod's output).
 * From outside it looks like any component template.
 */
final class ContainerSetSpecs {

  static final String VOLUME_PATH = "/tmp/kfp4j";
  private static final String VOLUME = "kfp4j-values";
  private static final String INPUTS_DIR = VOLUME_PATH + "/inputs/";
  private static final String OUTPUTS_DIR = VOLUME_PATH + "/outputs/";
  private static final String PARAMETERS_DIR = "/tmp/kfp4j/parameters/";

  private ContainerSetSpecs() {}

  /** Whether a plain step moves files: some input or output is an artifact. */
  static boolean hasArtifacts(ComponentModel component) {
    return component.inputs().stream().anyMatch(p -> p.type().isArtifact())
        || component.outputs().stream().anyMatch(p -> p.type().isArtifact());
  }

  static List<Object> templates(String key, PipelineGraph.Executor executor, boolean displayNamed,
      String displayNameInput, String javaImage, List<String> valuesCommand, String contextFile,
      ContainerStepSpecs.Containers containers, String image) {
    ComponentModel component = executor.component();
    ContainerSpec spec = component.container().orElseThrow();
    List<Port> inputs = component.inputs();
    List<Port> outputs = component.outputs();
    List<Object> templates = new ArrayList<>();
    List<Object> tasks = new ArrayList<>();
    List<String> parameterNames = inputs.stream().filter(p -> !p.type().isArtifact()).map(Port::name).toList();

    // Parameter values: fetched in a pod of their own, since the program's arguments are fixed when its pod starts.
    List<Object> runInputs = new ArrayList<>(List.of(map("name", "contexts"), map("name", "task"), map("name", "inputs")));
    List<Object> runArguments = new ArrayList<>(List.of(map("name", "contexts", "value", "{{inputs.parameters.contexts}}"),
        map("name", "task", "value", "{{inputs.parameters.task}}"),
        map("name", "inputs", "value", "{{inputs.parameters.inputs}}")));
    if (!parameterNames.isEmpty()) {
      List<String> fetchArgs = new ArrayList<>(List.of(FETCH_MODE, CONTEXTS, "{{inputs.parameters.contexts}}",
          INPUTS, "{{inputs.parameters.inputs}}"));
      List<Object> fetched = new ArrayList<>();
      for (int i = 0; i < inputs.size(); i++) {
        if (!inputs.get(i).type().isArtifact()) {
          fetchArgs.addAll(List.of("--value", inputs.get(i).name(),
              PARAMETERS_DIR + i));
          fetched.add(map("name", "input-" + i, "valueFrom", map("path", PARAMETERS_DIR + i)));
          runInputs.add(map("name", "input-" + i));
          runArguments.add(map("name", "input-" + i, "value", "{{tasks.fetch.outputs.parameters.input-" + i + "}}"));
        }
      }
      ContainerStepSpecs.addFetch(key, fetchArgs, fetched, javaImage, valuesCommand, containers, templates, tasks);
    }
    if (displayNamed) {
      runInputs.add(map("default", "", "name", displayNameInput));
      runArguments.add(map("name", displayNameInput, "value", "{{inputs.parameters." + displayNameInput + "}}"));
    }

    // The pod: fetch artifacts → run the program → store everything.
    List<String> fetchArgs = new ArrayList<>(List.of(FETCH_MODE, CONTEXTS, "{{inputs.parameters.contexts}}",
        INPUTS, "{{inputs.parameters.inputs}}"));
    for (int i = 0; i < inputs.size(); i++) {
      if (inputs.get(i).type().isArtifact()) {
        fetchArgs.addAll(List.of(ARTIFACT, inputs.get(i).name(), INPUTS_DIR + i));
      }
    }
    fetchArgs.addAll(List.of(OUTPUTS_FOLDER, OUTPUTS_DIR.substring(0, OUTPUTS_DIR.length() - 1)));
    Map<String, Object> fetchContainer = new TreeMap<>(containers.container(javaImage, valuesCommand, fetchArgs));
    fetchContainer.put("name", "fetch");

    List<String> inputNames = inputs.stream().map(Port::name).toList();
    List<String> outputNames = outputs.stream().map(Port::name).toList();
    ContainerSpec.Replacement argo = (kind, name, field) -> {
      if (kind.equals("outputs")) {
        return field == ContainerSpec.Field.METADATA ? "{}" : OUTPUTS_DIR + outputNames.indexOf(name);
      }
      int index = inputNames.indexOf(name);
      if (!inputs.get(index).type().isArtifact()) {
        return "{{inputs.parameters.input-" + index + "}}";
      }
      // Outside KFP an artifact's URI is its local path; its metadata travels in kfp4j's manifest, not here.
      return field == ContainerSpec.Field.METADATA ? "{}" : INPUTS_DIR + index;
    };
    Map<String, Object> runContainer = new TreeMap<>(Map.of("name", "run"));
    List<String> args = ContainerSpec.translate(spec.args(), argo);
    if (!args.isEmpty()) {
      runContainer.put("args", args);
    }
    if (!spec.command().isEmpty()) {
      runContainer.put("command", ContainerSpec.translate(spec.command(), argo));
    }
    runContainer.put("dependencies", List.of("fetch"));
    runContainer.put("image", image);
    ArgoOptions.container(runContainer, executor.options());

    List<String> storeArgs = new ArrayList<>(List.of(STORE_MODE, CONTEXTS, "{{inputs.parameters.contexts}}",
        TASK, "{{inputs.parameters.task}}"));
    for (int i = 0; i < outputs.size(); i++) {
      Port output = outputs.get(i);
      storeArgs.addAll(output.type().isArtifact()
          ? List.of(OUTPUT_ARTIFACT, output.name(), output.type().artifactType(), OUTPUTS_DIR + i)
          : List.of(OUTPUT_FILE, output.name(), output.type().kind().name(), OUTPUTS_DIR + i));
    }
    storeArgs.addAll(List.of(OUTPUT_CONTEXT, contextFile));
    Map<String, Object> storeContainer = new TreeMap<>(containers.container(javaImage, valuesCommand, storeArgs));
    storeContainer.put("name", "main"); // Argo reads a container set's outputs from its container named main
    storeContainer.put("dependencies", List.of("run"));

    Map<String, Object> run = map("name", key + "-run", "inputs", map("parameters", runInputs));
    run.put("containerSet", map("containers", List.of(fetchContainer, runContainer, storeContainer),
        "volumeMounts", List.of(map("mountPath", VOLUME_PATH, "name", VOLUME))));
    run.put("outputs", map("parameters", List.of(map("name", "context", "valueFrom", map("path", contextFile)))));
    run.put("volumes", List.of(map("emptyDir", map(), "name", VOLUME)));
    ArgoOptions.template(run, executor.options());
    if (displayNamed) {
      ArgoOptions.displayName(run, displayNameInput);
    }
    templates.add(run);
    Map<String, Object> runTask = map("name", "run", "template", key + "-run", "arguments", map("parameters", runArguments));
    if (!parameterNames.isEmpty()) {
      runTask.put("dependencies", List.of("fetch"));
    }
    tasks.add(runTask);

    List<Object> dagInputs = new ArrayList<>(List.of(map("name", "contexts"), map("name", "task"), map("name", "inputs")));
    if (displayNamed) {
      dagInputs.add(map("default", "", "name", displayNameInput));
    }
    Map<String, Object> dag = map("name", key, "inputs", map("parameters", dagInputs));
    dag.put("dag", map("tasks", tasks));
    dag.put("outputs", map("parameters", List.of(map("name", "context",
        "valueFrom", map("parameter", "{{tasks.run.outputs.parameters.context}}")))));
    templates.add(0, dag);
    return templates;
  }
}
