package dev.kfp4j.processor.spec;

import static dev.kfp4j.processor.spec.Node.map;
import static dev.kfp4j.wire.StepArguments.CONTEXTS;
import static dev.kfp4j.wire.StepArguments.FETCH_MODE;
import static dev.kfp4j.wire.StepArguments.INPUTS;
import static dev.kfp4j.wire.StepArguments.OUTPUT;
import static dev.kfp4j.wire.StepArguments.OUTPUT_CONTEXT;
import static dev.kfp4j.wire.StepArguments.STORE_MODE;
import static dev.kfp4j.wire.StepArguments.TASK;

import dev.kfp4j.processor.model.ComponentModel;
import dev.kfp4j.processor.model.ContainerSpec;
import dev.kfp4j.processor.model.PipelineGraph;
import dev.kfp4j.processor.model.Port;
import dev.kfp4j.wire.EnvironmentVariables;
import dev.kfp4j.wire.WorkflowNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How both writers render a container step ({@code @ContainerStep}, {@code @ComponentFile}): the
 * step's own image and command line, with the neutral placeholders translated into each engine's.
 *
 * <p>Under Argo a plain (KFP-protocol) step cannot read the run's storage itself, so it becomes a
 * small DAG of its own: {@code fetch} (the runtime reads the step's input values from storage and
 * outputs them as text), {@code run} (the step's image, its placeholders replaced by those texts and
 * by fixed output files) and {@code store} (the runtime writes the output files' values to storage
 * and outputs the updated context). From outside it looks like any component template. A plain step with
 * artifacts runs in one pod instead ({@link ContainerSetSpecs}).
 */
final class ContainerStepSpecs {

  /** The runtime class behind the fetch and store parts of a plain step under Argo. */
  static final String VALUES_MAIN = WorkflowNames.CONTAINER_VALUES_MAIN;
  /** The environment variable that marks a context-protocol step in the KFP IR (for the local runner). */
  static final String PROTOCOL_ENV = EnvironmentVariables.PROTOCOL;

  private static final String INPUTS_DIR = "/tmp/kfp4j/inputs/";
  private static final String OUTPUTS_DIR = "/tmp/kfp4j/outputs/";

  /** Builds an Argo container with the run's storage environment. */
  interface Containers {
    Map<String, Object> container(String image, List<String> command, List<String> args);
  }

  private ContainerStepSpecs() {}

  /** The KFP IR executor of a container step, with its options' container part ({@code env}, {@code resources}). */
  static Map<String, Object> kfpExecutor(PipelineGraph.Executor executor) {
    ContainerSpec spec = executor.component().container().orElseThrow();
    Map<String, Object> container = new java.util.TreeMap<>(); // KFP's order, which options' env and resources keep
    if (spec.protocol() == ContainerSpec.Protocol.CONTEXT) {
      // Under KFP there is no run context: the program gets KFP's executor input, as generated entrypoints do.
      List<String> args = new ArrayList<>(spec.args());
      args.addAll(List.of("--executor_input", "{{$}}"));
      container.put("args", args);
      container.put("command", spec.command());
      container.put("env", new ArrayList<>(List.of(map("name", PROTOCOL_ENV, "value", EnvironmentVariables.CONTEXT_PROTOCOL))));
    } else {
      List<String> args = kfp(spec.args(), executor.component());
      if (!args.isEmpty()) {
        container.put("args", args);
      }
      if (!spec.command().isEmpty()) { // none: the image's own entrypoint runs
        container.put("command", kfp(spec.command(), executor.component()));
      }
    }
    container.put("image", image(executor));
    KfpOptions.container(container, executor.options());
    return map("container", container);
  }

  /**
   * KFP's own placeholders, as its compiler writes them for a v1 component: a parameter's value or output file,
   * an artifact's {@code path}, {@code uri} or {@code metadata}.
   */
  private static List<String> kfp(List<String> texts, ComponentModel component) {
    return ContainerSpec.translate(texts, (kind, name, field) -> {
      if (isArtifact(kind.equals("inputs") ? component.inputs() : component.outputs(), name)) {
        return "{{$." + kind + ".artifacts['" + name + "']." + field.name().toLowerCase(java.util.Locale.ROOT) + "}}";
      }
      return kind.equals("inputs") ? "{{$.inputs.parameters['" + name + "']}}"
          : "{{$.outputs.parameters['" + name + "'].output_file}}";
    });
  }

  private static boolean isArtifact(List<Port> ports, String name) {
    return ports.stream().anyMatch(port -> port.name().equals(name) && port.type().isArtifact());
  }

  /** The image a container step's call runs: its {@code @Image} option, else the step's own. */
  private static String image(PipelineGraph.Executor executor) {
    String image = executor.options().image();
    return image.isEmpty() ? executor.component().container().orElseThrow().image() : image;
  }

  /**
   * The Argo templates of a container step: one for a context-protocol step, four for a plain one. The call's
   * options shape the template that runs the step's own image (a plain step's {@code run}); {@code displayNamed}:
   * some call passes a display name for its pod ({@code displayNameInput}).
   */
  static List<Object> argoTemplates(String key, PipelineGraph.Executor executor, boolean displayNamed,
      String displayNameInput, String javaImage, List<String> valuesCommand, String contextFile, Containers containers) {
    ComponentModel component = executor.component();
    ContainerSpec spec = component.container().orElseThrow();
    Map<String, Object> outputs = map("parameters", List.of(map("name", "context", "valueFrom", map("path", contextFile))));
    List<Object> inputs = new ArrayList<>(List.of(map("name", "contexts"), map("name", "task"), map("name", "inputs")));
    if (displayNamed) {
      inputs.add(map("default", "", "name", displayNameInput));
    }
    if (spec.protocol() == ContainerSpec.Protocol.CONTEXT) {
      List<String> args = new ArrayList<>(spec.args());
      args.addAll(List.of(CONTEXTS, "{{inputs.parameters.contexts}}", TASK, "{{inputs.parameters.task}}",
          INPUTS, "{{inputs.parameters.inputs}}", OUTPUT_CONTEXT, contextFile));
      Map<String, Object> template = map("name", key, "inputs", map("parameters", inputs));
      Map<String, Object> container = containers.container(image(executor), spec.command(), args);
      ArgoOptions.container(container, executor.options());
      template.put("container", container);
      template.put("outputs", outputs);
      ArgoOptions.template(template, executor.options());
      if (displayNamed) {
        ArgoOptions.displayName(template, displayNameInput);
      }
      return List.of(template);
    }
    if (ContainerSetSpecs.hasArtifacts(component)) {
      return ContainerSetSpecs.templates(key, executor, displayNamed, displayNameInput, javaImage, valuesCommand,
          contextFile, containers, image(executor));
    }
    List<Object> templates = new ArrayList<>();
    List<Object> tasks = new ArrayList<>();
    List<String> fetchArgs = new ArrayList<>(List.of(FETCH_MODE, CONTEXTS, "{{inputs.parameters.contexts}}",
        INPUTS, "{{inputs.parameters.inputs}}"));
    List<Object> fetched = new ArrayList<>();
    List<Object> runInputs = new ArrayList<>();
    List<Object> runArguments = new ArrayList<>();
    List<Port> ports = component.inputs();
    for (int i = 0; i < ports.size(); i++) {
      fetchArgs.addAll(List.of("--value", ports.get(i).name(), INPUTS_DIR + i));
      fetched.add(map("name", "input-" + i, "valueFrom", map("path", INPUTS_DIR + i)));
      runInputs.add(map("name", "input-" + i));
      runArguments.add(map("name", "input-" + i, "value", "{{tasks.fetch.outputs.parameters.input-" + i + "}}"));
    }
    if (!ports.isEmpty()) {
      addFetch(key, fetchArgs, fetched, javaImage, valuesCommand, containers, templates, tasks);
    }
    List<String> inputNames = ports.stream().map(Port::name).toList();
    List<String> outputNames = component.outputs().stream().map(Port::name).toList();
    ContainerSpec.Replacement argo = (kind, name, field) -> kind.equals("inputs")
        ? "{{inputs.parameters.input-" + inputNames.indexOf(name) + "}}"
        : OUTPUTS_DIR + outputNames.indexOf(name);
    Map<String, Object> run = map("name", key + "-run");
    if (displayNamed) {
      runInputs.add(map("default", "", "name", displayNameInput));
      runArguments.add(map("name", displayNameInput, "value", "{{inputs.parameters." + displayNameInput + "}}"));
    }
    if (!runInputs.isEmpty()) {
      run.put("inputs", map("parameters", runInputs));
    }
    Map<String, Object> runContainer = map();
    List<String> args = ContainerSpec.translate(spec.args(), argo);
    if (!args.isEmpty()) {
      runContainer.put("args", args);
    }
    if (!spec.command().isEmpty()) {
      runContainer.put("command", ContainerSpec.translate(spec.command(), argo));
    }
    runContainer.put("image", image(executor));
    ArgoOptions.container(runContainer, executor.options());
    run.put("container", runContainer);
    List<String> storeArgs = new ArrayList<>(List.of(STORE_MODE, CONTEXTS, "{{inputs.parameters.contexts}}",
        TASK, "{{inputs.parameters.task}}"));
    List<Object> written = new ArrayList<>();
    List<Object> storeInputs = new ArrayList<>(List.of(map("name", "contexts"), map("name", "task")));
    List<Object> storeArguments = new ArrayList<>(List.of(map("name", "contexts", "value", "{{inputs.parameters.contexts}}"),
        map("name", "task", "value", "{{inputs.parameters.task}}")));
    for (int i = 0; i < component.outputs().size(); i++) {
      Port output = component.outputs().get(i);
      written.add(map("name", "output-" + i, "valueFrom", map("path", OUTPUTS_DIR + i)));
      storeArgs.addAll(List.of(OUTPUT, output.name(), output.type().kind().name(), "{{inputs.parameters.output-" + i + "}}"));
      storeInputs.add(map("name", "output-" + i));
      storeArguments.add(map("name", "output-" + i, "value", "{{tasks.run.outputs.parameters.output-" + i + "}}"));
    }
    storeArgs.addAll(List.of(OUTPUT_CONTEXT, contextFile));
    if (!written.isEmpty()) {
      run.put("outputs", map("parameters", written));
    }
    ArgoOptions.template(run, executor.options());
    if (displayNamed) {
      ArgoOptions.displayName(run, displayNameInput);
    }
    templates.add(run);
    Map<String, Object> runTask = map("name", "run", "template", key + "-run");
    if (!ports.isEmpty()) {
      runTask.put("dependencies", List.of("fetch"));
    }
    if (!runArguments.isEmpty()) {
      runTask.put("arguments", map("parameters", runArguments));
    }
    tasks.add(runTask);
    Map<String, Object> store = map("name", key + "-store", "inputs", map("parameters", storeInputs));
    store.put("container", containers.container(javaImage, valuesCommand, storeArgs));
    store.put("outputs", outputs);
    templates.add(store);
    tasks.add(map("name", "store", "template", key + "-store", "dependencies", List.of("run"),
        "arguments", map("parameters", storeArguments)));
    Map<String, Object> dag = map("name", key, "inputs", map("parameters", inputs));
    dag.put("dag", map("tasks", tasks));
    dag.put("outputs", map("parameters", List.of(map("name", "context",
        "valueFrom", map("parameter", "{{tasks.store.outputs.parameters.context}}")))));
    templates.add(0, dag);
    return templates;
  }

  /**
   * Adds the {@code <key>-fetch} template, which writes input values out of storage as text files that become its
   * output parameters ({@code fetched}), and the DAG task running it.
   */
  static void addFetch(String key, List<String> fetchArgs, List<Object> fetched, String javaImage,
      List<String> valuesCommand, Containers containers, List<Object> templates, List<Object> tasks) {
    Map<String, Object> fetch = map("name", key + "-fetch", "inputs", map("parameters",
        List.of(map("name", "contexts"), map("name", "inputs"))));
    fetch.put("container", containers.container(javaImage, valuesCommand, fetchArgs));
    fetch.put("outputs", map("parameters", fetched));
    templates.add(fetch);
    tasks.add(map("name", "fetch", "template", key + "-fetch", "arguments", map("parameters", List.of(
        map("name", "contexts", "value", "{{inputs.parameters.contexts}}"),
        map("name", "inputs", "value", "{{inputs.parameters.inputs}}")))));
  }
}
