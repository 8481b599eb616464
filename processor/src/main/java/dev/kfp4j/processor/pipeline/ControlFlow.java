package dev.kfp4j.processor.pipeline;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import dev.kfp4j.processor.diagnostic.Message;
import dev.kfp4j.processor.model.Binding;
import dev.kfp4j.processor.model.Channels;
import dev.kfp4j.processor.model.JavaValueType;
import dev.kfp4j.processor.model.Source;
import dev.kfp4j.processor.model.Task;
import dev.kfp4j.processor.model.TaskOptions;
import dev.kfp4j.processor.model.Tasks;
import dev.kfp4j.processor.validation.ValueTypes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The statements of a pipeline body that hold other statements: for-each loops (fan-out) with the lists
 * they collect into (fan-in). Each becomes a scope task whose body is read like the pipeline's own, and every
 * loop form the engines cannot run is an error on its first token.
 */
final class ControlFlow {

  /** One loop being read. */
  private static final class Frame {
    final String name;
    final Map<String, Collect> collects = new LinkedHashMap<>();

    Frame(String name) {
      this.name = name;
    }
  }

  /** One {@code acc.add(v)} of a loop: the list and the body task output it adds. */
  private record Collect(Symbol.Accumulator accumulator, Source.TaskOutput producer, TypeMirror type) {}

  private final PipelineReader reader;
  private final TaskCalls calls;
  private final Types types;
  private final Elements elements;
  private final ValueTypes valueTypes;
  private final ConstantLists lists;
  private final Deque<Frame> loops = new ArrayDeque<>();
  /** Each loop's item input name and item type, by loop name. */
  private final Map<String, String> itemInputs = new HashMap<>();
  private final Map<String, JavaValueType> itemTypes = new HashMap<>();
  /** Accumulators a loop has passed by without adding to them: they stay empty forever. */
  private final Set<Symbol.Accumulator> closed = new java.util.HashSet<>();
  /** Names declared inside finished loops, for a clearer error when one is used after its loop. */
  private final Map<String, String> loopLocals = new HashMap<>();
  /** KFP numbers a pipeline's control-flow groups (and raw loop items) in one sequence: for-loop-1, loop-item-param-2, … */
  private int groupId;
  private int serial;

  ControlFlow(PipelineReader reader, TaskCalls calls, Types types, Elements elements, ValueTypes valueTypes,
      ConstantLists lists) {
    this.reader = reader;
    this.calls = calls;
    this.types = types;
    this.elements = elements;
    this.valueTypes = valueTypes;
    this.lists = lists;
  }

  /** Whether a loop is being read. */
  boolean inLoop() {
    return !loops.isEmpty();
  }

  /** How many loops enclose the statement being read. */
  int loopDepth() {
    return loops.size();
  }

  /** The next number of KFP's group sequence, which loops and conditions share (for-loop-1, condition-2, …). */
  int nextGroupId() {
    return ++groupId;
  }

  /** The type of one item of loop {@code loop}. */
  JavaValueType itemType(String loop) {
    return itemTypes.get(loop);
  }

  /** The loop that declared {@code name} in its body, if {@code name} is used after that loop. */
  Optional<String> loopLocal(String name) {
    return Optional.ofNullable(loopLocals.get(name));
  }

  /**
   * Reads a statement this class handles; false if it is not one (then the reader handles it). Loops other
   * than for-each, jumps, and returns and assignments inside loops are reported here.
   */
  boolean statement(StatementTree statement) {
    switch (statement.getKind()) {
      case ENHANCED_FOR_LOOP -> forEach((EnhancedForLoopTree) statement);
      case WHILE_LOOP, DO_WHILE_LOOP, FOR_LOOP -> reader.error(statement, Message.UNSUPPORTED_LOOP,
          ConstructNames.statement(statement));
      case BREAK, CONTINUE -> reader.error(statement, Message.LOOP_JUMP,
          statement.getKind() == Tree.Kind.BREAK ? "break" : "continue");
      case RETURN -> reader.error(statement, Message.LOOP_RETURN);
      case VARIABLE -> {
        VariableTree variable = (VariableTree) statement;
        if (!(variable.getInitializer() instanceof NewClassTree creation)) {
          return false;
        }
        declareAccumulator(variable, creation);
      }
      case EXPRESSION_STATEMENT -> {
        ExpressionTree expression = ((ExpressionStatementTree) statement).getExpression();
        if (expression instanceof AssignmentTree assignment && inLoop()
            && assignment.getVariable() instanceof IdentifierTree target
            && reader.symbol(target.getName().toString()) != null) {
          reader.error(statement, Message.LOOP_REASSIGNMENT, target.getName());
        } else if (expression instanceof MethodInvocationTree call && accumulatorOf(call) != null) {
          collect(call, accumulatorOf(call));
        } else {
          return false;
        }
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /** {@code List<R> acc = new ArrayList<>();} */
  private void declareAccumulator(VariableTree variable, NewClassTree creation) {
    String created = creation.getIdentifier().toString().replaceAll("<.*", "");
    if (!created.equals("ArrayList") && !created.equals("java.util.ArrayList") && !created.equals("LinkedList")
        && !created.equals("java.util.LinkedList")) {
      reader.error(creation, Message.UNSUPPORTED_EXPRESSION, ConstructNames.expression(creation));
      return;
    }
    if (!creation.getArguments().isEmpty() || creation.getClassBody() != null) {
      reader.error(creation, Message.ACCUMULATOR_NOT_EMPTY, variable.getName());
      return;
    }
    reader.declare(variable.getName().toString(),
        new Symbol.Accumulator(variable.getName().toString(), loops.size(), serial++));
  }

  private Symbol.Accumulator accumulatorOf(MethodInvocationTree call) {
    if (call.getMethodSelect() instanceof MemberSelectTree select && select.getIdentifier().contentEquals("add")
        && select.getExpression() instanceof IdentifierTree list
        && reader.symbol(list.getName().toString()) instanceof Symbol.Accumulator accumulator) {
      return accumulator;
    }
    return null;
  }

  /** {@code acc.add(v)} in a loop body. */
  private void collect(MethodInvocationTree call, Symbol.Accumulator accumulator) {
    MemberSelectTree select = (MemberSelectTree) call.getMethodSelect();
    if (!inLoop() || accumulator.depth() != loops.size() - 1 || closed.contains(accumulator)) {
      reader.error(select.getExpression(), Message.COLLECT_OUTSIDE_LOOP, accumulator.name());
      return;
    }
    Frame loop = loops.peek();
    if (loop.collects.containsKey(accumulator.name())) {
      reader.error(select.getExpression(), Message.COLLECT_TWICE, accumulator.name(), loop.name);
      return;
    }
    if (call.getArguments().size() != 1) {
      reader.error(select, Message.UNSUPPORTED_EXPRESSION, ConstructNames.expression(call));
      return;
    }
    ExpressionTree argument = call.getArguments().get(0);
    Symbol.Value value = reader.argument(argument);
    if (value == null) {
      return;
    }
    if (!(value.source() instanceof Source.TaskOutput producer)
        || calls.currentScope().stream().noneMatch(task -> task.name().equals(producer.task()))) {
      reader.error(argument, Message.COLLECT_NOT_TASK_RESULT, argument);
      return;
    }
    loop.collects.put(accumulator.name(), new Collect(accumulator, producer, value.type()));
  }

  /** {@code for (T x : items) { ... }}: a loop task whose body is read as its own scope. */
  private void forEach(EnhancedForLoopTree tree) {
    ExpressionTree expression = tree.getExpression();
    boolean named = expression instanceof IdentifierTree identifier && reader.symbol(identifier.getName().toString()) != null;
    Symbol.Value items = named ? reader.argument(expression)
        : lists.constantList(expression).orElseGet(() -> reader.argument(expression));
    int parallelism = parallelism(tree.getVariable());
    TaskOptions options = reader.optionsOn(tree.getVariable());
    if (items == null || parallelism < 0) {
      return;
    }
    Optional<TypeMirror> element = elementType(items.type());
    if (element.isEmpty()) {
      reader.error(expression, Message.LOOP_OVER_NON_LIST, expression, valueTypes.display(items.type()));
      return;
    }
    boolean raw = items.source() instanceof Source.Constant;
    int id = nextGroupId();
    String itemInput;
    if (raw) {
      itemInput = Channels.PREFIX + "loop-item-param-" + id;
      id = nextGroupId();
    } else {
      itemInput = channel(items.source()) + "-loop-item";
    }
    String name = calls.uniqueName("for-loop-" + id);
    JavaValueType itemType = valueTypes.classify(element.get()).type();
    itemInputs.put(name, itemInput);
    itemTypes.put(name, itemType);

    Frame frame = new Frame(name);
    Map<String, Symbol> outer = reader.snapshot();
    loops.push(frame);
    List<Task> body;
    try {
      body = calls.inScope(() -> {
        reader.declare(tree.getVariable().getName().toString(),
            new Symbol.Value(new Source.LoopItem(name, List.of()), element.get(), Set.of()));
        StatementTree statement = tree.getStatement();
        List<? extends StatementTree> statements = statement instanceof BlockTree block
            ? block.getStatements() : List.of(statement);
        statements.forEach(reader::statement);
      }, options);
    } finally {
      loops.pop();
    }
    Map<String, Symbol> inside = reader.snapshot();
    reader.restore(outer);
    inside.forEach((local, symbol) -> {
      if (!outer.containsKey(local)) {
        loopLocals.put(local, name);
      }
    });
    outer.forEach((local, symbol) -> {
      if (symbol instanceof Symbol.Accumulator accumulator && accumulator.depth() == loops.size()
          && !frame.collects.containsKey(local)) {
        closed.add(accumulator);
      }
    });

    List<Task.Collected> collected = new ArrayList<>();
    for (Collect collect : frame.collects.values()) {
      TypeMirror listType = listOf(collect.type());
      String output = channel(collect.producer());
      collected.add(new Task.Collected(output, valueTypes.classify(listType).type(), collect.producer()));
      reader.declare(collect.accumulator().name(),
          new Symbol.Value(new Source.TaskOutput(name, output), listType, Set.of(name)));
    }
    List<Binding> inputs = new ArrayList<>();
    java.util.SortedSet<String> dependencies = new TreeSet<>(items.dependencies());
    if (!raw) {
      inputs.add(new Binding(channel(items.source()), valueTypes.classify(items.type()).type(), items.source()));
    }
    for (Task task : Tasks.all(body)) {
      for (Binding input : task.inputs()) {
        Source source = input.source();
        if (isOutside(source, name, body) && inputs.stream().noneMatch(b -> b.name().equals(channel(source)))) {
          Source whole = source instanceof Source.LoopItem item ? new Source.LoopItem(item.loop(), List.of()) : source;
          JavaValueType type = source instanceof Source.LoopItem item ? itemTypes.get(item.loop()) : input.type();
          inputs.add(new Binding(channel(source), type, whole));
          if (source instanceof Source.TaskOutput producer) {
            dependencies.add(producer.task());
          }
        }
      }
    }
    if (body.isEmpty()) {
      return; // a loop that calls nothing runs nothing: nothing to write (its statements were reported if wrong)
    }
    calls.add(new Task.Loop(name, items.source(), itemInput, itemType, parallelism, body, collected, inputs,
        dependencies));
  }

  /** Whether {@code source}, used in loop {@code loop}'s body (or a branch's, with no loop), comes from outside it. */
  static boolean isOutside(Source source, String loop, List<Task> body) {
    if (source instanceof Source.TaskOutput producer) {
      return Tasks.find(body, producer.task()).isEmpty();
    }
    if (source instanceof Source.LoopItem item) {
      return !item.loop().equals(loop) && Tasks.find(body, item.loop()).isEmpty();
    }
    return source instanceof Source.Parameter;
  }

  /** The name a scope gets an outside value under, as KFP's compiler names it. */
  String channel(Source source) {
    return Channels.of(source, itemInputs);
  }

  /** {@code @Parallelism(n)} on the loop variable: n, 0 without it, -1 after an error. */
  private int parallelism(VariableTree variable) {
    for (AnnotationTree annotation : variable.getModifiers().getAnnotations()) {
      String type = annotation.getAnnotationType().toString();
      if (!type.equals("Parallelism") && !type.endsWith(".Parallelism")) {
        continue;
      }
      ExpressionTree argument = annotation.getArguments().isEmpty() ? annotation : annotation.getArguments().get(0);
      if (argument instanceof AssignmentTree assignment) {
        argument = assignment.getExpression();
      }
      Optional<String> json = lists.constantJson(argument);
      int value;
      try {
        value = json.map(Integer::parseInt).orElse(0);
      } catch (NumberFormatException e) {
        value = 0;
      }
      if (value < 1) {
        reader.error(argument, Message.INVALID_PARALLELISM, argument);
        return -1;
      }
      return value;
    }
    return 0;
  }

  private Optional<TypeMirror> elementType(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    TypeMirror list = types.erasure(elements.getTypeElement("java.util.List").asType());
    if (!types.isAssignable(types.erasure(type), list)) {
      return Optional.empty();
    }
    List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
    return arguments.size() == 1 ? Optional.of(arguments.get(0)) : Optional.empty();
  }

  private TypeMirror listOf(TypeMirror element) {
    TypeMirror boxed = element.getKind().isPrimitive() ? types.boxedClass((PrimitiveType) element).asType() : element;
    return types.getDeclaredType(elements.getTypeElement("java.util.List"), boxed);
  }
}
