package dev.kfp4j.processor.pipeline;

import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;

/** Names a Java construct the way an error message should ("an if statement"). */
final class ConstructNames {

  private ConstructNames() {}

  static String statement(Tree tree) {
    return switch (tree.getKind()) {
      case FOR_LOOP -> "a for loop";
      case ENHANCED_FOR_LOOP -> "a for-each loop";
      case WHILE_LOOP -> "a while loop";
      case DO_WHILE_LOOP -> "a do-while loop";
      case IF -> "an if statement";
      case TRY -> "a try statement";
      case SWITCH -> "a switch statement";
      case SYNCHRONIZED -> "a synchronized block";
      case THROW -> "a throw statement";
      case BLOCK -> "a nested block";
      case LABELED_STATEMENT -> "a labelled statement";
      case CLASS, RECORD, ENUM, INTERFACE -> "a local type declaration";
      case BREAK, CONTINUE -> "break/continue";
      case EMPTY_STATEMENT -> "an empty statement (';')";
      case ASSERT -> "an assert statement";
      case EXPRESSION_STATEMENT -> expression(((ExpressionStatementTree) tree).getExpression());
      default -> "a " + tree.getKind().name().toLowerCase().replace('_', ' ');
    };
  }

  /** A call chain with its arguments left out: {@code lines.stream().map(…).toList()}. */
  static String chain(ExpressionTree tree) {
    if (tree instanceof MethodInvocationTree call) {
      return chain(call.getMethodSelect()) + (call.getArguments().isEmpty() ? "()" : "(…)");
    }
    if (tree instanceof MemberSelectTree select) {
      return chain(select.getExpression()) + "." + select.getIdentifier();
    }
    if (tree instanceof ParenthesizedTree parenthesized) {
      return "(" + chain(parenthesized.getExpression()) + ")";
    }
    return oneLine(tree.toString());
  }

  /** Source text on one line: a message quoting a multi-line construct (a switch expression) stays one line. */
  static String oneLine(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  static String expression(Tree tree) {
    String text = oneLine(tree.toString());
    String shown = text.length() > 40 ? text.substring(0, 37) + "..." : text;
    String kind = switch (tree.getKind()) {
      case PLUS, MINUS, MULTIPLY, DIVIDE, REMAINDER, LEFT_SHIFT, RIGHT_SHIFT, UNSIGNED_RIGHT_SHIFT, AND, OR, XOR ->
          "arithmetic";
      case LESS_THAN, GREATER_THAN, LESS_THAN_EQUAL, GREATER_THAN_EQUAL, EQUAL_TO, NOT_EQUAL_TO -> "a comparison";
      case CONDITIONAL_AND, CONDITIONAL_OR, LOGICAL_COMPLEMENT -> "a boolean expression";
      case CONDITIONAL_EXPRESSION -> "a conditional expression (?:)";
      case LAMBDA_EXPRESSION -> "a lambda";
      case MEMBER_REFERENCE -> "a method reference";
      case NEW_CLASS -> "object creation (new …)";
      case NEW_ARRAY -> "an array";
      case ARRAY_ACCESS -> "array access";
      case TYPE_CAST -> "a cast";
      case ASSIGNMENT, PLUS_ASSIGNMENT, MINUS_ASSIGNMENT, MULTIPLY_ASSIGNMENT, DIVIDE_ASSIGNMENT -> "an assignment";
      case PREFIX_INCREMENT, POSTFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_DECREMENT -> "an increment";
      case MEMBER_SELECT -> "field access";
      case INSTANCE_OF -> "instanceof";
      case NULL_LITERAL -> "null";
      case CHAR_LITERAL -> "a char literal";
      case SWITCH_EXPRESSION -> "a switch expression";
      case METHOD_INVOCATION -> "this method call";
      default -> "the expression";
    };
    return kind + " '" + shown + "'";
  }
}
