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
import dev.kfp4j.processor.model.PipelineModel;
import dev.kfp4j.processor.model.Port;
import dev.kfp4j.processor.model.Source;
import dev.kfp4j.processor.model.TaskOptions;
import dev.kfp4j.processor.options.MirrorOptions;
import dev.kfp4j.processor.options.OptionAnnotation;
import dev.kfp4j.processor.options.OptionsReader;
import dev.kfp4j.processor.validation.ValueTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import com.sun.source.util.Trees;

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
  private final CompilationUnitTree unit;
  private final ConstantEvaluator constants;
  private final Map<String, Symbol> scope = new HashMap<>();
  private final TaskCalls calls;
  private final LocalOptions localOptions;
  private final ConstantLists lists;
  private final ControlFlow flow;
  private final Conditions conditions;
  private final ExitHandlers exitHandlers;
  private final CallResolver resolver;
  private int errorsAtStart;

  PipelineReader(Types types, Elements elements, Trees trees, Diagnostics diagnostics, ValueTypes valueTypes,
      Callees callees, CompilationUnitTree unit, CallResolver resolver, ConstantEvaluator constants, TypeElement enclosing) {
    this.types = types;
    this.diagnostics = diagnostics;
    this.valueTypes = valueTypes;
    this.unit = unit;
    this.constants = constants;
    this.resolver = resolver;
    this.calls = new TaskCalls(types, diagnostics, valueTypes, callees, unit, resolver);
    this.localOptions = new LocalOptions(resolver, constants, diagnostics, unit);
    this.lists = new ConstantLists(types, elements, trees, constants, enclosing);
    this.flow = new ControlFlow(this, calls, types, elements, valueTypes, lists);
    this.conditions = new Conditions(this, calls, flow, types, valueTypes);
    this.exitHandlers = new ExitHandlers(this, calls, flow, conditions);
  }

  /** Reads the body; empty if any error was reported. */
  Optional<PipelineModel> read(ExecutableElement method, MethodTree tree, String name, Pipeline annotation,
      List<Port> inputs) {
    errorsAtStart = diagnostics.errorCount();
    TaskOptions options = OptionsReader.read(MirrorOptions.on(method, diagnostics));
    calls.pipelineOptions(options);
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
      if (exitHandlers.ended()) {
        error(statement, Message.EXIT_HANDLER_NOT_LAST);
        break;
      }
      if (statement instanceof ReturnTree ret) {
        if (i != statements.size() - 1) {
          error(statements.get(i + 1), Message.PIPELINE_RETURN_NOT_LAST);
        }
        outputs = returned(method, ret);
        break;
      }
      statement(statement);
    }
    if (calls.tasks().isEmpty() && diagnostics.errorCount() == errorsAtStart && !calls.calleeFailed()) {
      diagnostics.error(method, Message.EMPTY_PIPELINE, method.getSimpleName());
    }
    if (calls.calleeFailed() || diagnostics.errorCount() > errorsAtStart) {
      return Optional.empty();
    }
    return Optional.of(new PipelineModel(name, annotation.description(), annotation.image(),
        com.palantir.javapoet.ClassName.get((TypeElement) method.getEnclosingElement()),
        method.getSimpleName().toString(), inputs, calls.tasks(), outputs, options));
  }

  /** Reads one statement of the body, or of a scope (a loop body) inside it. */
  void statement(StatementTree statement) {
    if (conditions.statement(statement) || exitHandlers.statement(statement) || flow.statement(statement)) {
      return;
    }
    if (statement instanceof VariableTree variable) {
      ExpressionTree init = variable.getInitializer();
      if (init == null) {
        error(variable, Message.UNSUPPORTED_STATEMENT, "a variable without an initialiser");
        return;
      }
      List<OptionAnnotation> options = localOptions.on(variable);
      boolean isCall = init instanceof MethodInvocationTree call && !isRecordAccess(call);
      if (!isCall && !options.isEmpty()) {
        options.get(0).where().error(null, Message.UNSUPPORTED_STATEMENT,
            "an option annotation (@" + options.get(0).type() + ") on a variable that does not hold a component's result");
      }
      Symbol symbol = isCall ? call((MethodInvocationTree) init, options.isEmpty() ? null
          : new TaskCalls.CallOptions(OptionsReader.read(options), options, LocalOptions.first(variable))) : value(init);
      // A failed initialiser (already reported) leaves its variable known with its declared type, so later
      // lines are checked normally and its uses are not reported again.
      scope.put(variable.getName().toString(), symbol != null ? symbol
          : Symbol.Value.failed(WrittenTypes.of(variable.getType(), types, resolver)));
    } else if (statement instanceof ExpressionStatementTree expression
        && expression.getExpression() instanceof MethodInvocationTree call) {
      call(call);
    } else {
      error(statement, Message.UNSUPPORTED_STATEMENT, ConstructNames.statement(statement));
    }
  }

  /** A call to a component or pipeline: adds a task and returns its result, or null after an error. */
  private Symbol call(MethodInvocationTree call) {
    return call(call, null);
  }

  /** A call whose result variable carries option annotations ({@code options}, null for none). */
  private Symbol call(MethodInvocationTree call, TaskCalls.CallOptions options) {
    if (methodCallOnValue(call)) {
      return null;
    }
    return calls.call(call, this::argument, options);
  }

  /** The option annotations on {@code variable} (a loop variable), as one layer; none after an error in them. */
  TaskOptions optionsOn(VariableTree variable) {
    List<OptionAnnotation> options = localOptions.on(variable);
    return options.isEmpty() ? TaskOptions.NONE : OptionsReader.read(options);
  }

  /** The type written in a declaration ({@code String} in {@code String report;}); null if it cannot be known. */
  TypeMirror writtenType(Tree type) {
    return WrittenTypes.of(type, types, resolver);
  }

  /** A condition's operand: a name, a record component of one, or a constant (never a call); null after an error. */
  Symbol.Value operand(ExpressionTree expression) {
    return single(value(expression), expression);
  }

  /** Whether {@code call} reads a record component of a value ({@code stats.mean()}, {@code row.id()}), not a call. */
  boolean isValueAccess(MethodInvocationTree call) {
    return isRecordAccess(call) || isItemAccess(call);
  }

  /** What {@code name} stands for at this point of the body, or null. */
  Symbol symbol(String name) {
    return scope.get(name);
  }

  /** Declares {@code name} in the current scope. */
  void declare(String name, Symbol symbol) {
    scope.put(name, symbol);
  }

  /** The names in scope now, to {@link #restore} when a scope (a loop body) ends. */
  Map<String, Symbol> snapshot() {
    return new HashMap<>(scope);
  }

  /** Ends a scope: the names are those of {@code snapshot} again. */
  void restore(Map<String, Symbol> snapshot) {
    scope.clear();
    scope.putAll(snapshot);
  }

  /**
   * Reports {@code tokens.forEach(…)}, {@code lines.stream().map(…)} and {@code o.inner().a()} for what they are (a
   * method call on a value; a nested record access) instead of as an unknown component; true if it did.
   */
  private boolean methodCallOnValue(MethodInvocationTree call) {
    if (!(call.getMethodSelect() instanceof MemberSelectTree select)) {
      return false;
    }
    ExpressionTree receiver = select.getExpression();
    if (receiver instanceof MethodInvocationTree inner && isRecordAccess(inner)) {
      Symbol component = value(inner);
      if (component == null) {
        return true; // reported on the record access
      }
      if (call.getArguments().isEmpty() && component instanceof Symbol.Value held && held.type() != null
          && valueTypes.isRecord(held.type())) {
        error(call, Message.NESTED_RECORD_ACCESS, ConstructNames.chain(call), inner, inner);
      } else {
        error(call, Message.METHOD_CALL_ON_VALUE, ConstructNames.chain(call), inner, inner);
      }
      return true;
    }
    ExpressionTree root = receiver;
    while (root instanceof MethodInvocationTree || root instanceof MemberSelectTree
        || root instanceof ParenthesizedTree) {
      root = root instanceof MethodInvocationTree invocation ? invocation.getMethodSelect()
          : root instanceof MemberSelectTree member ? member.getExpression()
          : ((ParenthesizedTree) root).getExpression();
    }
    if (root instanceof IdentifierTree identifier && scope.containsKey(identifier.getName().toString())) {
      error(call, Message.METHOD_CALL_ON_VALUE, ConstructNames.chain(call), identifier, identifier);
      return true;
    }
    return false;
  }

  /** An argument: a single value, or null after an error. */
  Symbol.Value argument(ExpressionTree argument) {
    Symbol symbol = argument instanceof MethodInvocationTree call && !isRecordAccess(call) && !isItemAccess(call)
        && !(call.getMethodSelect() instanceof MemberSelectTree select && ConstantLists.isFactory(select))
        ? call(call) : value(argument);
    return single(symbol, argument);
  }

  private Symbol.Value single(Symbol symbol, Tree at) {
    if (symbol == null) {
      return null;
    }
    if (symbol instanceof Symbol.Accumulator accumulator) {
      error(at, Message.ACCUMULATOR_USED_EARLY, accumulator.name());
      return null;
    }
    if (symbol instanceof Symbol.Pending pending) {
      error(at, pending.partly() ? Message.ONE_OF_INCOMPLETE : Message.UNASSIGNED_VARIABLE, pending.name());
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
      Optional<ConstantEvaluator.Constant> constant = constants.named(identifier.getName().toString());
      if (constant.isPresent()) {
        return constant(expression, constant.get());
      }
      Optional<String> loop = flow.loopLocal(identifier.getName().toString());
      if (exitHandlers.tryLocal(identifier.getName().toString()).isPresent()) {
        error(expression, Message.FINALLY_USES_TRY_VALUE, identifier.getName());
      } else if (conditions.branchLocal(identifier.getName().toString()).isPresent()) {
        error(expression, Message.CONDITION_VALUE_ESCAPES, identifier.getName());
      } else if (loop.isPresent()) {
        error(expression, Message.LOOP_VALUE_ESCAPES, identifier.getName(), identifier.getName());
      } else {
        error(expression, Message.UNDEFINED_VARIABLE, identifier.getName());
      }
      return null;
    }
    if (expression instanceof MethodInvocationTree call && isItemAccess(call)) {
      return itemComponent(call);
    }
    if (expression instanceof MethodInvocationTree call && isRecordAccess(call)) {
      MemberSelectTree select = (MemberSelectTree) call.getMethodSelect();
      Symbol held = scope.get(((IdentifierTree) select.getExpression()).getName().toString());
      String component = select.getIdentifier().toString();
      if (held instanceof Symbol.Value failed) {
        return Symbol.Value.failed(failedComponentType(failed, component));
      }
      Symbol.RecordResult record = (Symbol.RecordResult) held;
      TypeMirror type = record.components().get(component);
      if (type == null) {
        error(select, Message.UNKNOWN_RECORD_COMPONENT, select.getExpression(), component,
            String.join(", ", record.components().keySet()));
        return null;
      }
      return new Symbol.Value(new Source.TaskOutput(record.task(), component), type, Set.of(record.task()));
    }
    if (expression instanceof LiteralTree || expression instanceof UnaryTree || expression instanceof MemberSelectTree) {
      Optional<ConstantEvaluator.Constant> constant = constants.of(expression);
      if (constant.isPresent()) {
        return constant(expression, constant.get());
      }
    }
    if (expression instanceof MethodInvocationTree call) {
      Optional<Symbol.Value> list = lists.constantList(call);
      return list.isPresent() ? list.get() : call(call);
    }
    error(expression, Message.UNSUPPORTED_EXPRESSION, ConstructNames.expression(expression));
    return null;
  }

  private Symbol constant(Tree at, ConstantEvaluator.Constant constant) {
    if (constant.problem() != null) {
      error(at, Message.CONSTANT_NOT_SERIALIZABLE, constant.problem());
      return null;
    }
    return constant.value();
  }

  /** {@code row.id()} where {@code row} is a loop item (or a component of one) of a record type. */
  private boolean isItemAccess(MethodInvocationTree call) {
    return call.getArguments().isEmpty()
        && call.getMethodSelect() instanceof MemberSelectTree select
        && itemValue(select.getExpression()) instanceof Symbol.Value value
        && value.source() instanceof Source.LoopItem
        && valueTypes.isRecord(value.type());
  }

  private Symbol itemComponent(MethodInvocationTree call) {
    MemberSelectTree select = (MemberSelectTree) call.getMethodSelect();
    Symbol.Value item = (Symbol.Value) itemValue(select.getExpression());
    String component = select.getIdentifier().toString();
    Source.LoopItem source = (Source.LoopItem) item.source();
    List<String> names = new ArrayList<>();
    for (var element : valueTypes.recordComponents(item.type())) {
      names.add(element.getSimpleName().toString());
      if (element.getSimpleName().contentEquals(component)) {
        List<String> fields = new ArrayList<>(source.fields());
        fields.add(component);
        return new Symbol.Value(new Source.LoopItem(source.loop(), fields), element.asType(), item.dependencies());
      }
    }
    error(select, Message.UNKNOWN_RECORD_COMPONENT, select.getExpression(), component, String.join(", ", names));
    return null;
  }

  /** A loop item, or a component of one, without reporting anything when {@code expression} is something else. */
  private Symbol itemValue(ExpressionTree expression) {
    if (expression instanceof IdentifierTree identifier) {
      return scope.get(identifier.getName().toString());
    }
    if (expression instanceof MethodInvocationTree call && isItemAccess(call)) {
      return itemComponent(call);
    }
    return null;
  }

  /** {@code stats.mean()} where {@code stats} holds a record result (or the failed call that was to give one). */
  private boolean isRecordAccess(MethodInvocationTree call) {
    return call.getArguments().isEmpty()
        && call.getMethodSelect() instanceof MemberSelectTree select
        && select.getExpression() instanceof IdentifierTree identifier
        && (scope.get(identifier.getName().toString()) instanceof Symbol.RecordResult
            || scope.get(identifier.getName().toString()) instanceof Symbol.Value value && value.failed());
  }

  /** The type of record component {@code name} of a failed variable's declared record type; null if not known. */
  private TypeMirror failedComponentType(Symbol.Value failed, String name) {
    if (failed.type() == null || !valueTypes.isRecord(failed.type())) {
      return null;
    }
    return valueTypes.recordComponents(failed.type()).stream().filter(c -> c.getSimpleName().contentEquals(name))
        .map(c -> c.asType()).findFirst().orElse(null);
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
      valueTypes.recordComponents(record.type()).forEach(component -> outputs.add(new Binding(
          component.getSimpleName().toString(), valueTypes.classify(component.asType(), component).type(),
          new Source.TaskOutput(record.task(), component.getSimpleName().toString()))));
      return outputs;
    }
    Symbol.Value value = single(symbol, expression);
    if (value == null) {
      return List.of();
    }
    if (value.failed()) {
      if (value.type() != null && !types.isAssignable(value.type(), declared)) {
        error(expression, Message.ARGUMENT_TYPE_MISMATCH, "return value", method.getSimpleName(),
            valueTypes.display(value.type()), valueTypes.display(declared), valueTypes.display(declared));
      }
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
    JavaValueType type = valueTypes.classify(declared, method).type();
    return List.of(new Binding(Component.OUTPUT, type, value.source()));
  }

  /** An error on {@code at}, shown where its first token is. */
  void error(Tree at, Message message, Object... args) {
    diagnostics.error(Anchor.of(at), unit, message, args);
  }
}
