package dev.kfp4j.processor.validation;

import dev.kfp4j.processor.diagnostic.Diagnostics;
import dev.kfp4j.processor.diagnostic.Message;
import java.text.Normalizer;
import java.util.regex.Pattern;
import javax.lang.model.element.Element;

/**
 * Names that become value names: pipeline and component parameters, record outputs. They end up in
 * storage addresses ({@code <root>/inputs/<name>.json}), in the context and in both specs' keys, so
 * they are limited to what each of those takes unchanged: ASCII letters, digits and '_'.
 */
public final class ValueNames {

  private static final Pattern VALID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private ValueNames() {}

  /** Reports {@link Message#INVALID_VALUE_NAME} on {@code element} if its own name cannot name a value. */
  public static void check(Element element, String what, String owner, Diagnostics diagnostics) {
    check(element, element.getSimpleName().toString(), what, owner, diagnostics);
  }

  /** Reports {@link Message#INVALID_VALUE_NAME} on {@code at} if {@code name} cannot name a value. */
  public static void check(Element at, String name, String what, String owner, Diagnostics diagnostics) {
    if (!VALID.matcher(name).matches()) {
      diagnostics.error(at, Message.INVALID_VALUE_NAME, what, name, owner, suggest(name));
    }
  }

  /** {@code größe} → {@code grosse}: ASCII: accents dropped, ß as ss, anything else as '_'. */
  static String suggest(String name) {
    String ascii = Normalizer.normalize(name.replace("ß", "ss"), Normalizer.Form.NFD).replaceAll("\\p{M}", "")
        .replaceAll("[^A-Za-z0-9_]", "_");
    return ascii.isEmpty() || Character.isDigit(ascii.charAt(0)) ? "_" + ascii : ascii;
  }
}
