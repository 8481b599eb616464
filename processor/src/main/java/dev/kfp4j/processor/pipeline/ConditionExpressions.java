package dev.kfp4j.processor.pipeline;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import dev.kfp4j.processor.diagnostic.Message;
import dev.kfp4j.processor.model.Predicate;
import dev.kfp4j.processor.model.Source;
import dev.kfp4j.processor.validation.ValueTypes;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Reads the condition of an {@code if} into a {@link Predicate}: comparisons of run values and constants joined by
 * {@code !}, {@code &&} and {@code ||}, meaning what they mean in Java. Anything else is an error on its first
 * token, saying what a condition may hold.
 */
final class ConditionExpressions {

  private static final Map<Tree.Kind, String> COMPARISONS = Map.of(
      Tree.Kind.EQUAL_TO, "==", Tree.Kind.NOT_EQUAL_TO, "!=", Tree.Kind.LESS_THAN, "<",
      Tree.Kind.LESS_THAN_EQUAL, "<=", Tree.Kind.GREATER_THAN, ">", Tree.Kind.GREATER_THAN_EQUAL, ">=");
  private static final String COMPUTE_FIRST = "compute the value in a component before the if and compare its result";

  /** An operand read: its predicate operand, and whether its type is an enum (compared by identity in Java). */
  private record Read(Predicate.Operand operand, boolean isEnum) {}

  private final PipelineReader reader;
  private final ValueTypes valueTypes;
  /** Set when an operand stood for a statement that failed (already reported): the condition is not reported again. */
  private boolean quiet;

  ConditionExpressions(PipelineReader reader, ValueTypes valueTypes) {
    this.reader = reader;
    this.valueTypes = valueTypes;
  }

  /** The predicate of {@code condition}; empty after an error (reported) or a failed operand (reported before). */
  Optional<Predicate> read(ExpressionTree condition) {
    quiet = false;
    Predicate predicate = predicate(condition);
    return Optional.ofNullable(quiet ? null : predicate);
  }

  private Predicate predicate(ExpressionTree tree) {
    if (tree instanceof ParenthesizedTree parenthesized) {
      return predicate(parenthesized.getExpression());
    }
    if (tree.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
      Predicate operand = predicate(((UnaryTree) tree).getExpression());
      return operand == null ? null : new Predicate.Not(operand);
    }
    if (tree.getKind() == Tree.Kind.CONDITIONAL_AND || tree.getKind() == Tree.Kind.CONDITIONAL_OR) {
      BinaryTree binary = (BinaryTree) tree;
      Predicate left = predicate(binary.getLeftOperand());
      Predicate right = predicate(binary.getRightOperand());
      return left == null || right == null ? null
          : new Predicate.Junction(left, tree.getKind() == Tree.Kind.CONDITIONAL_AND, right);
    }
    if (COMPARISONS.containsKey(tree.getKind())) {
      BinaryTree binary = (BinaryTree) tree;
      return compare(tree, binary.getLeftOperand(), COMPARISONS.get(tree.getKind()), binary.getRightOperand());
    }
    if (tree instanceof MethodInvocationTree call && call.getMethodSelect() instanceof MemberSelectTree select
        && select.getIdentifier().contentEquals("equals") && call.getArguments().size() == 1) {
      return compare(tree, select.getExpression(), "==", call.getArguments().get(0));
    }
    if (tree.getKind() == Tree.Kind.AND || tree.getKind() == Tree.Kind.OR || tree.getKind() == Tree.Kind.XOR) {
      reader.error(tree, Message.UNSUPPORTED_CONDITION, "'" + ConstructNames.oneLine(tree.toString()) + "' (a non-short-circuit "
          + "boolean operator)", "write && or || instead");
      return null;
    }
    // A boolean value on its own: as KFP's compiler writes it, a comparison with true.
    Read value = operand(tree);
    if (value == null) {
      return null;
    }
    if (value.operand().kind() != Predicate.Kind.BOOLEAN) {
      reader.error(tree, Message.CONDITION_OPERANDS_MISMATCH, ConstructNames.oneLine(tree.toString()),
          describe(value.operand().kind()), "boolean condition");
      return null;
    }
    return new Predicate.Compare(value.operand(), "==",
        new Predicate.Operand(new Source.Constant("true"), value.operand().type(), Predicate.Kind.BOOLEAN), Predicate.Kind.BOOLEAN);
  }

  private Predicate compare(ExpressionTree tree, ExpressionTree leftTree, String operator, ExpressionTree rightTree) {
    Read left = operand(leftTree);
    Read right = operand(rightTree);
    if (left == null || right == null) {
      return null;
    }
    Predicate.Kind a = left.operand().kind();
    Predicate.Kind b = right.operand().kind();
    Predicate.Kind kind;
    if (a == b) {
      kind = a;
    } else if (numeric(a) && numeric(b)) {
      kind = Predicate.Kind.DOUBLE;
    } else {
      reader.error(tree, Message.CONDITION_OPERANDS_MISMATCH, ConstructNames.oneLine(tree.toString()), describe(a), describe(b));
      return null;
    }
    boolean identity = tree instanceof BinaryTree;
    if (kind == Predicate.Kind.STRING && identity && !(left.isEnum() && right.isEnum())) {
      String fix = (operator.equals("!=") ? "!" : "") + (leftTree instanceof LiteralTree || rightTree instanceof LiteralTree
          ? (leftTree instanceof LiteralTree ? leftTree + ".equals(" + rightTree + ")" : rightTree + ".equals(" + leftTree + ")")
          : leftTree + ".equals(" + rightTree + ")");
      reader.error(tree, Message.STRING_IDENTITY, ConstructNames.oneLine(tree.toString()), operator, fix);
      return null;
    }
    if (kind == Predicate.Kind.BOOLEAN && !operator.equals("==") && !operator.equals("!=")) {
      reader.error(tree, Message.UNSUPPORTED_CONDITION, "'" + operator + "' on booleans", "compare booleans with == or !=");
      return null;
    }
    if (kind == Predicate.Kind.STRING && !operator.equals("==") && !operator.equals("!=")) {
      reader.error(tree, Message.UNSUPPORTED_CONDITION, "'" + operator + "' on strings", "compare strings with equals");
      return null;
    }
    return new Predicate.Compare(left.operand(), operator, right.operand(), kind);
  }

  /** One side of a comparison: a run value or a constant, never a call or a computation. */
  private Read operand(ExpressionTree tree) {
    if (tree instanceof ParenthesizedTree parenthesized) {
      return operand(parenthesized.getExpression());
    }
    if (tree instanceof MethodInvocationTree call && !reader.isValueAccess(call)) {
      reader.error(tree, Message.UNSUPPORTED_CONDITION, ConstructNames.expression(tree), COMPUTE_FIRST);
      return null;
    }
    if (tree instanceof BinaryTree || tree.getKind() == Tree.Kind.CONDITIONAL_EXPRESSION
        || tree.getKind() == Tree.Kind.NULL_LITERAL || tree.getKind() == Tree.Kind.TYPE_CAST
        || tree.getKind() == Tree.Kind.INSTANCE_OF || tree.getKind() == Tree.Kind.LOGICAL_COMPLEMENT
        || tree instanceof UnaryTree && !(tree.getKind() == Tree.Kind.UNARY_MINUS && isLiteral(tree))) {
      String hint = tree.getKind() == Tree.Kind.NULL_LITERAL ? "a value of the run is never null; test a value a component "
          + "computes" : COMPUTE_FIRST;
      String what = tree instanceof BinaryTree && ((BinaryTree) tree).getKind() == Tree.Kind.PLUS
          && (isString(((BinaryTree) tree).getLeftOperand()) || isString(((BinaryTree) tree).getRightOperand()))
          ? "string concatenation '" + ConstructNames.oneLine(tree.toString()) + "'" : ConstructNames.expression(tree);
      reader.error(tree, Message.UNSUPPORTED_CONDITION, what, hint);
      return null;
    }
    Symbol.Value value = reader.operand(tree);
    if (value == null || value.failed() || value.type() == null) {
      quiet |= value != null; // a failed statement was reported where it failed
      return null;
    }
    TypeMirror type = value.type();
    if (value.source() instanceof Source.Constant && type.getKind() == TypeKind.CHAR) {
      reader.error(tree, Message.UNSUPPORTED_CONDITION, ConstructNames.expression(tree), "use a String literal");
      return null;
    }
    ValueTypes.Result classified = valueTypes.classify(type);
    Predicate.Kind kind = !classified.supported() || classified.type().isArtifact() ? null
        : switch (classified.type().kind()) {
          case NUMBER_INTEGER -> Predicate.Kind.INTEGER;
          case NUMBER_DOUBLE -> Predicate.Kind.DOUBLE;
          case BOOLEAN -> Predicate.Kind.BOOLEAN;
          case STRING -> Predicate.Kind.STRING;
          default -> null;
        };
    if (kind == null) {
      reader.error(tree, Message.CONDITION_OPERAND_TYPE, ConstructNames.oneLine(tree.toString()), valueTypes.display(type));
      return null;
    }
    boolean isEnum = type.getKind() == TypeKind.DECLARED
        && ((DeclaredType) type).asElement().getKind() == ElementKind.ENUM;
    return new Read(new Predicate.Operand(value.source(), classified.type(), kind), isEnum);
  }

  private static boolean isLiteral(ExpressionTree tree) {
    return ((UnaryTree) tree).getExpression() instanceof LiteralTree;
  }

  private static boolean isString(ExpressionTree tree) {
    return tree instanceof LiteralTree literal && literal.getValue() instanceof String;
  }

  private static boolean numeric(Predicate.Kind kind) {
    return kind == Predicate.Kind.INTEGER || kind == Predicate.Kind.DOUBLE;
  }

  private static String describe(Predicate.Kind kind) {
    return switch (kind) {
      case STRING -> "string";
      case BOOLEAN -> "boolean";
      case INTEGER, DOUBLE -> "number";
    };
  }
}
