package dev.kfp4j.processor.validation;

import dev.kfp4j.annotations.ComponentFile;
import dev.kfp4j.processor.diagnostic.Diagnostics;
import dev.kfp4j.processor.diagnostic.Message;
import dev.kfp4j.processor.model.ContainerSpec;
import dev.kfp4j.processor.model.Port;
import dev.kfp4j.wire.ParameterKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a KFP v1 {@code component.yaml} and binds it to a method's signature: parameters to inputs,
 * the return value to the outputs, and the container's command line to neutral placeholders.
 */
final class ComponentFileReader {

  // KFP's parameter types (kfp.components.types), by lower-case name; any other type passed by
  // inputValue is text, and any other output type is an artifact.
  private static final Map<String, ParameterKind> PARAMETER_TYPES = Map.ofEntries(
      Map.entry("integer", ParameterKind.NUMBER_INTEGER), Map.entry("int", ParameterKind.NUMBER_INTEGER),
      Map.entry("float", ParameterKind.NUMBER_DOUBLE), Map.entry("double", ParameterKind.NUMBER_DOUBLE),
      Map.entry("boolean", ParameterKind.BOOLEAN), Map.entry("bool", ParameterKind.BOOLEAN),
      Map.entry("string", ParameterKind.STRING), Map.entry("str", ParameterKind.STRING), Map.entry("text", ParameterKind.STRING),
      Map.entry("jsonarray", ParameterKind.LIST), Map.entry("list", ParameterKind.LIST),
      Map.entry("jsonobject", ParameterKind.STRUCT), Map.entry("dict", ParameterKind.STRUCT));

  private final Diagnostics diagnostics;
  private final ComponentFiles files;

  /** One declared input or output of the file. */
  private record Declared(String name, Object type, boolean optional, Object defaultValue) {
    ParameterKind kind() {
      return type == null ? ParameterKind.STRING : PARAMETER_TYPES.getOrDefault(typeName().toLowerCase(Locale.ROOT), ParameterKind.STRING);
    }

    boolean isParameterType() {
      return type == null || PARAMETER_TYPES.containsKey(typeName().toLowerCase(Locale.ROOT));
    }

    String typeName() {
      return type instanceof Map<?, ?> map && !map.isEmpty() ? String.valueOf(map.keySet().iterator().next())
          : String.valueOf(type);
    }
  }

  /** A problem in the file's content. */
  private static final class Invalid extends RuntimeException {
    private final boolean unsupported;

    Invalid(String message, boolean unsupported) {
      super(message, null, false, false);
      this.unsupported = unsupported;
    }
  }

  ComponentFileReader(Diagnostics diagnostics, ComponentFiles files) {
    this.diagnostics = diagnostics;
    this.files = files;
  }

  Optional<ContainerStepReader.Step> read(ExecutableElement method, ComponentFile annotation, List<Port> javaInputs,
      List<Port> javaOutputs, boolean recordOutputs) {
    String path = annotation.value();
    String methodName = method.getSimpleName().toString();
    AnnotationMirror mirror = ComponentValidator.Annotations.mirror(method, ComponentFile.class);
    AnnotationValue at = ComponentValidator.Annotations.value(mirror, "value");
    Optional<String> text = files.read(path);
    if (text.isEmpty()) {
      diagnostics.error(method, mirror, at, Message.COMPONENT_FILE_NOT_FOUND, path, methodName, path);
      return Optional.empty();
    }
    int before = diagnostics.errorCount();
    try {
      Map<?, ?> root = asMap(parse(text.get()), "the file");
      Map<?, ?> container = asMap(asMap(root.get("implementation"), "implementation").get("container"),
          "implementation.container");
      Object image = container.get("image");
      if (!(image instanceof String) || ((String) image).isBlank()) {
        throw new Invalid("implementation.container.image is missing", false);
      }
      Map<String, Declared> inputs = declared(root.get("inputs"), "inputs");
      Map<String, Declared> outputs = declared(root.get("outputs"), "outputs");

      List<Port> stepInputs = bindInputs(method, path, inputs, javaInputs);
      List<Port> stepOutputs = bindOutputs(method, path, outputs, javaOutputs, recordOutputs);
      if (diagnostics.errorCount() > before) {
        return Optional.empty();
      }
      Map<String, Declared> parameters = new LinkedHashMap<>();
      stepInputs.forEach(port -> parameters.put(port.name(), inputs.get(port.name())));
      Map<String, Declared> defaults = new LinkedHashMap<>();
      inputs.values().stream().filter(d -> !parameters.containsKey(d.name()) && d.defaultValue() != null)
          .forEach(d -> defaults.put(d.name(), d));
      CommandLine line = new CommandLine(parameters, defaults, outputs);
      ContainerSpec spec = new ContainerSpec((String) image, line.expand(container.get("command"), "command"),
          line.expand(container.get("args"), "args"), ContainerSpec.Protocol.PLAIN, path);
      for (Port output : stepOutputs) {
        if (!ContainerStepReader.used(spec, "outputs").contains(output.name())) {
          throw new Invalid("output '" + output.name() + "' has no outputPath placeholder in the command line", false);
        }
      }
      return Optional.of(new ContainerStepReader.Step(spec, stepInputs, stepOutputs));
    } catch (Invalid e) {
      diagnostics.error(method, mirror, at, e.unsupported ? Message.COMPONENT_FILE_UNSUPPORTED : Message.COMPONENT_FILE_INVALID,
          path, methodName, e.getMessage());
      return Optional.empty();
    }
  }

  private static Object parse(String text) {
    try {
      return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (YAMLException e) {
      throw new Invalid("it is not valid YAML (" + e.getMessage().lines().findFirst().orElse("") + ")", false);
    }
  }

  private static Map<?, ?> asMap(Object node, String what) {
    if (!(node instanceof Map<?, ?> map)) {
      throw new Invalid(what + " is " + (node == null ? "missing" : "not a mapping"), false);
    }
    return map;
  }

  private static Map<String, Declared> declared(Object node, String what) {
    Map<String, Declared> declared = new LinkedHashMap<>();
    if (node == null) {
      return declared;
    }
    if (!(node instanceof List<?> list)) {
      throw new Invalid(what + " is not a list", false);
    }
    for (Object item : list) {
      Map<?, ?> entry = asMap(item, "an entry of " + what);
      if (!(entry.get("name") instanceof String name)) {
        throw new Invalid("an entry of " + what + " has no name", false);
      }
      declared.put(name, new Declared(name, entry.get("type"), Boolean.TRUE.equals(entry.get("optional")),
          entry.get("default")));
    }
    return declared;
  }

  /** {@code op-1}, {@code op_1}, {@code Op 1} and {@code op1} all match a parameter {@code op_1} or {@code op1}. */
  static String normalized(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  private List<Port> bindInputs(ExecutableElement method, String path, Map<String, Declared> inputs, List<Port> javaInputs) {
    String methodName = method.getSimpleName().toString();
    List<Port> bound = new ArrayList<>();
    List<String> matched = new ArrayList<>();
    for (int i = 0; i < javaInputs.size(); i++) {
      Port parameter = javaInputs.get(i);
      VariableElement element = method.getParameters().get(i);
      Optional<Declared> input = inputs.values().stream()
          .filter(d -> normalized(d.name()).equals(normalized(parameter.name()))).findFirst();
      if (input.isEmpty()) {
        diagnostics.error(element, Message.COMPONENT_FILE_UNKNOWN_PARAMETER, parameter.name(), methodName, path,
            inputs.isEmpty() ? "none" : String.join(", ", inputs.keySet()));
        continue;
      }
      matched.add(input.get().name());
      if (input.get().kind() != parameter.type().kind()) {
        diagnostics.error(element, Message.COMPONENT_FILE_TYPE_MISMATCH, "parameter '" + parameter.name() + "'", methodName,
            parameter.type().display(), path, input.get().typeName(), javaType(input.get().kind()));
        continue;
      }
      bound.add(new Port(input.get().name(), parameter.type()));
    }
    for (Declared input : inputs.values()) {
      if (!matched.contains(input.name()) && !input.optional() && input.defaultValue() == null) {
        diagnostics.error(method, Message.COMPONENT_FILE_MISSING_INPUT, methodName, input.name(), path,
            javaType(input.kind()));
      }
    }
    return bound;
  }

  private List<Port> bindOutputs(ExecutableElement method, String path, Map<String, Declared> outputs,
      List<Port> javaOutputs, boolean recordOutputs) {
    String methodName = method.getSimpleName().toString();
    for (Declared output : outputs.values()) {
      if (!output.isParameterType()) {
        throw new Invalid("output '" + output.name() + "' of type " + output.typeName() + " (an artifact)", true);
      }
    }
    String returns = javaOutputs.isEmpty() ? "void" : recordOutputs ? "a record with components "
        + String.join(", ", ContainerStepReader.names(javaOutputs)) : javaOutputs.get(0).type().display();
    String has = outputs.isEmpty() ? "no outputs" : "outputs " + String.join(", ", outputs.keySet());
    if (outputs.isEmpty() || javaOutputs.isEmpty()) {
      if (outputs.size() != javaOutputs.size()) {
        diagnostics.error(method, Message.COMPONENT_FILE_OUTPUTS_MISMATCH, methodName, returns, path, has,
            outputs.isEmpty() ? "return void" : "return a value, or a record with one component per output");
      }
      return List.of();
    }
    if (!recordOutputs) {
      if (outputs.size() != 1) {
        diagnostics.error(method, Message.COMPONENT_FILE_OUTPUTS_MISMATCH, methodName, returns, path, has,
            "return a record with one component per output");
        return List.of();
      }
      Declared output = outputs.values().iterator().next();
      return checkedOutput(method, path, output, javaOutputs.get(0)).stream().toList();
    }
    List<Port> bound = new ArrayList<>();
    for (Port component : javaOutputs) {
      Optional<Declared> output = outputs.values().stream()
          .filter(d -> normalized(d.name()).equals(normalized(component.name()))).findFirst();
      if (output.isEmpty() || javaOutputs.size() != outputs.size()) {
        diagnostics.error(method, Message.COMPONENT_FILE_OUTPUTS_MISMATCH, methodName, returns, path, has,
            "return a record with exactly one component per output, named like it");
        return List.of();
      }
      checkedOutput(method, path, output.get(), component).ifPresent(bound::add);
    }
    return bound;
  }

  private Optional<Port> checkedOutput(ExecutableElement method, String path, Declared output, Port java) {
    if (output.kind() != java.type().kind()) {
      diagnostics.error(method, Message.COMPONENT_FILE_TYPE_MISMATCH, "output '" + output.name() + "'",
          method.getSimpleName(), java.type().display(), path, output.typeName(), javaType(output.kind()));
      return Optional.empty();
    }
    return Optional.of(new Port(output.name(), java.type()));
  }

  private static String javaType(ParameterKind kind) {
    return switch (kind) {
      case NUMBER_INTEGER -> "int or long";
      case NUMBER_DOUBLE -> "double or float";
      case BOOLEAN -> "boolean";
      case STRING -> "String";
      case LIST -> "a List<…>";
      case STRUCT -> "a Map<String, …> or a record";
    };
  }

  /** Expands a v1 command line into plain strings with neutral placeholders. */
  private record CommandLine(Map<String, Declared> parameters, Map<String, Declared> defaults,
      Map<String, Declared> outputs) {

    List<String> expand(Object node, String what) {
      List<String> expanded = new ArrayList<>();
      if (node == null) {
        return expanded;
      }
      if (!(node instanceof List<?> list)) {
        throw new Invalid("implementation.container." + what + " is not a list", false);
      }
      for (Object item : list) {
        expanded.addAll(item(item));
      }
      return expanded;
    }

    private List<String> item(Object item) {
      if (item instanceof String || item instanceof Number || item instanceof Boolean) {
        return List.of(String.valueOf(item));
      }
      Map<?, ?> map = asMap(item, "a command-line item");
      if (map.size() != 1) {
        throw new Invalid("command-line item " + map + " is not a single placeholder", false);
      }
      String key = String.valueOf(map.keySet().iterator().next());
      Object value = map.values().iterator().next();
      switch (key) {
        case "inputValue" -> {
          String name = String.valueOf(value);
          if (parameters.containsKey(name)) {
            return List.of(ContainerSpec.input(name));
          }
          if (defaults.containsKey(name)) {
            return List.of(String.valueOf(defaults.get(name).defaultValue()));
          }
          return List.of(); // an optional input that is not passed drops its argument, as in KFP
        }
        case "outputPath" -> {
          if (!outputs.containsKey(String.valueOf(value))) {
            throw new Invalid("outputPath names '" + value + "', which is not an output", false);
          }
          return List.of(ContainerSpec.output(String.valueOf(value)));
        }
        case "concat" -> {
          if (!(value instanceof List<?> parts)) {
            throw new Invalid("concat is not a list", false);
          }
          StringBuilder joined = new StringBuilder();
          for (Object part : parts) {
            item(part).forEach(joined::append);
          }
          return List.of(joined.toString());
        }
        case "if" -> {
          Map<?, ?> branch = asMap(value, "if");
          List<String> chosen = new ArrayList<>();
          Object taken = condition(branch.get("cond")) ? branch.get("then") : branch.get("else");
          if (taken instanceof List<?> items) {
            items.forEach(i -> chosen.addAll(item(i)));
          } else if (taken != null) {
            chosen.addAll(item(taken));
          }
          return chosen;
        }
        default -> throw new Invalid("the placeholder " + key, true);
      }
    }

    private boolean condition(Object cond) {
      if (cond instanceof Boolean b) {
        return b;
      }
      if (cond instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
        return Boolean.parseBoolean(s);
      }
      Map<?, ?> map = asMap(cond, "if.cond");
      if (map.size() == 1 && map.containsKey("isPresent")) {
        String name = String.valueOf(map.get("isPresent"));
        return parameters.containsKey(name) || defaults.containsKey(name);
      }
      throw new Invalid("the condition " + map, true);
    }
  }
}
