package dev.kfp4j.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    List<Map.Entry<String, String>> fields = new ArrayList<>();
    fields.add(Map.entry("name", name));
    fields.add(Map.entry("method", method));
    inputs.forEach(input -> fields.add(Map.entry("input", input)));
    return DescriptorText.write("component descriptor", fields);
  }

  /** Parses a descriptor; empty if it is not one this version understands. */
  public static Optional<ComponentDescriptorFile> read(String text) {
    return DescriptorText.read(text).flatMap(fields -> {
      String name = null;
      String method = "";
      List<String> inputs = new ArrayList<>();
      for (Map.Entry<String, String> field : fields) {
        switch (field.getKey()) {
          case "name" -> name = field.getValue();
          case "method" -> method = field.getValue();
          case "input" -> inputs.add(field.getValue());
          default -> { } // fields added by later versions are not needed here
        }
      }
      return name != null ? Optional.of(new ComponentDescriptorFile(name, method, inputs)) : Optional.empty();
    });
  }
}
