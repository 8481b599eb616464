package dev.kfp4j.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The small text file the processor writes beside a pipeline's specs ({@link ResourceLayout#pipelineDescriptor}):
 * the {@code @Pipeline} method and its parameter names in order. The specs carry KFP's kinds only and list the
 * parameters sorted; with this file a runner finds each parameter's Java type ({@code List<Point>}) by
 * reflection on the method, for messages in the user's terms, also for a parameter no component receives.
 *
 * <pre>
 * # kfp4j pipeline descriptor, written by the kfp4j processor
 * format=1
 * name=calculate-average
 * method=dev.kfp4j.example.avg.Average.average
 * parameter=numbers
 * </pre>
 *
 * @param name the pipeline name
 * @param method the method, qualified by its class's canonical name
 * @param parameters the method's parameter names, in order
 */
public record PipelineDescriptorFile(String name, String method, List<String> parameters) {

  public PipelineDescriptorFile {
    parameters = List.copyOf(parameters);
  }

  /** The canonical name of the method's class ({@code a.b.Outer.Inner}). */
  public String owner() {
    return method.substring(0, Math.max(0, method.lastIndexOf('.')));
  }

  /** The method's simple name. */
  public String methodName() {
    return method.substring(method.lastIndexOf('.') + 1);
  }

  /** The descriptor text: one {@code key=value} per line, fixed order. */
  public String write() {
    List<Map.Entry<String, String>> fields = new ArrayList<>();
    fields.add(Map.entry("name", name));
    fields.add(Map.entry("method", method));
    parameters.forEach(parameter -> fields.add(Map.entry("parameter", parameter)));
    return DescriptorText.write("pipeline descriptor", fields);
  }

  /** Parses a descriptor; empty if it is not one this version understands. */
  public static Optional<PipelineDescriptorFile> read(String text) {
    return DescriptorText.read(text).flatMap(fields -> {
      String name = null;
      String method = null;
      List<String> parameters = new ArrayList<>();
      for (Map.Entry<String, String> field : fields) {
        switch (field.getKey()) {
          case "name" -> name = field.getValue();
          case "method" -> method = field.getValue();
          case "parameter" -> parameters.add(field.getValue());
          default -> { } // fields added by later versions are not needed here
        }
      }
      return name != null && method != null && method.contains(".")
          ? Optional.of(new PipelineDescriptorFile(name, method, parameters)) : Optional.empty();
    });
  }
}
