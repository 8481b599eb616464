package dev.kfp4j.processor.pipeline;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import dev.kfp4j.annotations.Component;
import dev.kfp4j.annotations.Pipeline;
import dev.kfp4j.processor.diagnostic.Diagnostics;
import dev.kfp4j.processor.diagnostic.Message;
import dev.kfp4j.processor.model.Binding;
import dev.kfp4j.processor.model.ComponentModel;
import dev.kfp4j.processor.model.JavaValueType;
import dev.kfp4j.processor.model.Names;
import dev.kfp4j.processor.model.PipelineModel;
import dev.kfp4j.processor.model.Port;
import dev.kfp4j.processor.model.Source;
import dev.kfp4j.processor.model.Task;
import dev.kfp4j.processor.validation.ValueTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Reads one {@code @Pipeline} method body into tasks and data-flow edges. Every construct it cannot
 * translate is an error at that exact tree; it never drops or reorders a call.
 */
final class PipelineReader {

  /** Models of the methods a body may call; empty when the callee is invalid (already reported). */
  interface Callees {
    Optional<ComponentModel> component(ExecutableElement method, Tree at, CompilationUnitTree unit);

    Optional<PipelineModel> pipeline(ExecutableElement method, Tree at, CompilationUnitTree unit);
  }

  private final Types types;
  private final Diagnostics diagnostics;
  private final ValueTypes valueTypes;
  private final Callees callees;
  private final CompilationUnitTree unit;
  private final CallResolver resolver;
  private final Constants constants;
  private final Map<String, Symbol> scope = new HashMap<>();
  private final List<Task> tasks = new ArrayList<>();
  private final Set<String> taskNames = new HashSet<>(Set.of(Names.INIT));
  private int errorsAtStart;
  /** Set when a callee is unusable for reasons reported elsewhere (on the callee), so this pipeline is not written. */
  private boolean calleeFailed;

  PipelineReader(Types types, Diagnostics diagnostics, ValueTypes valueTypes, Callees callees,
      CompilationUnitTree unit, CallResolver resolver, Constants constants) {
    this.types = types;
    this.diagnostics = diagnostics;
    this.valueTypes = valueTypes;
    this.callees = callees;
    this.unit = unit;
    this.resolver = resolver;
    this.constants = constants;
  }

  /** Reads the body; empty if any error was reported. */
  Optional<PipelineModel> read(ExecutableElement method, MethodTree tree, String name, Pipeline annotation,
      List<Port> inputs) {
    errorsAtStart = diagnostics.errorCount();
    for (int i = 0; i < inputs.size(); i++) {
      Port input = inputs.get(i);
      scope.put(input.name(), new Symbol.Value(new Source.Parameter(input.name()),
          method.getParameters().get(i).asType(), Set.of()));
    }
    List<Binding> outputs = List.of();
    BlockTree body = tree.getBody();
    List<? extends StatementTree> statements = body.getStatements();
    for (int i = 0; i < statements.size(); i++) {
      StatementTree statement = statements.get(i);
      if (statement instanceof ReturnTree ret) {
        if (i != statements.size() - 1) {
          error(statements.get(i + 1), Message.PIPELINE_RETURN_NOT_LAST);
        }
        outputs = returned(method, ret);
        break;
      }
      statement(statement);
    }
    if (tasks.isEmpty() && diagnostics.errorCount() == errorsAtStart && !calleeFailed) {
      diagnostics.error(method, Message.EMPTY_PIPELINE, method.getSimpleName());
    }
    if (calleeFailed || diagnostics.errorCount() > errorsAtStart) {
      return Optional.empty();
    }
    return Optional.of(new PipelineModel(name, annotation.description(), annotation.image(),
        com.palantir.javapoet.ClassName.get((TypeElement) method.getEnclosingElement()),
        method.getSimpleName().toString(), inputs, tasks, outputs));
  }

  private void statement(StatementTree statement) {
    if (statement instanceof VariableTree variable) {
      ExpressionTree init = variable.getInitializer();
      if (init == null) {
        error(variable, Message.UNSUPPORTED_STATEMENT, "a variable without an initialiser");
        return;
      }
      Symbol symbol = init instanceof MethodInvocationTree call ? call(call) : value(init);
      if (symbol != null) {
        scope.put(variable.getName().toString(), symbol);
      }
    } else if (statement instanceof ExpressionStatementTree expression
        && expression.getExpression() instanceof MethodInvocationTree call) {
      call(call);
    } else {
      error(statement, Message.UNSUPPORTED_STATEMENT, Describe.statement(statement));
    }
  }

  /** A call to a component or pipeline: adds a task and returns its result, or null after an error. */
  private Symbol call(MethodInvocationTree call) {
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
      Symbol.Value value = argument(argument);
      if (value == null) {
        argumentsOk = false;
        continue;
      }
      TypeMirror expected = callee.getParameters().get(i).asType();
      if (!types.isAssignable(value.type(), expected)) {
        error(argument, Message.ARGUMENT_TYPE_MISMATCH, inputs.get(i).name(), resolution.displayName(),
            valueTypes.display(value.type()), valueTypes.display(expected), valueTypes.display(expected));
        argumentsOk = false;
        continue;
      }
      bindings.add(new Binding(inputs.get(i).name(), inputs.get(i).type(), value.source()));
      dependencies.addAll(value.dependencies());
    }
    if (!argumentsOk) {
      return null;
    }
    String taskName = uniqueTaskName(calleeName);
    tasks.add(new Task(taskName, component, isPipeline ? calleeName : null, bindings, dependencies));

    TypeMirror returnType = callee.getReturnType();
    if (returnType.getKind() == TypeKind.VOID) {
      return new Symbol.NoResult(resolution.displayName());
    }
    if (valueTypes.isRecord(returnType) && !(outputs.size() == 1 && outputs.get(0).name().equals(Component.OUTPUT))) {
      Map<String, TypeMirror> components = new LinkedHashMap<>();
      valueTypes.recordComponents(returnType).forEach(c -> components.put(c.getSimpleName().toString(), c.asType()));
      return new Symbol.RecordResult(taskName, resolution.displayName(), returnType, components);
    }
    return new Symbol.Value(new Source.TaskOutput(taskName, Component.OUTPUT), returnType, Set.of(taskName));
  }

  /** An argument: a single value, or null after an error. */
  private Symbol.Value argument(ExpressionTree argument) {
    Symbol symbol = argument instanceof MethodInvocationTree call && !isRecordAccess(call) ? call(call) : value(argument);
    return single(symbol, argument);
  }

  private Symbol.Value single(Symbol symbol, Tree at) {
    if (symbol == null) {
      return null;
    }
    if (symbol instanceof Symbol.NoResult none) {
      error(at, Message.VOID_RESULT_USED, none.callee());
      return null;
    }
    if (symbol instanceof Symbol.RecordResult record) {
      String first = record.components().keySet().iterator().next();
      error(at, Message.WHOLE_RECORD_RESULT, at.toString(), record.callee(),
          String.join(", ", record.components().keySet()), at.toString(), first);
      return null;
    }
    return (Symbol.Value) symbol;
  }

  /** A non-call expression: a name, a record component access, or a constant. */
  private Symbol value(ExpressionTree expression) {
    if (expression instanceof ParenthesizedTree parenthesized) {
      return value(parenthesized.getExpression());
    }
    if (expression instanceof IdentifierTree identifier) {
      Symbol symbol = scope.get(identifier.getName().toString());
      if (symbol != null) {
        return symbol;
      }
      Optional<Constants.Constant> constant = constants.named(identifier.getName().toString());
      if (constant.isPresent()) {
        return constant(expression, constant.get());
      }
      error(expression, Message.UNDEFINED_VARIABLE, identifier.getName());
      return null;
    }
    if (expression instanceof MethodInvocationTree call && isRecordAccess(call)) {
      MemberSelectTree select = (MemberSelectTree) call.getMethodSelect();
      Symbol.RecordResult record = (Symbol.RecordResult) scope.get(((IdentifierTree) select.getExpression()).getName().toString());
      String component = select.getIdentifier().toString();
      TypeMirror type = record.components().get(component);
      if (type == null) {
        error(select, Message.UNKNOWN_RECORD_COMPONENT, select.getExpression(), component,
            String.join(", ", record.components().keySet()));
        return null;
      }
      return new Symbol.Value(new Source.TaskOutput(record.task(), component), type, Set.of(record.task()));
    }
    if (expression instanceof LiteralTree || expression instanceof UnaryTree || expression instanceof MemberSelectTree) {
      Optional<Constants.Constant> constant = constants.of(expression);
      if (constant.isPresent()) {
        return constant(expression, constant.get());
      }
    }
    if (expression instanceof MethodInvocationTree call) {
      return call(call);
    }
    error(expression, Message.UNSUPPORTED_EXPRESSION, Describe.expression(expression));
    return null;
  }

  private Symbol constant(Tree at, Constants.Constant constant) {
    if (constant.problem() != null) {
      error(at, Message.CONSTANT_NOT_SERIALIZABLE, constant.problem());
      return null;
    }
    return constant.value();
  }

  /** {@code stats.mean()} where {@code stats} holds a record result. */
  private boolean isRecordAccess(MethodInvocationTree call) {
    return call.getArguments().isEmpty()
        && call.getMethodSelect() instanceof MemberSelectTree select
        && select.getExpression() instanceof IdentifierTree identifier
        && scope.get(identifier.getName().toString()) instanceof Symbol.RecordResult;
  }

  private List<Binding> returned(ExecutableElement method, ReturnTree ret) {
    TypeMirror declared = method.getReturnType();
    if (ret.getExpression() == null) {
      return List.of();
    }
    ExpressionTree expression = ret.getExpression();
    Symbol symbol = expression instanceof MethodInvocationTree call && !isRecordAccess(call) ? call(call) : value(expression);
    if (symbol instanceof Symbol.RecordResult record && types.isSameType(types.erasure(record.type()), types.erasure(declared))) {
      List<Binding> outputs = new ArrayList<>();
      record.components().forEach((component, type) -> outputs.add(new Binding(component,
          valueTypes.classify(type).type(), new Source.TaskOutput(record.task(), component))));
      return outputs;
    }
    Symbol.Value value = single(symbol, expression);
    if (value == null) {
      return List.of();
    }
    if (!(value.source() instanceof Source.TaskOutput)) {
      error(expression, Message.UNSUPPORTED_EXPRESSION,
          "returning " + (value.source() instanceof Source.Parameter ? "a pipeline parameter" : "a constant")
              + " '" + expression + "' as the pipeline's result");
      return List.of();
    }
    if (!types.isAssignable(value.type(), declared)) {
      error(expression, Message.ARGUMENT_TYPE_MISMATCH, "return value", method.getSimpleName(),
          valueTypes.display(value.type()), valueTypes.display(declared), valueTypes.display(declared));
      return List.of();
    }
    JavaValueType type = valueTypes.classify(declared).type();
    return List.of(new Binding(Component.OUTPUT, type, value.source()));
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
