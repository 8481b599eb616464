package dev.kfp4j.processor.spec;

import static dev.kfp4j.processor.spec.Node.map;

import dev.kfp4j.processor.model.Binding;
import dev.kfp4j.processor.model.Channels;
import dev.kfp4j.processor.model.PipelineGraph;
import dev.kfp4j.processor.model.PipelineModel;
import dev.kfp4j.processor.model.Source;
import dev.kfp4j.processor.model.Task;
import dev.kfp4j.processor.model.Tasks;
import dev.kfp4j.wire.InputBindings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A DAG template of an Argo workflow being written, seen from inside: its pipeline, its kind, the names of the
 * tasks it holds, and how a value, a context or a dependency is written from there.
 *
 * <p>A nested DAG template (a nested pipeline's, a loop iteration's, a condition branch's, an exit handler's) takes
 * the run's contexts ({@value #CONTEXTS_INPUT}) and its value-name prefix ({@value #PREFIX_INPUT}) besides its own
 * inputs; a '-' keeps these names apart from Java parameter names.
 *
 * @param itemInputs each loop's item input name, by loop name
 */
record ArgoScope(PipelineModel pipeline, Kind kind, Set<String> local, Map<String, String> itemInputs) {

  /** Which DAG a task is written into: the root pipeline's, a nested pipeline's, or a scope's (loop, branch, …). */
  enum Kind { ROOT, NESTED, BODY }

  static final String CONTEXTS_INPUT = "kfp4j-contexts";
  static final String PREFIX_INPUT = "kfp4j-prefix";
  static final String NESTED_PREFIX = "{{inputs.parameters." + PREFIX_INPUT + "}}";
  private static final String ROOT_PREFIX = "";

  static ArgoScope of(PipelineModel pipeline, Kind kind, List<Task> tasks) {
    Map<String, String> itemInputs = new HashMap<>();
    for (Task task : Tasks.all(pipeline.tasks())) {
      if (task instanceof Task.Loop loop) {
        itemInputs.put(loop.name(), loop.itemInput());
      }
    }
    Set<String> local = new HashSet<>();
    tasks.forEach(task -> local.add(task.name()));
    return new ArgoScope(pipeline, kind, local, itemInputs);
  }

  /** The scope of a body of tasks (a loop's, a branch's, an exit handler's) written inside this one's pipeline. */
  ArgoScope body(List<Task> tasks) {
    return of(pipeline, Kind.BODY, tasks);
  }

  /** The value-name prefix of this DAG's tasks: none in the root DAG, the input parameter in a nested one. */
  String prefix() {
    return kind == Kind.ROOT ? ROOT_PREFIX : NESTED_PREFIX;
  }

  /** The input parameters of a nested DAG template: the run's contexts, the prefix and each named value. */
  static Map<String, Object> inputs(List<String> names) {
    List<Object> inputs = new ArrayList<>();
    inputs.add(map("name", CONTEXTS_INPUT));
    inputs.add(map("name", PREFIX_INPUT));
    names.forEach(name -> inputs.add(map("name", name)));
    return map("parameters", inputs);
  }

  /** The names of channels, in order. */
  static List<String> names(List<Binding> channels) {
    return channels.stream().map(Binding::name).toList();
  }

  /** A DAG template of a scope: the run's contexts, the value-name prefix and each outside value as inputs. */
  static Map<String, Object> template(String name, List<Binding> channels, List<Object> tasks) {
    return map("name", name, "inputs", inputs(names(channels)), "dag", map("tasks", tasks));
  }

  /**
   * The arguments of a task running a nested DAG template from this scope: the contexts, the nested DAG's prefix,
   * and each outside value it uses.
   */
  List<Object> arguments(PipelineGraph graph, String contexts, String prefix, List<Binding> channels) {
    List<Object> arguments = new ArrayList<>();
    arguments.add(map("name", CONTEXTS_INPUT, "value", contexts));
    arguments.add(map("name", PREFIX_INPUT, "value", prefix));
    for (Binding input : channels) {
      arguments.add(map("name", input.name(), "value", binding(graph, input.source())));
    }
    return arguments;
  }

  /** A DAG task running {@code template}: its name, the run's start and its producers as dependencies, its arguments. */
  Map<String, Object> dagTask(Task task, String template, List<Object> arguments) {
    Map<String, Object> spec = map("name", task.name(), "template", template);
    List<String> dependencies = dependencies(task);
    if (!dependencies.isEmpty()) {
      spec.put("dependencies", dependencies);
    }
    spec.put("arguments", map("parameters", arguments));
    return spec;
  }

  /** The DAG tasks a task waits for: the run's start (in the root DAG) and its producers in the same DAG. */
  List<String> dependencies(Task task) {
    List<String> dependencies = new ArrayList<>();
    if (kind == Kind.ROOT) {
      dependencies.add(ArgoWorkflowWriter.INIT);
    }
    for (String dependency : task.dependencies()) {
      if (local.contains(dependency)) {
        dependencies.addAll(finalTasksOf(pipeline, dependency));
      }
    }
    return dependencies;
  }

  /**
   * The DAG tasks that end task {@code name}: a collecting loop's gathering step; the branches of a chain of
   * conditions without one-of values (a skipped branch counts as done); else the task itself.
   */
  private static List<String> finalTasksOf(PipelineModel pipeline, String name) {
    Task task = pipeline.task(name).orElseThrow();
    if (task instanceof Task.Loop loop && !loop.collected().isEmpty()) {
      return List.of(ArgoLoops.collectTask(loop));
    }
    if (task instanceof Task.Condition condition && condition.grouped() && condition.oneOfs().isEmpty()) {
      return condition.branches().stream().map(Task.Branch::name).toList();
    }
    return List.of(name);
  }

  /** A JSON array of the contexts a task needs: the run's start, and those of the tasks whose outputs it uses. */
  String contexts(Task task) {
    return contexts(task.inputs());
  }

  /** A JSON array of the contexts these values need: the run's start, and those of the tasks that output them. */
  String contexts(List<Binding> bindings) {
    Set<String> contexts = new LinkedHashSet<>();
    contexts.add(kind == Kind.ROOT ? "{{tasks." + ArgoWorkflowWriter.INIT + ".outputs.parameters.context}}"
        : "{{inputs.parameters." + CONTEXTS_INPUT + "}}");
    for (Binding input : bindings) {
      if (input.source() instanceof Source.TaskOutput producer && local.contains(producer.task())) {
        contexts.add(contextOf(pipeline, producer));
      }
    }
    return "[" + String.join(",", contexts) + "]";
  }

  /** The Argo expression of the context that holds a task output. */
  static String contextOf(PipelineModel pipeline, Source.TaskOutput producer) {
    // A component task outputs its whole context; a nested pipeline outputs one context per output; a loop's
    // gathering step outputs the context with its lists.
    Task task = pipeline.task(producer.task()).orElseThrow();
    String output = task instanceof Task.PipelineCall ? producer.output() : "context";
    return "{{tasks." + finalTasksOf(pipeline, producer.task()).get(0) + ".outputs.parameters." + output + "}}";
  }

  /**
   * An input binding as JSON, seen from this scope: {@code {"from":"<value name>"}}, {@code {"value":<constant>}},
   * or the binding a nested DAG received as an input parameter ({@code {"of":<binding>,"path":[…]}} to select a
   * record component of a loop item).
   */
  String binding(PipelineGraph graph, Source source) {
    if (source instanceof Source.Parameter parameter) {
      return switch (kind) {
        case ROOT -> InputBindings.from(parameter.name());
        case NESTED -> "{{inputs.parameters." + parameter.name() + "}}";
        case BODY -> "{{inputs.parameters." + Channels.of(source, itemInputs) + "}}";
      };
    }
    if (source instanceof Source.TaskOutput producer) {
      if (!local.contains(producer.task())) {
        return "{{inputs.parameters." + Channels.of(source, itemInputs) + "}}";
      }
      return InputBindings.from(prefix() + valueName(graph, pipeline, producer.task(), producer.output()));
    }
    if (source instanceof Source.LoopItem item) {
      String whole = "{{inputs.parameters." + Channels.of(source, itemInputs) + "}}";
      if (item.fields().isEmpty()) {
        return whole;
      }
      return InputBindings.select(whole, item.fields());
    }
    // '{' only occurs inside JSON strings of a scalar constant; \u007b keeps Argo from reading "{{" as a tag.
    return InputBindings.value(((Source.Constant) source).json().replace("{", "\\u007b"));
  }

  /** The context value name of a task output, relative to its pipeline ({@code div.Output}, {@code stats/div.Output}). */
  static String valueName(PipelineGraph graph, PipelineModel pipeline, String task, String output) {
    if (!(pipeline.task(task).orElseThrow() instanceof Task.PipelineCall producer)) {
      return task + "." + output;
    }
    PipelineModel nested = graph.pipeline(producer.pipeline());
    Source.TaskOutput inner = (Source.TaskOutput) nested.outputs().stream()
        .filter(b -> b.name().equals(output)).findFirst().orElseThrow().source();
    return task + "/" + valueName(graph, nested, inner.task(), inner.output());
  }
}
