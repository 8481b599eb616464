package dev.kfp4j.processor.pipeline;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import dev.kfp4j.annotations.Component;
import dev.kfp4j.annotations.Pipeline;
import dev.kfp4j.processor.diagnostic.Diagnostics;
import dev.kfp4j.processor.diagnostic.Message;
import dev.kfp4j.processor.model.Binding;
import dev.kfp4j.processor.model.ComponentModel;
import dev.kfp4j.processor.model.Names;
import dev.kfp4j.processor.model.PipelineModel;
import dev.kfp4j.processor.model.Port;
import dev.kfp4j.processor.model.Source;
import dev.kfp4j.processor.model.Task;
import dev.kfp4j.processor.model.TaskOptions;
import dev.kfp4j.processor.options.OptionAnnotation;
import dev.kfp4j.processor.options.OptionsReader;
import dev.kfp4j.processor.validation.ValueTypes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Turns the calls of one pipeline body into tasks: resolves each call, finds the callee's model, binds and
 * type-checks the arguments, and names the task uniquely. The reader evaluates the argument expressions.
 */
final class TaskCalls {

  private final Types types;
  private final Diagnostics diagnostics;
  private final ValueTypes valueTypes;
  private final PipelineReader.Callees callees;
  private final CompilationUnitTree unit;
  private final CallResolver resolver;
  private final List<Task> tasks = new ArrayList<>();
  /** Where new tasks go: the pipeline's DAG, or the body of the scope (a loop) being read. */
  private List<Task> current = tasks;
  private final Set<String> taskNames = new HashSet<>(Names.RESERVED_TASK_NAMES);
  /** The option annotations of the pipeline method: the defaults of every call. */
  private TaskOptions pipelineOptions = TaskOptions.NONE;
  /** The option annotations of the enclosing loops' variables, merged outer to inner: defaults of their bodies' calls. */
  private TaskOptions scopeOptions = TaskOptions.NONE;
  /** Set when a callee is unusable for reasons reported elsewhere (on the callee), so this pipeline is not written. */
  private boolean calleeFailed;

  TaskCalls(Types types, Diagnostics diagnostics, ValueTypes valueTypes, PipelineReader.Callees callees,
      CompilationUnitTree unit, CallResolver resolver) {
    this.types = types;
    this.diagnostics = diagnostics;
    this.valueTypes = valueTypes;
    this.callees = callees;
    this.unit = unit;
    this.resolver = resolver;
  }

  /**
   * The option annotations on the local variable receiving a call: their layer, the annotations (to report on)
   * and the tree of the first one.
   */
  record CallOptions(TaskOptions layer, List<OptionAnnotation> annotations, Tree at) {}

  /** Sets the pipeline method's options, the defaults of every call. */
  void pipelineOptions(TaskOptions options) {
    this.pipelineOptions = options;
  }

  /** The tasks added so far, in call order. */
  List<Task> tasks() {
    return tasks;
  }

  /** The tasks of the scope being read (the pipeline's DAG outside any loop). */
  List<Task> currentScope() {
    return current;
  }

  /** Reads a scope's body with {@code body}: returns the tasks it added, which do not go into the enclosing scope. */
  List<Task> inScope(Runnable body) {
    return inScope(body, TaskOptions.NONE);
  }

  /**
   * Reads a scope's body whose calls take {@code options} (a loop variable's annotations) as defaults, over the
   * pipeline's and any enclosing loop's and under each component's and call's own.
   */
  List<Task> inScope(Runnable body, TaskOptions options) {
    List<Task> outer = current;
    TaskOptions outerOptions = scopeOptions;
    List<Task> inner = new ArrayList<>();
    current = inner;
    scopeOptions = outerOptions.over(options);
    try {
      body.run();
    } finally {
      current = outer;
      scopeOptions = outerOptions;
    }
    return inner;
  }

  /** Adds a task (a scope task, once its body is read) to the current scope. */
  void add(Task task) {
    current.add(task);
  }

  /** {@code base}, or {@code base-2}, … : a task name no other task of this pipeline has. */
  String uniqueName(String base) {
    return uniqueTaskName(base);
  }

  /** Whether a callee was unusable for reasons reported on the callee. */
  boolean calleeFailed() {
    return calleeFailed;
  }

  /** A call to a component or pipeline: adds a task and returns its result, or null after an error. */
  Symbol call(MethodInvocationTree call, Function<ExpressionTree, Symbol.Value> evaluate) {
    return call(call, evaluate, null);
  }

  /** A call whose result a local variable with option annotations receives ({@code options}, or null for none). */
  Symbol call(MethodInvocationTree call, Function<ExpressionTree, Symbol.Value> evaluate, CallOptions options) {
    CallResolver.Resolution resolution = resolver.resolve(call);
    ExpressionTree at = call.getMethodSelect();
    List<ExecutableElement> annotated = resolution.candidates().stream()
        .filter(m -> m.getAnnotation(Component.class) != null || m.getAnnotation(Pipeline.class) != null).toList();
    if (resolution.candidates().isEmpty()) {
      String nearest = CallResolver.nearest(simpleName(at), resolution.nearbyNames());
      error(at, Message.UNKNOWN_METHOD, resolution.displayName(),
          nearest == null ? "check the name and its import" : "did you mean '" + nearest + "'?");
      return null;
    }
    if (annotated.isEmpty()) {
      error(at, Message.NOT_A_COMPONENT, resolution.displayName(), simpleName(at));
      return null;
    }
    List<ExecutableElement> rightArity = annotated.stream()
        .filter(m -> m.getParameters().size() == call.getArguments().size()).toList();
    if (rightArity.size() > 1) {
      error(at, Message.OVERLOADED_COMPONENT, resolution.displayName(), call.getArguments().size());
      return null;
    }
    if (rightArity.isEmpty()) {
      ExecutableElement callee = annotated.get(0);
      error(at, Message.WRONG_ARGUMENT_COUNT, resolution.displayName(), callee.getParameters().size(),
          callee.getParameters().isEmpty() ? "none" : String.join(", ",
              callee.getParameters().stream().map(p -> p.asType() + " " + p.getSimpleName()).toList()),
          call.getArguments().size());
      return null;
    }
    ExecutableElement callee = rightArity.get(0);
    boolean isPipeline = callee.getAnnotation(Pipeline.class) != null;
    String calleeName;
    List<Port> inputs;
    List<Port> outputs;
    ComponentModel component = null;
    if (isPipeline) {
      Optional<PipelineModel> nested = callees.pipeline(callee, at, unit);
      if (nested.isEmpty()) {
        calleeFailed = true;
        return null;
      }
      calleeName = nested.get().name();
      if (options != null) {
        options.annotations().get(0).where().error(null, Message.OPTIONS_ON_PIPELINE_CALL,
            options.annotations().get(0).type(), calleeName, callee.getSimpleName());
        return null;
      }
      inputs = nested.get().inputs();
      outputs = nested.get().outputs().stream().map(b -> new Port(b.name(), b.type())).toList();
    } else {
      Optional<ComponentModel> model = callees.component(callee, at, unit);
      if (model.isEmpty()) {
        calleeFailed = true;
        return null;
      }
      component = model.get();
      calleeName = component.name();
      inputs = component.inputs();
      outputs = component.outputs();
    }

    List<Binding> bindings = new ArrayList<>();
    java.util.SortedSet<String> dependencies = new TreeSet<>();
    boolean argumentsOk = true;
    for (int i = 0; i < inputs.size(); i++) {
      ExpressionTree argument = call.getArguments().get(i);
      Symbol.Value value = evaluate.apply(argument);
      if (value == null) {
        argumentsOk = false;
        continue;
      }
      TypeMirror expected = callee.getParameters().get(i).asType();
      if (value.type() != null && !types.isAssignable(value.type(), expected)) {
        error(argument, Message.ARGUMENT_TYPE_MISMATCH, inputs.get(i).name(), resolution.displayName(),
            valueTypes.display(value.type()), valueTypes.display(expected), valueTypes.display(expected));
        argumentsOk = false;
        continue;
      }
      if (value.failed()) {
        argumentsOk = false; // its statement failed and was reported there
        continue;
      }
      bindings.add(new Binding(inputs.get(i).name(), inputs.get(i).type(), value.source()));
      dependencies.addAll(value.dependencies());
    }
    if (!argumentsOk) {
      return null;
    }
    String taskName = uniqueTaskName(calleeName);
    current.add(isPipeline
        ? new Task.PipelineCall(taskName, calleeName, bindings, dependencies)
        : new Task.ComponentCall(taskName, component, bindings, dependencies, effective(component, options, at)));

    TypeMirror returnType = callee.getReturnType();
    if (returnType.getKind() == TypeKind.VOID) {
      return new Symbol.NoResult(resolution.displayName());
    }
    if (valueTypes.isRecord(returnType) && !(outputs.size() == 1 && outputs.get(0).name().equals(Component.OUTPUT))) {
      Map<String, TypeMirror> components = new LinkedHashMap<>();
      valueTypes.recordComponents(returnType).forEach(c -> components.put(c.getSimpleName().toString(), c.asType()));
      return new Symbol.RecordResult(taskName, resolution.displayName(), returnType, components);
    }
    // A single output keeps its callee's name: Output, or what a component file calls it.
    String output = outputs.size() == 1 ? outputs.get(0).name() : Component.OUTPUT;
    return new Symbol.Value(new Source.TaskOutput(taskName, output), returnType, Set.of(taskName));
  }

  /**
   * The options of a call: the pipeline's, then its enclosing loops', then the component's, then the call's own, the
   * more specific winning.
   */
  private TaskOptions effective(ComponentModel component, CallOptions options, Tree call) {
    TaskOptions merged = pipelineOptions.over(scopeOptions).over(component.options());
    if (options != null) {
      merged = merged.over(options.layer());
    }
    // A limit from one place below a request from another: reported on the call's own options, else on the call.
    Tree at = options != null ? options.at() : call;
    OptionsReader.checkMerged(merged, new OptionAnnotation.Where() {
      @Override
      public void error(String attribute, Message message, Object... args) {
        TaskCalls.this.error(at, message, args);
      }

      @Override
      public void warning(String attribute, Message message, Object... args) {
        diagnostics.warning(Anchor.of(at), unit, message, args);
      }
    });
    return merged;
  }

  /** An error on {@code at}, shown where its first token is. */
  private void error(Tree at, Message message, Object... args) {
    diagnostics.error(Anchor.of(at), unit, message, args);
  }

  private String uniqueTaskName(String base) {
    String name = base;
    for (int n = 2; !taskNames.add(name); n++) {
      name = Names.withSuffix(base, n);
    }
    return name;
  }

  private static String simpleName(ExpressionTree select) {
    return select instanceof MemberSelectTree member ? member.getIdentifier().toString() : select.toString();
  }
}
