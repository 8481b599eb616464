package dev.kfp4j.wire;

/** JSON text for the few values kfp4j writes without a JSON library (the processor has none, by design). */
public final class Json {

  private Json() {}

  /** The JSON string literal of {@code text}. */
  public static String string(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (needsEscape(text, i)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /**
   * Control characters, and what YAML would not keep as written inside a double-quoted scalar: its
   * line breaks (NEL, LS, PS, which a YAML parser folds into a space), characters outside its
   * printable set (C1 controls, BOM, U+FFFE/U+FFFF) and unpaired surrogates.
   */
  private static boolean needsEscape(String text, int i) {
    char c = text.charAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || c == '\ufeff' || c >= '\ufffe') {
      return true;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
    }
    return false;
  }
}
