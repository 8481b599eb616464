package dev.kfp4j.e2e.standin;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * TEST STAND-IN for the evaluation of a DAG task's {@code when} in Argo (govaluate, as
 * {@code workflow/controller/dag.go}'s shouldExecute calls it after substitution): numbers, {@code true} /
 * {@code false}, strings in single or double quotes (a string ends at the next quote of either kind; a backslash
 * takes the next character as it is), {@code == != < <= > >=}, {@code !}, {@code &&}, {@code ||} and parentheses.
 * Anything else is refused, as govaluate refuses what it cannot parse. Not emulated: govaluate reading a string
 * that looks like a date as a time.
 */
final class ArgoWhen {

  private final List<Object> tokens = new ArrayList<>();
  private int at;

  private ArgoWhen(String text) {
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'' || c == '"') {
        StringBuilder value = new StringBuilder();
        i++;
        while (i < text.length() && text.charAt(i) != '\'' && text.charAt(i) != '"') {
          if (text.charAt(i) == '\\' && i + 1 < text.length()) {
            i++;
          }
          value.append(text.charAt(i++));
        }
        if (i >= text.length()) {
          throw new IllegalStateException("when '" + text + "': unclosed string");
        }
        i++;
        tokens.add(new Text(value.toString()));
      } else if (Character.isDigit(c) || c == '.') {
        int start = i;
        while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
          i++;
        }
        tokens.add(new BigDecimal(text.substring(start, i)));
      } else if (text.startsWith("true", i) || text.startsWith("false", i)) {
        boolean value = text.startsWith("true", i);
        tokens.add(value);
        i += value ? 4 : 5;
      } else {
        String operator = null;
        for (String candidate : List.of("==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "(", ")", "-")) {
          if (text.startsWith(candidate, i)) {
            operator = candidate;
            break;
          }
        }
        if (operator == null) {
          throw new IllegalStateException("when '" + text + "': govaluate cannot read '" + text.substring(i) + "'");
        }
        tokens.add(new Operator(operator));
        i += operator.length();
      }
    }
  }

  private record Text(String value) {}

  private record Operator(String symbol) {}

  /** Whether {@code when} holds. */
  static boolean holds(String when) {
    ArgoWhen parser = new ArgoWhen(when);
    Object value = parser.or();
    if (parser.at != parser.tokens.size() || !(value instanceof Boolean result)) {
      throw new IllegalStateException("when '" + when + "' is not a boolean expression");
    }
    return result;
  }

  private boolean take(String symbol) {
    if (at < tokens.size() && tokens.get(at) instanceof Operator operator && operator.symbol().equals(symbol)) {
      at++;
      return true;
    }
    return false;
  }

  private Object or() {
    Object left = and();
    while (take("||")) {
      Object right = and();
      left = (Boolean) left || (Boolean) right;
    }
    return left;
  }

  private Object and() {
    Object left = comparison();
    while (take("&&")) {
      Object right = comparison();
      left = (Boolean) left && (Boolean) right;
    }
    return left;
  }

  private Object comparison() {
    Object left = unary();
    for (String operator : List.of("==", "!=", "<=", ">=", "<", ">")) {
      if (take(operator)) {
        Object right = unary();
        if (operator.equals("==") || operator.equals("!=")) {
          boolean equal = left instanceof BigDecimal a && right instanceof BigDecimal b ? a.compareTo(b) == 0
              : left.equals(right);
          return operator.equals("==") == equal;
        }
        if (!(left instanceof BigDecimal a) || !(right instanceof BigDecimal b)) {
          throw new IllegalStateException("'" + operator + "' on " + left + " and " + right);
        }
        int order = a.compareTo(b);
        return switch (operator) {
          case "<" -> order < 0;
          case "<=" -> order <= 0;
          case ">" -> order > 0;
          default -> order >= 0;
        };
      }
    }
    return left;
  }

  private Object unary() {
    if (take("!")) {
      return !(Boolean) unary();
    }
    if (take("-")) {
      return ((BigDecimal) unary()).negate();
    }
    if (take("(")) {
      Object inner = or();
      if (!take(")")) {
        throw new IllegalStateException("unbalanced parentheses");
      }
      return inner;
    }
    if (at >= tokens.size()) {
      throw new IllegalStateException("the expression ends early");
    }
    Object token = tokens.get(at++);
    if (token instanceof Operator operator) {
      throw new IllegalStateException("unexpected '" + operator.symbol() + "'");
    }
    return token;
  }
}
