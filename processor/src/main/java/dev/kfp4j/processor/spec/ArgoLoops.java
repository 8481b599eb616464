package dev.kfp4j.processor.spec;

import static dev.kfp4j.processor.spec.Node.map;
import static dev.kfp4j.wire.StepArguments.COLLECT;
import static dev.kfp4j.wire.StepArguments.COLLECT_MODE;
import static dev.kfp4j.wire.StepArguments.CONTEXTS;
import static dev.kfp4j.wire.StepArguments.ITEMS;
import static dev.kfp4j.wire.StepArguments.ITEMS_MODE;
import static dev.kfp4j.wire.StepArguments.OUTPUT;
import static dev.kfp4j.wire.StepArguments.OUTPUT_CONTEXT;
import static dev.kfp4j.wire.StepArguments.TASK;

import dev.kfp4j.processor.model.Binding;
import dev.kfp4j.processor.model.Names;
import dev.kfp4j.processor.model.PipelineGraph;
import dev.kfp4j.processor.model.Task;
import dev.kfp4j.wire.Json;
import dev.kfp4j.wire.WorkflowNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loops in an Argo workflow: in the parent DAG, a step listing one input binding per item ({@code <loop>-items}),
 * the body's DAG template run once per item with {@code withParam}, and, if the loop collects results, a step
 * gathering them into lists ({@code <loop>-collect}). Items travel as bindings (an address and an index), never
 * inline. The items and collect steps run the runtime's {@code LoopMain}, one template each for the workflow.
 */
final class ArgoLoops {

  /** The file a loop's items step writes the items (one input binding per iteration) to. */
  static final String ITEMS_FILE = "/tmp/kfp4j/items.json";
  /** A loop's iterations with a parallelism limit get a template of their own; it takes the items list. */
  private static final String ITEMS_INPUT = "kfp4j-items";
  private static final String ITEMS_SUFFIX = "-items";
  private static final String COLLECT_SUFFIX = "-collect";
  private static final String LIMIT_SUFFIX = "-iterations";

  private ArgoLoops() {}

  /** The DAG task that ends a collecting loop: the step gathering its lists. */
  static String collectTask(Task.Loop loop) {
    return loop.name() + COLLECT_SUFFIX;
  }

  /** The DAG tasks of a loop in its parent DAG; the body's templates go to {@code dag}. */
  static List<Object> tasks(ArgoDagWriter dag, Task.Loop loop, ArgoScope scope, String contexts) {
    PipelineGraph graph = dag.graph();
    String key = graph.scopeKey(scope.pipeline(), loop);
    String items = scope.binding(graph, loop.items());
    List<Object> specs = new ArrayList<>();
    Map<String, Object> list = map("name", loop.name() + ITEMS_SUFFIX, "template", Names.LOOP_ITEMS);
    List<String> first = scope.dependencies(loop);
    if (!first.isEmpty()) {
      list.put("dependencies", first);
    }
    list.put("arguments", map("parameters", List.of(map("name", "contexts", "value", contexts),
        map("name", "items", "value", items))));
    specs.add(list);

    String itemsList = "{{tasks." + loop.name() + ITEMS_SUFFIX + ".outputs.parameters.items}}";
    List<Object> arguments = new ArrayList<>();
    arguments.add(map("name", ArgoScope.CONTEXTS_INPUT, "value", contexts));
    for (Binding input : loop.inputs()) {
      arguments.add(map("name", input.name(), "value", scope.binding(graph, input.source())));
    }
    Map<String, Object> iterations = map("name", loop.name());
    if (loop.parallelism() > 0) {
      // Argo limits the tasks running at once inside one DAG template: the iterations get one of their own.
      iterations.put("template", key + LIMIT_SUFFIX);
      arguments.add(map("name", ArgoScope.PREFIX_INPUT, "value", scope.prefix() + loop.name() + "/"));
      arguments.add(map("name", ITEMS_INPUT, "value", itemsList));
      dag.addTemplate(limitTemplate(key, loop));
    } else {
      iterations.put("template", key);
      iterations.put("withParam", itemsList);
      arguments.add(map("name", ArgoScope.PREFIX_INPUT, "value", scope.prefix() + loop.name() + "/{{item.index}}/"));
      arguments.add(map("name", loop.itemInput(), "value", "{{item.binding}}"));
    }
    iterations.put("dependencies", List.of(loop.name() + ITEMS_SUFFIX));
    iterations.put("arguments", map("parameters", arguments));
    specs.add(iterations);
    dag.addTemplate(bodyTemplate(dag, key, loop, scope));

    if (!loop.collected().isEmpty()) {
      StringBuilder collect = new StringBuilder("{");
      for (Task.Collected collected : loop.collected()) {
        collect.append(collect.length() > 1 ? "," : "").append(Json.string(collected.name())).append(':')
            .append(Json.string(ArgoScope.valueName(graph, scope.pipeline(), collected.producer().task(),
                collected.producer().output())));
      }
      specs.add(map("name", collectTask(loop), "template", Names.LOOP_COLLECT,
          "dependencies", List.of(loop.name()),
          "arguments", map("parameters", List.of(map("name", "contexts", "value", contexts),
              map("name", "task", "value", scope.prefix() + loop.name()),
              map("name", "items", "value", items),
              map("name", "collect", "value", collect.append('}').toString())))));
    }
    return specs;
  }

  /** One iteration of a loop: a DAG template with every outside value and the item as inputs. */
  private static Map<String, Object> bodyTemplate(ArgoDagWriter dag, String key, Task.Loop loop, ArgoScope outer) {
    List<String> inputs = new ArrayList<>(ArgoScope.names(loop.inputs()));
    inputs.add(loop.itemInput());
    return map("name", key, "inputs", ArgoScope.inputs(inputs),
        "dag", map("tasks", dag.tasks(loop.body(), outer.body(loop.body()))));
  }

  /** The iterations of a loop with a parallelism limit, in a DAG template of their own that carries the limit. */
  private static Map<String, Object> limitTemplate(String key, Task.Loop loop) {
    List<Object> inputs = new ArrayList<>();
    List<Object> arguments = new ArrayList<>();
    inputs.add(map("name", ArgoScope.CONTEXTS_INPUT));
    inputs.add(map("name", ArgoScope.PREFIX_INPUT));
    inputs.add(map("name", ITEMS_INPUT));
    arguments.add(map("name", ArgoScope.CONTEXTS_INPUT, "value", "{{inputs.parameters." + ArgoScope.CONTEXTS_INPUT + "}}"));
    arguments.add(map("name", ArgoScope.PREFIX_INPUT, "value", ArgoScope.NESTED_PREFIX + "{{item.index}}/"));
    for (Binding input : loop.inputs()) {
      inputs.add(map("name", input.name()));
      arguments.add(map("name", input.name(), "value", "{{inputs.parameters." + input.name() + "}}"));
    }
    arguments.add(map("name", loop.itemInput(), "value", "{{item.binding}}"));
    Map<String, Object> iteration = map("name", "iteration", "template", key,
        "withParam", "{{inputs.parameters." + ITEMS_INPUT + "}}", "arguments", map("parameters", arguments));
    return map("name", key + LIMIT_SUFFIX, "inputs", map("parameters", inputs), "parallelism", loop.parallelism(),
        "dag", map("tasks", List.of(iteration)));
  }

  /** The template of the items steps, if {@code tasks} (every task of the workflow) hold a loop. */
  static Optional<Map<String, Object>> itemsTemplate(ArgoSteps steps, PipelineGraph graph, List<Task> tasks) {
    if (tasks.stream().noneMatch(task -> task instanceof Task.Loop)) {
      return Optional.empty();
    }
    return Optional.of(steps.stepTemplate(graph, Names.LOOP_ITEMS, WorkflowNames.LOOP_MAIN, List.of(ITEMS_MODE,
        CONTEXTS, "{{inputs.parameters.contexts}}", ITEMS, "{{inputs.parameters.items}}", OUTPUT, ITEMS_FILE),
        List.of("contexts", "items"),
        map("parameters", List.of(map("name", "items", "valueFrom", map("path", ITEMS_FILE))))));
  }

  /** The template of the collect steps, if {@code tasks} (every task of the workflow) hold a collecting loop. */
  static Optional<Map<String, Object>> collectTemplate(ArgoSteps steps, PipelineGraph graph, List<Task> tasks) {
    if (tasks.stream().noneMatch(task -> task instanceof Task.Loop loop && !loop.collected().isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(steps.stepTemplate(graph, Names.LOOP_COLLECT, WorkflowNames.LOOP_MAIN, List.of(COLLECT_MODE,
        CONTEXTS, "{{inputs.parameters.contexts}}", TASK, "{{inputs.parameters.task}}", ITEMS,
        "{{inputs.parameters.items}}", COLLECT, "{{inputs.parameters.collect}}", OUTPUT_CONTEXT,
        ArgoWorkflowWriter.CONTEXT_FILE), List.of("contexts", "task", "items", "collect"), ArgoSteps.contextOutput()));
  }
}
