package dev.kfp4j.processor.pipeline;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;

/**
 * Where an error about a tree should point: the tree of its first token. javac puts a diagnostic at a
 * tree's "preferred position", which for {@code a + b} is the {@code +}, for {@code x.y} the dot, for
 * {@code f(x)} the parenthesis and for {@code int s;} the name; the first token's tree starts where
 * the construct starts, so the caret is under the construct the message names.
 */
final class Anchor {

  private Anchor() {}

  static Tree of(Tree tree) {
    Tree current = tree;
    for (Tree next = first(current); next != null; next = first(current)) {
      current = next;
    }
    return current;
  }

  /** The subtree that holds {@code tree}'s first token, or null if {@code tree} starts at its own position. */
  private static Tree first(Tree tree) {
    if (tree instanceof ExpressionStatementTree statement) {
      return statement.getExpression();
    } else if (tree instanceof MethodInvocationTree call) {
      return call.getMethodSelect();
    } else if (tree instanceof MemberSelectTree select) {
      return select.getExpression();
    } else if (tree instanceof MemberReferenceTree reference) {
      return reference.getQualifierExpression();
    } else if (tree instanceof BinaryTree binary) {
      return binary.getLeftOperand();
    } else if (tree instanceof ConditionalExpressionTree conditional) {
      return conditional.getCondition();
    } else if (tree instanceof ArrayAccessTree access) {
      return access.getExpression();
    } else if (tree instanceof InstanceOfTree instanceOf) {
      return instanceOf.getExpression();
    } else if (tree instanceof AssignmentTree assignment) {
      return assignment.getVariable();
    } else if (tree instanceof CompoundAssignmentTree assignment) {
      return assignment.getVariable();
    } else if (tree instanceof UnaryTree unary && (tree.getKind() == Tree.Kind.POSTFIX_INCREMENT
        || tree.getKind() == Tree.Kind.POSTFIX_DECREMENT)) {
      return unary.getExpression();
    } else if (tree instanceof VariableTree variable) {
      ModifiersTree modifiers = variable.getModifiers();
      if (!modifiers.getFlags().isEmpty() || !modifiers.getAnnotations().isEmpty()) {
        return modifiers.getAnnotations().isEmpty() ? modifiers : modifiers.getAnnotations().get(0);
      }
      return variable.getType(); // null for 'var': then the name is the best place
    } else if (tree instanceof ParameterizedTypeTree type) {
      return type.getType();
    } else if (tree instanceof ArrayTypeTree type) {
      return type.getType();
    }
    return null;
  }
}
