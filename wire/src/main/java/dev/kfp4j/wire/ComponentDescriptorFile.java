package dev.kfp4j.wire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The small text file the processor writes for each component at {@link ResourceLayout#descriptor}, so that a
 * pipeline compiled later against a library jar still knows the component's name and parameter names (class
 * files keep parameter names only with {@code -parameters}), {@code kfp4j list} can show it, and the shared
 * entrypoint ({@link ComponentAddress#SHARED_ENTRYPOINT}) can run it without a generated class:
 *
 * <pre>
 * # kfp4j component descriptor, written by the kfp4j processor
 * format=1
 * name=train
 * method=train
 * input=data
 * input=rate
 * output=model
 * output=accuracy
 * artifact=system.Dataset data
 * artifact=system.Model model
 * </pre>
 *
 * <p>{@code output} and {@code artifact} lines came later than the others: a descriptor without them was
 * written by an older processor, which readers that need outputs detect (a method that returns something
 * but has no {@code output} line).
 *
 * @param name the component name
 * @param method the Java method name
 * @param inputs the parameter names, in order
 * @param outputs the output names, in order: none for {@code void}, {@code Output} for one value, one per
 *     record component when a record's components are the outputs
 * @param artifacts the inputs and outputs that are artifacts (files), each with its KFP schema title
 *     ({@code system.Model}), in port order (inputs, then outputs)
 */
public record ComponentDescriptorFile(String name, String method, List<String> inputs, List<String> outputs,
    Map<String, String> artifacts) {

  public ComponentDescriptorFile {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    artifacts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(artifacts));
  }

  /** A descriptor of the names only (what readers of older descriptors see). */
  public ComponentDescriptorFile(String name, String method, List<String> inputs) {
    this(name, method, inputs, List.of(), Map.of());
  }

  /** The descriptor text: one {@code key=value} per line, fixed order. */
  public String write() {
    List<Map.Entry<String, String>> fields = new ArrayList<>();
    fields.add(Map.entry("name", name));
    fields.add(Map.entry("method", method));
    for (String input : inputs) {
      fields.add(Map.entry("input", input));
    }
    for (String output : outputs) {
      fields.add(Map.entry("output", output));
    }
    for (Map.Entry<String, String> artifact : artifacts.entrySet()) {
      fields.add(Map.entry("artifact", artifact.getValue() + " " + artifact.getKey()));
    }
    return DescriptorText.write("component descriptor", fields);
  }

  /**
   * Parses a descriptor; empty if it is not one this version understands. Read on every shared-entrypoint
   * step's start-up: no lambda and no string concatenation here (each is an invokedynamic bootstrap).
   */
  public static Optional<ComponentDescriptorFile> read(String text) {
    Optional<List<Map.Entry<String, String>>> read = DescriptorText.read(text);
    if (read.isEmpty()) {
      return Optional.empty();
    }
    String name = null;
    String method = "";
    List<String> inputs = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    Map<String, String> artifacts = new LinkedHashMap<>();
    for (Map.Entry<String, String> field : read.get()) {
      String value = field.getValue();
      switch (field.getKey()) {
        case "name" -> name = value;
        case "method" -> method = value;
        case "input" -> inputs.add(value);
        case "output" -> outputs.add(value);
        case "artifact" -> {
          int space = value.indexOf(' ');
          if (space <= 0 || space == value.length() - 1) {
            return Optional.empty();
          }
          artifacts.put(value.substring(space + 1), value.substring(0, space));
        }
        default -> { } // fields added by later versions are not needed here
      }
    }
    return name != null ? Optional.of(new ComponentDescriptorFile(name, method, inputs, outputs, artifacts))
        : Optional.empty();
  }
}
