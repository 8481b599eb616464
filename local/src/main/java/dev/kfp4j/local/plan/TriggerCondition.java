package dev.kfp4j.local.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A KFP {@code triggerPolicy.condition}: the CEL subset KFP's compiler writes (and kfp4j's), parsed when the spec
 * is planned and evaluated on the task's input values when the task could start. It holds comparisons
 * ({@code == != < <= > >=}) of {@code inputs.parameter_values['name']} (optionally indexed by
 * {@code ['field']}), {@code int(…)}, {@code double(…)} and literals, joined by {@code !}, {@code &&}, {@code ||}
 * and parentheses.
 */
public final class TriggerCondition {

  /** A parsed expression. */
  private interface Node {
    Object eval(Function<String, JsonNode> inputs);
  }

  private final String text;
  private final Node root;
  private final Set<String> inputs = new LinkedHashSet<>();
  private int at;

  private TriggerCondition(String text) {
    this.text = text;
    this.root = or();
    skipSpaces();
    if (at < text.length()) {
      throw error("unexpected '" + text.substring(at) + "'");
    }
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException saying where it stops being the CEL subset the runner evaluates
   */
  public static TriggerCondition parse(String text) {
    return new TriggerCondition(text);
  }

  /** The input names the condition reads. */
  public Set<String> inputs() {
    return inputs;
  }

  /** Whether the condition holds for these input values. */
  public boolean holds(Function<String, JsonNode> values) {
    Object value = root.eval(values);
    if (!(value instanceof Boolean result)) {
      throw new IllegalArgumentException("condition '" + text + "' is not a boolean but " + value);
    }
    return result;
  }

  @Override
  public String toString() {
    return text;
  }

  private Node or() {
    Node left = and();
    while (take("||")) {
      Node l = left;
      Node r = and();
      left = values -> bool(l.eval(values)) || bool(r.eval(values));
    }
    return left;
  }

  private Node and() {
    Node left = comparison();
    while (take("&&")) {
      Node l = left;
      Node r = comparison();
      left = values -> bool(l.eval(values)) && bool(r.eval(values));
    }
    return left;
  }

  private Node comparison() {
    Node left = unary();
    for (String operator : List.of("==", "!=", "<=", ">=", "<", ">")) {
      if (take(operator)) {
        Node right = unary();
        return values -> compare(left.eval(values), operator, right.eval(values));
      }
    }
    return left;
  }

  private Node unary() {
    if (take("!")) {
      Node operand = unary();
      return values -> !bool(operand.eval(values));
    }
    return primary();
  }

  private Node primary() {
    skipSpaces();
    if (take("(")) {
      Node inner = or();
      expect(")");
      return inner;
    }
    for (String cast : List.of("int(", "double(")) {
      if (take(cast)) {
        Node inner = or();
        expect(")");
        boolean integer = cast.startsWith("int");
        return values -> {
          Object value = inner.eval(values);
          BigDecimal number = value instanceof BigDecimal decimal ? decimal
              : value instanceof String string ? new BigDecimal(string.strip()) : null;
          if (number == null) {
            throw new IllegalArgumentException("condition '" + text + "': " + cast + "…) of " + value);
          }
          return integer ? new BigDecimal(number.toBigInteger()) : number;
        };
      }
    }
    if (take("inputs.parameter_values[")) {
      String name = string();
      expect("]");
      inputs.add(name);
      List<String> fields = new ArrayList<>();
      while (take("[")) {
        fields.add(string());
        expect("]");
      }
      return values -> {
        JsonNode value = values.apply(name);
        for (String field : fields) {
          value = value == null ? null : value.get(field);
        }
        if (value == null || value.isNull()) {
          throw new IllegalArgumentException("condition '" + text + "': input '" + name + "'"
              + (fields.isEmpty() ? "" : " " + fields) + " has no value");
        }
        return value.isNumber() ? value.decimalValue() : value.isBoolean() ? (Object) value.booleanValue() : value.asText();
      };
    }
    if (take("true")) {
      return values -> Boolean.TRUE;
    }
    if (take("false")) {
      return values -> Boolean.FALSE;
    }
    skipSpaces();
    if (at < text.length() && (text.charAt(at) == '\'' || text.charAt(at) == '"')) {
      String literal = string();
      return values -> literal;
    }
    int start = at;
    while (at < text.length() && "-+.0123456789eE".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
    if (start == at) {
      throw error("expected a value");
    }
    BigDecimal number;
    try {
      number = new BigDecimal(text.substring(start, at));
    } catch (NumberFormatException e) {
      throw error("'" + text.substring(start, at) + "' is not a number");
    }
    return values -> number;
  }

  /** A quoted string literal, with CEL's backslash escapes. */
  private String string() {
    skipSpaces();
    char quote = at < text.length() ? text.charAt(at) : 0;
    if (quote != '\'' && quote != '"') {
      throw error("expected a quoted string");
    }
    StringBuilder out = new StringBuilder();
    for (at++; at < text.length() && text.charAt(at) != quote; at++) {
      char c = text.charAt(at);
      if (c == '\\' && at + 1 < text.length()) {
        char escaped = text.charAt(++at);
        out.append(switch (escaped) {
          case 'n' -> '\n';
          case 'r' -> '\r';
          case 't' -> '\t';
          default -> escaped;
        });
      } else {
        out.append(c);
      }
    }
    if (at >= text.length()) {
      throw error("unterminated string");
    }
    at++;
    return out.toString();
  }

  private boolean take(String token) {
    skipSpaces();
    if (text.startsWith(token, at)) {
      at += token.length();
      return true;
    }
    return false;
  }

  private void expect(String token) {
    if (!take(token)) {
      throw error("expected '" + token + "'");
    }
  }

  private void skipSpaces() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  private boolean bool(Object value) {
    if (!(value instanceof Boolean result)) {
      throw new IllegalArgumentException("condition '" + text + "': " + value + " is not a boolean");
    }
    return result;
  }

  private Object compare(Object left, String operator, Object right) {
    int order;
    if (left instanceof BigDecimal a && right instanceof BigDecimal b) {
      order = a.compareTo(b);
    } else if (left instanceof String a && right instanceof String b) {
      order = a.compareTo(b);
    } else if (left instanceof Boolean a && right instanceof Boolean b) {
      order = Boolean.compare(a, b);
    } else {
      throw new IllegalArgumentException("condition '" + text + "' compares " + left + " with " + right
          + ", values of different types");
    }
    return switch (operator) {
      case "==" -> order == 0;
      case "!=" -> order != 0;
      case "<" -> order < 0;
      case "<=" -> order <= 0;
      case ">" -> order > 0;
      default -> order >= 0;
    };
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("condition '" + text + "' at " + (at + 1) + ": " + what
        + "; the runner evaluates comparisons of inputs.parameter_values['…'], int(…), double(…) and literals"
        + " joined by !, && and ||");
  }
}
