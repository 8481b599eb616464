package dev.kfp4j.processor.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The small text file the processor writes for each component under
 * {@code META-INF/kfp4j/components/<class>.<method>.component}, so that a pipeline compiled later
 * against a library jar still knows the component's name and parameter names (class files keep
 * parameter names only with {@code -parameters}).
 */
public final class ComponentDescriptorFile {

  /** Folder of the descriptor files in a jar or class output. */
  public static final String FOLDER = "META-INF/kfp4j/components/";

  private ComponentDescriptorFile() {}

  /** Resource path of a component's descriptor. */
  public static String path(String ownerCanonicalName, String methodName) {
    return FOLDER + ownerCanonicalName + "." + methodName + ".component";
  }

  /** The descriptor text: one {@code key=value} per line, fixed order. */
  public static String write(ComponentModel component) {
    StringBuilder text = new StringBuilder("# kfp4j component descriptor, written by the kfp4j processor\n");
    text.append("format=1\n");
    text.append("name=").append(component.name()).append('\n');
    text.append("method=").append(component.methodName()).append('\n');
    for (Port input : component.inputs()) {
      text.append("input=").append(input.name()).append('\n');
    }
    return text.toString();
  }

  /** What a pipeline needs back from a descriptor. */
  public record Read(String name, List<String> inputs) {}

  /** Parses a descriptor; empty if it is not one this version understands. */
  public static Optional<Read> read(String text) {
    String name = null;
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
        case "input" -> inputs.add(value);
        default -> { } // fields added by later versions are not needed here
      }
    }
    return formatOk && name != null ? Optional.of(new Read(name, inputs)) : Optional.empty();
  }
}
