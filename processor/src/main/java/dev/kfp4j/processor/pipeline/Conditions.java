package dev.kfp4j.processor.pipeline;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import dev.kfp4j.processor.diagnostic.Message;
import dev.kfp4j.processor.model.Binding;
import dev.kfp4j.processor.model.Channels;
import dev.kfp4j.processor.model.JavaValueType;
import dev.kfp4j.processor.model.Predicate;
import dev.kfp4j.processor.model.Source;
import dev.kfp4j.processor.model.Task;
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
import java.util.SortedSet;
import java.util.TreeSet;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * The {@code if} / {@code else if} / {@code else} chains of a pipeline body, and the variables declared before one
 * and assigned in its branches (one-of values). Each chain becomes a {@link Task.Condition} whose branches are
 * scopes read like the pipeline's own body.
 */
final class Conditions {

  /** One branch being read: its name, the loops around it, and what it assigns to variables declared before it. */
  private static final class Frame {
    final String name;
    final int loopDepth;
    final Map<String, Symbol.Value> assigned = new LinkedHashMap<>();

    Frame(String name, int loopDepth) {
      this.name = name;
      this.loopDepth = loopDepth;
    }
  }

  private final PipelineReader reader;
  private final TaskCalls calls;
  private final ControlFlow flow;
  private final Types types;
  private final ValueTypes valueTypes;
  private final ConditionExpressions expressions;
  private final Deque<Frame> frames = new ArrayDeque<>();
  /** Names declared inside finished branches, for a clearer error when one is used after its chain. */
  private final Map<String, String> branchLocals = new HashMap<>();

  Conditions(PipelineReader reader, TaskCalls calls, ControlFlow flow, Types types, ValueTypes valueTypes) {
    this.reader = reader;
    this.calls = calls;
    this.flow = flow;
    this.types = types;
    this.valueTypes = valueTypes;
    this.expressions = new ConditionExpressions(reader, valueTypes);
  }

  /** The branch that declared {@code name}, if {@code name} is used after that branch's chain. */
  Optional<String> branchLocal(String name) {
    return Optional.ofNullable(branchLocals.get(name));
  }

  /** Reads a statement this class handles; false if it is not one. */
  boolean statement(StatementTree statement) {
    if (statement instanceof IfTree tree) {
      chain(tree);
      return true;
    }
    if (statement instanceof VariableTree variable && variable.getInitializer() == null) {
      TypeMirror type = reader.writtenType(variable.getType());
      reader.declare(variable.getName().toString(), new Symbol.Pending(variable.getName().toString(), type,
          frames.size(), flow.loopDepth(), false));
      return true;
    }
    boolean innermost = !frames.isEmpty() && frames.peek().loopDepth == flow.loopDepth();
    if (statement.getKind() == Tree.Kind.RETURN && innermost) {
      reader.error(statement, Message.CONDITION_RETURN);
      return true;
    }
    if (!(statement instanceof ExpressionStatementTree expression)) {
      return false;
    }
    if (expression.getExpression() instanceof AssignmentTree assignment
        && assignment.getVariable() instanceof IdentifierTree target
        && reader.symbol(target.getName().toString()) instanceof Symbol.Pending pending) {
      assign(assignment, pending);
      return true;
    }
    if (innermost && expression.getExpression() instanceof MethodInvocationTree call
        && call.getMethodSelect() instanceof MemberSelectTree select && select.getIdentifier().contentEquals("add")
        && select.getExpression() instanceof IdentifierTree list
        && reader.symbol(list.getName().toString()) instanceof Symbol.Accumulator) {
      reader.error(select.getExpression(), Message.COLLECT_IN_CONDITION, list.getName());
      return true;
    }
    return false;
  }

  /** {@code x = step(…);} where {@code x} was declared without a value. */
  private void assign(AssignmentTree assignment, Symbol.Pending pending) {
    if (pending.loopDepth() != flow.loopDepth()) {
      reader.error(assignment, Message.LOOP_REASSIGNMENT, pending.name());
      return;
    }
    ExpressionTree expression = assignment.getExpression();
    Symbol.Value value = reader.argument(expression);
    if (value == null || value.failed()) {
      reader.declare(pending.name(), Symbol.Value.failed(pending.type()));
      return;
    }
    if (frames.size() == pending.depth()) {
      reader.declare(pending.name(), new Symbol.Value(value.source(), pending.type() != null ? pending.type()
          : value.type(), value.dependencies()));
      return;
    }
    if (!(value.source() instanceof Source.TaskOutput producer)
        || calls.currentScope().stream().noneMatch(task -> task.name().equals(producer.task()))) {
      reader.error(expression, Message.ONE_OF_NOT_TASK_RESULT, ConstructNames.oneLine(expression.toString()), pending.name());
      return;
    }
    frames.peek().assigned.put(pending.name(), value);
    // Later lines of this branch read the value assigned; after the chain the variable is pending again.
    reader.declare(pending.name(), new Symbol.Value(value.source(), pending.type() != null ? pending.type()
        : value.type(), value.dependencies()));
  }

  /** Reads one {@code if} with its {@code else if}s and {@code else}. */
  private void chain(IfTree first) {
    List<IfTree> arms = new ArrayList<>(List.of(first));
    while (arms.get(arms.size() - 1).getElseStatement() instanceof IfTree next) {
      arms.add(next);
    }
    StatementTree otherwise = arms.get(arms.size() - 1).getElseStatement();
    boolean grouped = arms.size() > 1 || otherwise != null;
    String name = grouped ? calls.uniqueName("condition-branches-" + flow.nextGroupId()) : null;

    Map<String, Symbol> outer = reader.snapshot();
    List<Task.Branch> branches = new ArrayList<>();
    List<Frame> read = new ArrayList<>();
    List<Predicate> earlier = new ArrayList<>();
    boolean failed = false;
    int count = arms.size() + (otherwise != null ? 1 : 0);
    for (int i = 0; i < count; i++) {
      Predicate own = null;
      if (i < arms.size()) {
        own = expressions.read(arms.get(i).getCondition()).orElse(null);
        failed |= own == null;
      }
      String branchName = calls.uniqueName("condition-" + flow.nextGroupId());
      if (name == null) {
        name = branchName;
      }
      Frame frame = new Frame(branchName, flow.loopDepth());
      StatementTree body = i < arms.size() ? arms.get(i).getThenStatement() : otherwise;
      frames.push(frame);
      List<Task> tasks;
      try {
        tasks = calls.inScope(() -> {
          List<? extends StatementTree> statements = body instanceof BlockTree block ? block.getStatements()
              : List.of(body);
          statements.forEach(reader::statement);
        });
      } finally {
        frames.pop();
      }
      Map<String, Symbol> inside = reader.snapshot();
      reader.restore(outer);
      inside.forEach((local, symbol) -> {
        if (!outer.containsKey(local)) {
          branchLocals.put(local, branchName);
        }
      });
      read.add(frame);
      Predicate trigger = own;
      for (int j = earlier.size() - 1; j >= 0; j--) {
        Predicate not = new Predicate.Not(earlier.get(j));
        trigger = trigger == null ? not : new Predicate.Junction(not, true, trigger);
      }
      if (own != null) {
        earlier.add(own);
      }
      if (!tasks.isEmpty() && !failed) {
        branches.add(new Task.Branch(branchName, own, trigger, tasks, inputs(tasks, trigger), List.of()));
      }
    }
    if (failed) {
      return;
    }
    List<Task.OneOf> oneOfs = oneOfs(name, outer, read, otherwise != null, branches);
    if (branches.isEmpty()) {
      return; // a chain that calls nothing runs nothing (its statements were reported if wrong)
    }
    List<Binding> inputs = new ArrayList<>();
    SortedSet<String> dependencies = new TreeSet<>();
    for (Task.Branch branch : branches) {
      for (Binding input : branch.inputs()) {
        if (inputs.stream().noneMatch(b -> b.name().equals(input.name()))) {
          inputs.add(input);
        }
        if (input.source() instanceof Source.TaskOutput producer) {
          dependencies.add(producer.task());
        }
      }
    }
    calls.add(new Task.Condition(name, branches, oneOfs, inputs, dependencies));
  }

  /**
   * The variables declared before the chain and assigned in every branch (an {@code else} included): each becomes
   * a one-of output of the chain, and each branch outputs the value it assigned. Branches are replaced by ones
   * carrying their outputs.
   */
  private List<Task.OneOf> oneOfs(String name, Map<String, Symbol> outer, List<Frame> read, boolean hasElse,
      List<Task.Branch> branches) {
    Map<String, Symbol.Pending> pending = new LinkedHashMap<>();
    for (Frame frame : read) {
      frame.assigned.keySet().forEach(variable -> pending.putIfAbsent(variable, (Symbol.Pending) outer.get(variable)));
    }
    List<Task.OneOf> oneOfs = new ArrayList<>();
    Map<String, List<Task.Collected>> outputs = new HashMap<>();
    for (Symbol.Pending variable : pending.values()) {
      boolean complete = hasElse && read.stream().allMatch(frame -> frame.assigned.containsKey(variable.name()));
      boolean here = variable.depth() == frames.size();
      if (!complete) {
        if (here) {
          reader.declare(variable.name(), new Symbol.Pending(variable.name(), variable.type(), variable.depth(),
              variable.loopDepth(), true));
        }
        continue;
      }
      String output = Channels.PREFIX + name + "-oneof-" + (oneOfs.size() + 1);
      TypeMirror type = variable.type() != null ? variable.type() : read.get(0).assigned.get(variable.name()).type();
      JavaValueType valueType = valueTypes.classify(type).type();
      List<String> branchOutputs = new ArrayList<>();
      for (Frame frame : read) {
        Source.TaskOutput producer = (Source.TaskOutput) frame.assigned.get(variable.name()).source();
        String channel = flow.channel(producer);
        branchOutputs.add(channel);
        List<Task.Collected> list = outputs.computeIfAbsent(frame.name, key -> new ArrayList<>());
        if (list.stream().noneMatch(c -> c.name().equals(channel))) {
          list.add(new Task.Collected(channel, valueType, producer));
        }
      }
      oneOfs.add(new Task.OneOf(output, valueType, branchOutputs));
      Symbol.Value value = new Symbol.Value(new Source.TaskOutput(name, output), type, Set.of(name));
      if (here) {
        reader.declare(variable.name(), value);
      } else {
        frames.peek().assigned.put(variable.name(), value);
      }
    }
    branches.replaceAll(branch -> new Task.Branch(branch.name(), branch.condition(), branch.trigger(), branch.body(),
        branch.inputs(), outputs.getOrDefault(branch.name(), List.of())));
    return oneOfs;
  }

  /** Whether a branch of a chain is being read. */
  boolean inBranch() {
    return !frames.isEmpty();
  }

  /** Every value from outside a scope that its trigger (if any) or its tasks use, under its channel name. */
  List<Binding> inputs(List<Task> body, Predicate trigger) {
    Map<String, Binding> inputs = new LinkedHashMap<>();
    (trigger == null ? List.<Predicate.Operand>of() : trigger.operands()).forEach(operand -> addInput(inputs, operand.source(), operand.type(), body));
    for (Task task : Tasks.all(body)) {
      for (Binding input : task.inputs()) {
        addInput(inputs, input.source(), input.type(), body);
      }
    }
    return new ArrayList<>(inputs.values());
  }

  private void addInput(Map<String, Binding> inputs, Source source, JavaValueType type, List<Task> body) {
    if (source instanceof Source.Constant || !ControlFlow.isOutside(source, null, body)) {
      return;
    }
    String channel = flow.channel(source);
    if (inputs.containsKey(channel)) {
      return;
    }
    Source whole = source instanceof Source.LoopItem item ? new Source.LoopItem(item.loop(), List.of()) : source;
    JavaValueType channelType = source instanceof Source.LoopItem item ? flow.itemType(item.loop()) : type;
    inputs.put(channel, new Binding(channel, channelType, whole));
  }
}
