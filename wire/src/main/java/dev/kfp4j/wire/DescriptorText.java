package dev.kfp4j.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The text form kfp4j's descriptor files share: a comment line naming what the file is, {@code format=1}, then one
 * {@code key=value} per line in a fixed order (a key may repeat, e.g. {@code input}).
 */
final class DescriptorText {

  private DescriptorText() {}

  /** The text of a descriptor of {@code what} ("component descriptor") with {@code fields} in order. */
  static String write(String what, List<Map.Entry<String, String>> fields) {
    StringBuilder text = new StringBuilder("# kfp4j ").append(what).append(", written by the kfp4j processor\n");
    text.append("format=1\n");
    for (Map.Entry<String, String> field : fields) {
      text.append(field.getKey()).append('=').append(field.getValue()).append('\n');
    }
    return text.toString();
  }

  /**
   * The fields of a descriptor, in order, without {@code format}; empty if {@code text} is not a descriptor of the
   * format this version reads (a line without '=', or no {@code format=1}).
   */
  static Optional<List<Map.Entry<String, String>>> read(String text) {
    List<Map.Entry<String, String>> fields = new ArrayList<>();
    boolean formatOk = false;
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        return Optional.empty();
      }
      String key = line.substring(0, eq);
      String value = line.substring(eq + 1).trim();
      if (key.equals("format")) {
        formatOk = value.equals("1");
      } else {
        fields.add(Map.entry(key, value));
      }
    }
    return formatOk ? Optional.of(fields) : Optional.empty();
  }
}
