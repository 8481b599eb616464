package dev.kfp4j.processor.spec;

import dev.kfp4j.wire.Json;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A small block-style YAML writer for the specs. Every string value is double-quoted with JSON-style
 * escapes (safe under YAML 1.1 and 1.2: {@code "no"} stays a string, {@code "0777"} stays text), keys
 * are plain only when unambiguous, maps keep their insertion order (callers insert in a fixed
 * order), and lines end in {@code \n}: the same model always gives the same bytes.
 */
public final class Yaml {

  /** JSON text written as is (a constant value in the KFP IR). */
  public record RawJson(String json) {}

  /** Plain scalars YAML 1.1 reads as booleans or null (compared in lower case). */
  private static final Set<String> AMBIGUOUS = Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null", "~");

  private Yaml() {}

  /** The YAML document for {@code root} (a map), with an optional leading comment. */
  public static String write(String comment, Map<String, ?> root) {
    StringBuilder out = new StringBuilder();
    if (comment != null) {
      for (String line : comment.split("\n", -1)) {
        out.append("# ").append(line).append('\n');
      }
    }
    map(out, root, 0);
    return out.toString();
  }

  private static void map(StringBuilder out, Map<String, ?> map, int indent) {
    for (Map.Entry<String, ?> entry : map.entrySet()) {
      out.append(" ".repeat(indent)).append(key(entry.getKey())).append(':');
      value(out, entry.getValue(), indent);
    }
  }

  private static void value(StringBuilder out, Object value, int indent) {
    if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.append(" {}\n");
      } else {
        out.append('\n');
        @SuppressWarnings("unchecked")
        Map<String, ?> typed = (Map<String, ?>) map;
        map(out, typed, indent + 2);
      }
    } else if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        out.append(" []\n");
      } else {
        out.append('\n');
        list(out, list, indent);
      }
    } else {
      out.append(' ').append(scalar(value)).append('\n');
    }
  }

  private static void list(StringBuilder out, List<?> list, int indent) {
    for (Object item : list) {
      out.append(" ".repeat(indent)).append("- ");
      if (item instanceof Map<?, ?> map && !map.isEmpty()) {
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          if (!first) {
            out.append(" ".repeat(indent + 2));
          }
          first = false;
          out.append(key((String) entry.getKey())).append(':');
          value(out, entry.getValue(), indent + 2);
        }
      } else if (item instanceof List<?> inner && !inner.isEmpty()) {
        throw new IllegalArgumentException("nested lists are not used in specs");
      } else {
        String rendered = item instanceof Map<?, ?> ? "{}" : item instanceof List<?> ? "[]" : scalar(item);
        out.append(rendered).append('\n');
      }
    }
  }

  private static String key(String key) {
    return isPlain(key) && !AMBIGUOUS.contains(key.toLowerCase(Locale.ROOT)) ? key : quote(key);
  }

  /** {@code [A-Za-z_][A-Za-z0-9_.-]*}, checked by hand: keys are written by the thousand, a regex showed in profiles. */
  private static boolean isPlain(String key) {
    if (key.isEmpty() || !(isAsciiLetter(key.charAt(0)) || key.charAt(0) == '_')) {
      return false;
    }
    for (int i = 1; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static String scalar(Object value) {
    if (value instanceof RawJson raw) {
      return raw.json();
    }
    if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
      return value.toString();
    }
    if (value instanceof String text) {
      return quote(text);
    }
    throw new IllegalArgumentException("not a spec value: " + value);
  }

  /** A double-quoted YAML scalar with JSON-compatible escapes. */
  public static String quote(String text) {
    return Json.string(text);
  }
}
