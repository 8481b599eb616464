package dev.kfp4j.wire;

import java.util.Locale;

/**
 * The name a {@code @Component} or {@code @Pipeline} gets when its {@code name} is empty: the method
 * name in kebab-case ({@code addAll} → {@code add-all}, {@code computeHTTPStats} →
 * {@code compute-http-stats}, {@code my_step} → {@code my-step}). The processor and the runners share
 * this one rule, so a pipeline found by its method has the name its specs were written under.
 */
public final class DefaultNames {

  private DefaultNames() {}

  /** The default name for a method called {@code javaName}. */
  public static String of(String javaName) {
    StringBuilder out = new StringBuilder();
    char[] chars = javaName.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      char c = chars[i];
      if (c == '_' || c == '$') {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '-') {
          out.append('-');
        }
        continue;
      }
      boolean boundary = Character.isUpperCase(c) && i > 0
          && (Character.isLowerCase(chars[i - 1]) || Character.isDigit(chars[i - 1])
              || (i + 1 < chars.length && Character.isLowerCase(chars[i + 1]) && Character.isUpperCase(chars[i - 1])));
      if (boundary && out.length() > 0 && out.charAt(out.length() - 1) != '-') {
        out.append('-');
      }
      out.append(Character.toLowerCase(c));
    }
    int start = 0;
    int end = out.length();
    while (start < end && out.charAt(start) == '-') {
      start++;
    }
    while (end > start && out.charAt(end - 1) == '-') {
      end--;
    }
    return out.substring(start, end).toLowerCase(Locale.ROOT);
  }
}
