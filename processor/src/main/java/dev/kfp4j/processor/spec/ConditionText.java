package dev.kfp4j.processor.spec;

import dev.kfp4j.processor.model.Channels;
import dev.kfp4j.wire.Json;
import dev.kfp4j.processor.model.Predicate;
import dev.kfp4j.processor.model.Source;
import java.math.BigDecimal;
import java.util.Map;
import java.util.function.Function;

/**
 * A condition in each engine's language. KFP: CEL over the condition task's inputs, as KFP's compiler writes it
 * ({@code int(inputs.parameter_values['pipelinechannel--n']) > 5}). Argo: a {@code when} expression (govaluate),
 * whose run values are literals written by the chain's operands step and whose constants are literals escaped
 * here, so a value holding quotes, backslashes or braces stays one string.
 */
final class ConditionText {

  private ConditionText() {}

  /** The CEL text of {@code predicate}; {@code itemInputs} gives each loop's item input name. */
  static String cel(Predicate predicate, Map<String, String> itemInputs) {
    return render(predicate, (operand, kind) -> celOperand(operand, kind, itemInputs));
  }

  /** The {@code when} text of {@code predicate}; {@code runValue} gives the Argo expression of a run value operand. */
  static String when(Predicate predicate, Function<Source, String> runValue) {
    return render(predicate, (operand, kind) -> operand.source() instanceof Source.Constant constant
        ? literal(constant.json(), operand.kind()) : runValue.apply(operand.source()));
  }

  private interface Operands {
    String of(Predicate.Operand operand, Predicate.Kind comparedAs);
  }

  private static String render(Predicate predicate, Operands operands) {
    if (predicate instanceof Predicate.Compare compare) {
      return operands.of(compare.left(), compare.kind()) + " " + compare.operator() + " "
          + operands.of(compare.right(), compare.kind());
    }
    if (predicate instanceof Predicate.Not not) {
      return "!(" + render(not.operand(), operands) + ")";
    }
    Predicate.Junction junction = (Predicate.Junction) predicate;
    String operator = junction.and() ? " && " : " || ";
    return side(junction.left(), junction, operands) + operator + side(junction.right(), junction, operands);
  }

  /** One side of {@code && / ||}, in parentheses when it is a junction of the other kind. */
  private static String side(Predicate side, Predicate.Junction parent, Operands operands) {
    String text = render(side, operands);
    return side instanceof Predicate.Junction inner && inner.and() != parent.and() ? "(" + text + ")" : text;
  }

  private static String celOperand(Predicate.Operand operand, Predicate.Kind comparedAs, Map<String, String> itemInputs) {
    String text;
    if (operand.source() instanceof Source.Constant constant) {
      text = operand.kind() == Predicate.Kind.STRING ? celString(Json.unquote(constant.json())) : constant.json();
    } else {
      StringBuilder value = new StringBuilder("inputs.parameter_values[")
          .append(celString(Channels.of(operand.source(), itemInputs))).append(']');
      if (operand.source() instanceof Source.LoopItem item) {
        item.fields().forEach(field -> value.append('[').append(celString(field)).append(']'));
      }
      // Every number travels as a protobuf double: KFP's compiler reads an integer back with int(…).
      text = operand.kind() == Predicate.Kind.INTEGER ? "int(" + value + ")" : value.toString();
    }
    return operand.kind() == Predicate.Kind.INTEGER && comparedAs == Predicate.Kind.DOUBLE ? "double(" + text + ")" : text;
  }

  /** A CEL string literal: single quotes, as KFP's compiler writes them, with quotes and backslashes escaped. */
  private static String celString(String text) {
    StringBuilder out = new StringBuilder("'");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\'' -> out.append("\\'");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
    return out.append('\'').toString();
  }

  /**
   * A govaluate literal of the JSON value {@code json}: a number in plain notation, {@code true}/{@code false}, or a
   * double-quoted string in which every quote, backslash and brace is escaped with a backslash (govaluate ends a
   * string at either quote; Argo reads two braces as a template tag).
   */
  static String literal(String json, Predicate.Kind kind) {
    return switch (kind) {
      case STRING -> governString(Json.unquote(json));
      case BOOLEAN -> json;
      case INTEGER, DOUBLE -> new BigDecimal(json).toPlainString();
    };
  }

  private static String governString(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'' || c == '\\' || c == '{' || c == '}') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append('"').toString();
  }
}
