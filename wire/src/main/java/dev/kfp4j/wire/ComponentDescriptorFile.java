package dev.kfp4j.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The small text file the processor writes for each component at {@link ResourceLayout#descriptor}, so that a
 * pipeline compiled later against a library jar still knows the component's name and parameter names (class
 * files keep parameter names only with {@code -parameters}), and {@code kfp4j list} can show it:
 *
 * <pre>
 * # kfp4j component descriptor, written by the kfp4j processor
 * format=1
 * name=add
 * method=add
 * input=numbers
 * </pre>
 *
 * @param name the component name
 * @param method the Java method name
 * @param inputs the parameter names, in order
 */
public record ComponentDescriptorFile(String name, String method, List<String> inputs) {

  public ComponentDescriptorFile {
    inputs = List.copyOf(inputs);
  }

  /** The descriptor text: one {@code key=value} per line, fixed order. */
  public String write() {
    StringBuilder text = new StringBuilder("# kfp4j component descriptor, written by the kfp4j processor\n");
    text.append("format=1\n");
    text.append("name=").append(name).append('\n');
    text.append("method=").append(method).append('\n');
    for (String input : inputs) {
      text.append("input=").append(input).append('\n');
    }
    return text.toString();
  }

  /** Parses a descriptor; empty if it is not one this version understands. */
  public static Optional<ComponentDescriptorFile> read(String text) {
    String name = null;
    String method = "";
    List<String> inputs = new ArrayList<>();
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
      switch (key) {
        case "format" -> formatOk = value.equals("1");
        case "name" -> name = value;
        case "method" -> method = value;
        case "input" -> inputs.add(value);
        default -> { } // fields added by later versions are not needed here
      }
    }
    return formatOk && name != null ? Optional.of(new ComponentDescriptorFile(name, method, inputs)) : Optional.empty();
  }
}
