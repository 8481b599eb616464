package dev.kfp4j.processor.pipeline;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import dev.kfp4j.processor.diagnostic.Message;
import dev.kfp4j.processor.model.Binding;
import dev.kfp4j.processor.model.Source;
import dev.kfp4j.processor.model.Task;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * {@code try { … } finally { … }} in a pipeline body: an exit handler whose clean-up calls run after the try
 * block's tasks however they ended. It stands directly in the body, last; {@code catch}, a {@code return} inside,
 * and a finally block using what the try block computed are errors on their first token.
 */
final class ExitHandlers {

  private final PipelineReader reader;
  private final TaskCalls calls;
  private final ControlFlow flow;
  private final Conditions conditions;
  /** Names declared inside a try block, for a clearer error when a finally block uses one. */
  private final Map<String, String> tryLocals = new HashMap<>();
  private boolean inTry;
  private boolean ended;

  ExitHandlers(PipelineReader reader, TaskCalls calls, ControlFlow flow, Conditions conditions) {
    this.reader = reader;
    this.calls = calls;
    this.flow = flow;
    this.conditions = conditions;
  }

  /** Whether a top-level try / finally was read: nothing may follow it. */
  boolean ended() {
    return ended;
  }

  /** The exit handler whose try block declared {@code name}, if a finally block uses it. */
  Optional<String> tryLocal(String name) {
    return Optional.ofNullable(tryLocals.get(name));
  }

  /** Reads a statement this class handles; false if it is not one. */
  boolean statement(StatementTree statement) {
    if (statement.getKind() == Tree.Kind.RETURN && inTry) {
      reader.error(statement, Message.TRY_RETURN);
      return true;
    }
    if (!(statement instanceof TryTree tree)) {
      return false;
    }
    if (!tree.getResources().isEmpty()) {
      reader.error(tree, Message.UNSUPPORTED_STATEMENT, "a try-with-resources statement");
      return true;
    }
    if (!tree.getCatches().isEmpty()) {
      reader.error(tree.getCatches().get(0), Message.TRY_CATCH);
      return true;
    }
    if (inTry || flow.inLoop() || conditions.inBranch()) {
      reader.error(tree, Message.EXIT_HANDLER_NOT_TOP_LEVEL);
      return true;
    }
    read(tree);
    return true;
  }

  private void read(TryTree tree) {
    String name = calls.uniqueName("exit-handler-" + flow.nextGroupId());
    Map<String, Symbol> outer = reader.snapshot();
    List<Task> body;
    inTry = true;
    try {
      body = calls.inScope(() -> tree.getBlock().getStatements().forEach(reader::statement));
    } finally {
      inTry = false;
    }
    reader.snapshot().forEach((local, symbol) -> {
      if (!outer.containsKey(local)) {
        tryLocals.put(local, name);
      }
    });
    reader.restore(outer);
    BlockTree block = tree.getFinallyBlock();
    List<Task> cleanup;
    inTry = true;
    try {
      cleanup = calls.inScope(() -> {
        for (StatementTree statement : block.getStatements()) {
          boolean call = statement instanceof ExpressionStatementTree expression
              && expression.getExpression() instanceof MethodInvocationTree
              || statement instanceof VariableTree variable && variable.getInitializer() instanceof MethodInvocationTree;
          if (call) {
            reader.statement(statement);
          } else {
            reader.error(statement, Message.FINALLY_NOT_CALL, ConstructNames.statement(statement));
          }
        }
      });
    } finally {
      inTry = false;
    }
    ended = true;
    if (cleanup.isEmpty() || body.isEmpty()) {
      body.forEach(calls::add); // nothing to run after, or nothing to wait for: plain tasks
      cleanup.forEach(calls::add);
      return;
    }
    List<Binding> inputs = conditions.inputs(body, null);
    SortedSet<String> dependencies = new TreeSet<>();
    inputs.forEach(input -> {
      if (input.source() instanceof Source.TaskOutput producer) {
        dependencies.add(producer.task());
      }
    });
    calls.add(new Task.ExitHandler(name, body, cleanup, inputs, conditions.inputs(cleanup, null), dependencies));
  }
}
