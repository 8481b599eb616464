package dev.kfp4j.processor.spec;

import static dev.kfp4j.processor.spec.Node.map;
import static dev.kfp4j.wire.StepArguments.CONTEXTS;
import static dev.kfp4j.wire.StepArguments.INPUTS;
import static dev.kfp4j.wire.StepArguments.OUTPUT_CONTEXT;
import static dev.kfp4j.wire.StepArguments.TASK;

import dev.kfp4j.processor.model.Binding;
import dev.kfp4j.processor.model.ComponentModel;
import dev.kfp4j.processor.model.PipelineGraph;
import dev.kfp4j.processor.model.Task;
import dev.kfp4j.wire.InputBindings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Component calls in an Argo workflow: the DAG task of a call (its contexts, task name and input bindings), and one
 * template per component and options ({@link PipelineGraph.Executor}) running its entrypoint (generated or shared), or a
 * container step's templates ({@link ContainerStepSpecs}).
 */
final class ArgoComponents {

  /** A component template's input carrying the display name of the call, for its pod annotation. */
  private static final String DISPLAY_NAME_INPUT = "kfp4j-display-name";

  private ArgoComponents() {}

  /** The DAG task of a component call. */
  static Map<String, Object> task(ArgoDagWriter dag, Task.ComponentCall call, ArgoScope scope, String contexts) {
    List<Object> arguments = new ArrayList<>();
    arguments.add(map("name", "contexts", "value", contexts));
    arguments.add(map("name", "task", "value", scope.prefix() + call.name()));
    Map<String, String> inputs = new LinkedHashMap<>();
    for (Binding input : call.inputs()) {
      inputs.put(input.name(), scope.binding(dag.graph(), input.source()));
    }
    arguments.add(map("name", "inputs", "value", InputBindings.object(inputs)));
    if (!call.options().displayName().isEmpty()) {
      arguments.add(map("name", DISPLAY_NAME_INPUT, "value", call.options().displayName()));
    }
    return scope.dagTask(call, dag.graph().key(call), arguments);
  }

  /** The templates of every component and options the workflow runs, in the graph's order. */
  static List<Object> templates(ArgoSteps steps, PipelineGraph graph) {
    List<Object> templates = new ArrayList<>();
    Set<String> displayNamed = displayNamedExecutors(graph);
    graph.executors().forEach((key, executor) -> {
      if (executor.component().isContainerStep()) {
        templates.addAll(ContainerStepSpecs.argoTemplates(key, executor, displayNamed.contains(key), DISPLAY_NAME_INPUT,
            steps.javaImage(graph), steps.settings().command(ContainerStepSpecs.VALUES_MAIN),
            ArgoWorkflowWriter.CONTEXT_FILE, steps::container));
      } else {
        templates.add(template(steps, graph, key, executor, displayNamed.contains(key)));
      }
    });
    return templates;
  }

  private static Map<String, Object> template(ArgoSteps steps, PipelineGraph graph, String key,
      PipelineGraph.Executor executor, boolean displayNamed) {
    ComponentModel component = executor.component();
    Map<String, Object> template = map("name", key);
    List<Object> inputs = new ArrayList<>(List.of(map("name", "contexts"), map("name", "task"), map("name", "inputs")));
    if (displayNamed) {
      inputs.add(map("default", "", "name", DISPLAY_NAME_INPUT));
    }
    template.put("inputs", map("parameters", inputs));
    Map<String, Object> container = steps.container(
        graph.image(executor, steps.settings().defaultImage(graph.root().name())),
        steps.settings().command(component.launch()), List.of(CONTEXTS, "{{inputs.parameters.contexts}}",
            TASK, "{{inputs.parameters.task}}", INPUTS, "{{inputs.parameters.inputs}}",
            OUTPUT_CONTEXT, ArgoWorkflowWriter.CONTEXT_FILE));
    ArgoOptions.container(container, executor.options());
    template.put("container", container);
    template.put("outputs", ArgoSteps.contextOutput());
    ArgoOptions.template(template, executor.options());
    if (displayNamed) {
      ArgoOptions.displayName(template, DISPLAY_NAME_INPUT);
    }
    return template;
  }

  /** The keys of the templates that some call with a {@code @DisplayName} runs. */
  private static Set<String> displayNamedExecutors(PipelineGraph graph) {
    Set<String> keys = new TreeSet<>();
    for (Task.ComponentCall call : graph.componentCalls()) {
      if (!call.options().displayName().isEmpty()) {
        keys.add(graph.key(call));
      }
    }
    return keys;
  }
}
