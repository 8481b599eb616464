package dev.kfp4j.e2e.standin;

import java.util.Map;

/**
 * TEST STAND-IN for Argo's simple-tag substitution ({@code util/template} and {@code workflow/common/util.go}
 * in argoproj/argo-workflows, read for this): Argo marshals a template (or a DAG task) to JSON, replaces every
 * {@code {{tag}}} in that text with the tag's value escaped as by Go's {@code strconv.Quote} without the outer
 * quotes, keeps unknown tags as they are, and unmarshals the result. So a value is substituted as plain text
 * inside the JSON string it appears in, and text a substitution inserts is not scanned again by that pass.
 */
final class ArgoTemplating {

  private ArgoTemplating() {}

  /**
   * Replaces the tags of {@code json} found in {@code values}; unknown tags stay (Argo's allowUnresolved).
   *
   * @throws IllegalStateException where Argo's template parser fails ({@code {{} without {@code }}}) or for an
   *     expression tag ({@code {{=…}}}), which this stand-in does not evaluate
   */
  static String replace(String json, Map<String, String> values) {
    StringBuilder out = new StringBuilder(json.length());
    int from = 0;
    while (true) {
      int start = json.indexOf("{{", from);
      if (start < 0) {
        return out.append(json, from, json.length()).toString();
      }
      int end = json.indexOf("}}", start + 2);
      if (end < 0) {
        // fasttemplate: "Cannot find end tag" — Argo rejects the whole template.
        throw new IllegalStateException("Argo cannot parse a template with '{{' and no '}}' after it, at: "
            + json.substring(start, Math.min(json.length(), start + 60)));
      }
      out.append(json, from, start);
      String tag = json.substring(start + 2, end);
      if (tag.startsWith("=")) {
        throw new IllegalStateException("expression tag {{" + tag + "}}: the stand-in does not evaluate expressions");
      }
      String value = values.get(tag.trim());
      if (value != null) {
        out.append(quote(value));
      } else {
        int nested = tag.lastIndexOf("{{");
        String nestedValue = nested > 0 ? values.get(tag.substring(nested + 2)) : null;
        if (nestedValue != null) {
          // Argo resolves the innermost tag of "{{a {{b}}" and keeps the rest.
          out.append("{{").append(tag, 0, nested).append(quote(nestedValue));
        } else {
          out.append("{{").append(tag).append("}}");
        }
      }
      from = end + 2;
    }
  }

  /** Go's {@code strconv.Quote(s)} without its outer quotes, for the characters kfp4j's values can hold. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case 0x07 -> out.append("\\a");
        case 0x0b -> out.append("\\v");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            // Go writes \xNN, which is not JSON: Argo then fails with "result was invalid JSON", as we will.
            out.append(String.format("\\x%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
