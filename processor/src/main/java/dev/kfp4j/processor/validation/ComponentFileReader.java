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
      Map.entry("jsonobject", ParameterKind.STRUCT), Map.entry("dict", ParameterKind.STRUCT),
      // v2 IR parameterType names
      Map.entry("number_integer", ParameterKind.NUMBER_INTEGER), Map.entry("number_double", ParameterKind.NUMBER_DOUBLE),
      Map.entry("struct", ParameterKind.STRUCT));

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
      boolean v2 = !root.containsKey("implementation") && root.containsKey("deploymentSpec");
      Map<?, ?> container;
      Map<String, Declared> inputs;
      Map<String, Declared> outputs;
      String where;
      if (v2) {
        Map<?, ?> components = asMap(root.get("components"), "components");
        if (components.size() != 1) {
          throw new Invalid("it has " + components.size() + " components (" + components.keySet() + "); a component file"
              + " has one, and a pipeline's IR cannot be bound to a method", false);
        }
        Map<?, ?> component = asMap(components.values().iterator().next(), "the component");
        if (component.containsKey("dag")) {
          throw new Invalid("its component is a pipeline (a dag), not a container", false);
        }
        Object label = component.get("executorLabel");
        where = "deploymentSpec.executors." + label + ".container";
        container = asMap(asMap(asMap(root.get("deploymentSpec"), "deploymentSpec").get("executors"),
            "deploymentSpec.executors").get(label), "deploymentSpec.executors." + label).get("container") instanceof Map<?, ?> c
            ? c : null;
        if (container == null) {
          throw new Invalid(where + " is missing (an importer or a resolver is not a container component)", false);
        }
        inputs = declaredV2(component.get("inputDefinitions"), "input");
        outputs = declaredV2(component.get("outputDefinitions"), "output");
      } else {
        where = "implementation.container";
        container = asMap(asMap(root.get("implementation"), "implementation").get("container"), where);
        inputs = declared(root.get("inputs"), "inputs");
        outputs = declared(root.get("outputs"), "outputs");
      }
      Object image = container.get("image");
      if (!(image instanceof String) || ((String) image).isBlank()) {
        throw new Invalid(where + ".image is missing", false);
      }

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
      CommandLine line = new CommandLine(parameters, defaults, outputs, v2, where);
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

  /**
   * A v2 component's {@code inputDefinitions} / {@code outputDefinitions}: {@code parameters} with their
   * {@code parameterType}, {@code isOptional} and {@code defaultValue}; an artifact is not run yet.
   */
  private static Map<String, Declared> declaredV2(Object node, String what) {
    Map<String, Declared> declared = new LinkedHashMap<>();
    if (node == null) {
      return declared;
    }
    Map<?, ?> definitions = asMap(node, what + "Definitions");
    if (definitions.get("artifacts") instanceof Map<?, ?> artifacts && !artifacts.isEmpty()) {
      Map.Entry<?, ?> first = artifacts.entrySet().iterator().next();
      Object type = first.getValue() instanceof Map<?, ?> spec && spec.get("artifactType") instanceof Map<?, ?> t
          ? t.get("schemaTitle") : "artifact";
      throw new Invalid(what + " '" + first.getKey() + "' of type " + type + " (an artifact)", true);
    }
    if (definitions.get("parameters") == null) {
      return declared;
    }
    for (Map.Entry<?, ?> entry : asMap(definitions.get("parameters"), what + "Definitions.parameters").entrySet()) {
      String name = String.valueOf(entry.getKey());
      Map<?, ?> spec = asMap(entry.getValue(), what + " '" + name + "'");
      if (!(spec.get("parameterType") instanceof String type)) {
        throw new Invalid(what + " '" + name + "' has no parameterType", false);
      }
      if ("TASK_FINAL_STATUS".equals(type)) {
        throw new Invalid(what + " '" + name + "' of parameterType TASK_FINAL_STATUS (an exit handler's status)", true);
      }
      if (!PARAMETER_TYPES.containsKey(type.toLowerCase(Locale.ROOT))) {
        throw new Invalid(what + " '" + name + "' has parameterType " + type + ", which is not one of KFP's", false);
      }
      declared.put(name, new Declared(name, type, Boolean.TRUE.equals(spec.get("isOptional")), spec.get("defaultValue")));
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

  /**
   * Expands a command line into plain strings with neutral placeholders: v1's structured placeholders, or
   * v2's KFP placeholders in strings ({@code {{$.inputs.parameters['x']}}},
   * {@code {{$.outputs.parameters['y'].output_file}}}) and its JSON-encoded {@code Concat} / {@code IfPresent}.
   */
  private record CommandLine(Map<String, Declared> parameters, Map<String, Declared> defaults,
      Map<String, Declared> outputs, boolean v2, String where) {

    private static final java.util.regex.Pattern KFP_PLACEHOLDER = java.util.regex.Pattern.compile("\\{\\{\\$[^}]*}}");
    private static final java.util.regex.Pattern KFP_INPUT =
        java.util.regex.Pattern.compile("\\{\\{\\$\\.inputs\\.parameters\\['([^']+)']}}");
    private static final java.util.regex.Pattern KFP_OUTPUT =
        java.util.regex.Pattern.compile("\\{\\{\\$\\.outputs\\.parameters\\['([^']+)']\\.output_file}}");

    List<String> expand(Object node, String what) {
      List<String> expanded = new ArrayList<>();
      if (node == null) {
        return expanded;
      }
      if (!(node instanceof List<?> list)) {
        throw new Invalid(where + "." + what + " is not a list", false);
      }
      for (Object item : list) {
        expanded.addAll(v2 ? itemV2(item) : item(item));
      }
      return expanded;
    }

    /** One v2 command-line string: a JSON {@code Concat}/{@code IfPresent}, or text with KFP placeholders. */
    private List<String> itemV2(Object item) {
      if (item instanceof Map<?, ?> || item instanceof List<?>) {
        return structuredV2(item);
      }
      String text = String.valueOf(item);
      String trimmed = text.trim();
      if (trimmed.startsWith("{\"Concat\"") || trimmed.startsWith("{\"IfPresent\"")) {
        return structuredV2(parse(trimmed));
      }
      java.util.regex.Matcher whole = KFP_INPUT.matcher(text);
      if (whole.matches() && !parameters.containsKey(whole.group(1)) && !defaults.containsKey(whole.group(1))) {
        return List.of(); // an optional input that is not passed drops its argument
      }
      java.util.regex.Matcher matcher = KFP_PLACEHOLDER.matcher(text);
      StringBuilder out = new StringBuilder();
      while (matcher.find()) {
        matcher.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(placeholderV2(matcher.group())));
      }
      matcher.appendTail(out);
      return List.of(out.toString());
    }

    private String placeholderV2(String placeholder) {
      java.util.regex.Matcher input = KFP_INPUT.matcher(placeholder);
      if (input.matches()) {
        String name = input.group(1);
        if (parameters.containsKey(name)) {
          return ContainerSpec.input(name);
        }
        if (defaults.containsKey(name)) {
          return String.valueOf(defaults.get(name).defaultValue());
        }
        throw new Invalid("the optional input '" + name + "' has no default and is part of a longer argument; bind it"
            + " to a parameter", false);
      }
      java.util.regex.Matcher output = KFP_OUTPUT.matcher(placeholder);
      if (output.matches()) {
        if (!outputs.containsKey(output.group(1))) {
          throw new Invalid(placeholder + " names '" + output.group(1) + "', which is not an output", false);
        }
        return ContainerSpec.output(output.group(1));
      }
      throw new Invalid("the placeholder " + placeholder, true);
    }

    /** v2's {@code {"Concat": [...]}} and {@code {"IfPresent": {"InputName", "Then", "Else"}}}. */
    private List<String> structuredV2(Object node) {
      if (node instanceof List<?> list) {
        List<String> all = new ArrayList<>();
        list.forEach(part -> all.addAll(itemV2(part)));
        return all;
      }
      Map<?, ?> map = asMap(node, "a command-line item");
      if (map.size() == 1 && map.get("Concat") instanceof List<?> parts) {
        StringBuilder joined = new StringBuilder();
        for (Object part : parts) {
          itemV2(part).forEach(joined::append);
        }
        return List.of(joined.toString());
      }
      if (map.size() == 1 && map.get("IfPresent") instanceof Map<?, ?> branch) {
        String name = String.valueOf(branch.get("InputName"));
        Object taken = parameters.containsKey(name) || defaults.containsKey(name) ? branch.get("Then") : branch.get("Else");
        return taken == null ? List.of() : structuredV2(taken instanceof List<?> ? taken : List.of(taken));
      }
      throw new Invalid("the placeholder " + map.keySet(), true);
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
