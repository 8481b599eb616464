package dev.kfp4j.processor.validation;

import dev.kfp4j.annotations.Artifact;
import dev.kfp4j.annotations.ComponentFile;
import dev.kfp4j.processor.diagnostic.Diagnostics;
import dev.kfp4j.processor.diagnostic.Message;
import dev.kfp4j.processor.model.ContainerSpec;
import dev.kfp4j.processor.model.JavaValueType;
import dev.kfp4j.processor.model.Port;
import dev.kfp4j.wire.ParameterKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a KFP component file (v1 {@code component.yaml}, or a v2 IR component) and binds it to a method's
 * signature: parameters to inputs, the return value to the outputs (an artifact to a {@code Path}), and the
 * container's command line to neutral placeholders.
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
  private record Declared(String name, Object type, boolean optional, Object defaultValue, String artifact) {
    /** A parameter. */
    Declared(String name, Object type, boolean optional, Object defaultValue) {
      this(name, type, optional, defaultValue, null);
    }

    Declared asArtifact(String schemaTitle) {
      return new Declared(name, type, optional, null, schemaTitle);
    }

    boolean isArtifact() {
      return artifact != null;
    }

    /** For messages: {@code Integer} or {@code an artifact (system.Dataset)}. */
    String describe() {
      return isArtifact() ? "an artifact (" + artifact + ")" : typeName();
    }

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

  // KFP's artifact types by lower-case v1 type name (kfp.dsl.types.artifact_types); any other type is system.Artifact.
  private static final Map<String, String> ARTIFACT_TYPES = Map.of("model", "system.Model", "dataset", "system.Dataset",
      "metrics", "system.Metrics", "classificationmetrics", "system.ClassificationMetrics",
      "slicedclassificationmetrics", "system.SlicedClassificationMetrics", "html", "system.HTML",
      "markdown", "system.Markdown", "artifact", "system.Artifact");

  /** A problem in the file's content. */
  static final class Invalid extends RuntimeException {
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
        v1Artifacts(container, inputs, outputs);
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
      Set<String> bound = new LinkedHashSet<>(ContainerStepReader.names(stepInputs));
      Map<String, Object> defaults = new LinkedHashMap<>();
      inputs.values().stream().filter(d -> !bound.contains(d.name()) && d.defaultValue() != null)
          .forEach(d -> defaults.put(d.name(), d.defaultValue()));
      ComponentCommandLine line = new ComponentCommandLine(bound, defaults, outputs.keySet(), v2, where);
      ContainerSpec spec = new ContainerSpec((String) image, line.expand(container.get("command"), "command"),
          line.expand(container.get("args"), "args"), ContainerSpec.Protocol.PLAIN, path);
      for (Port output : stepOutputs) {
        if (!ContainerStepReader.used(spec, "outputs").contains(output.name())) {
          throw new Invalid("output '" + output.name() + "' has no " + (v2 ? "output placeholder" : "outputPath or outputUri")
              + " in the command line", false);
        }
      }
      return Optional.of(new ContainerStepReader.Step(spec, stepInputs, stepOutputs));
    } catch (Invalid e) {
      diagnostics.error(method, mirror, at, e.unsupported ? Message.COMPONENT_FILE_UNSUPPORTED : Message.COMPONENT_FILE_INVALID,
          path, methodName, e.getMessage());
      return Optional.empty();
    }
  }

  static Object parse(String text) {
    try {
      return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (YAMLException e) {
      throw new Invalid("it is not valid YAML (" + e.getMessage().lines().findFirst().orElse("") + ")", false);
    }
  }

  static Map<?, ?> asMap(Object node, String what) {
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
   * Marks v1 artifacts, as KFP's SDK reads a v1 file: an input passed by {@code inputPath} or {@code inputUri}, an
   * output written by {@code outputUri} or whose type is not a parameter type; typed by their v1 type name
   * ({@code Model} is {@code system.Model}, an unknown type such as {@code GCSPath} is {@code system.Artifact}).
   */
  private static void v1Artifacts(Map<?, ?> container, Map<String, Declared> inputs, Map<String, Declared> outputs) {
    Map<String, String> inputUses = new LinkedHashMap<>();
    Set<String> outputUris = new LinkedHashSet<>();
    for (String part : List.of("command", "args")) {
      ComponentCommandLine.v1Uses(container.get(part), (placeholder, name) -> {
        if (placeholder.startsWith("input")) {
          String asFile = ComponentCommandLine.V1_INPUT_FILES.contains(placeholder) ? "file" : "value";
          String before = inputUses.put(name, asFile);
          if (before != null && !before.equals(asFile)) {
            throw new Invalid("input '" + name + "' is passed both as a value (inputValue) and as a file (inputPath or"
                + " inputUri)", false);
          }
        } else if (placeholder.equals("outputUri")) {
          outputUris.add(name);
        }
      });
    }
    inputUses.forEach((name, use) -> {
      if (use.equals("file") && inputs.containsKey(name)) {
        inputs.put(name, inputs.get(name).asArtifact(artifactType(inputs.get(name))));
      }
    });
    outputs.replaceAll((name, output) -> outputUris.contains(name) || !output.isParameterType()
        ? output.asArtifact(artifactType(output)) : output);
  }

  private static String artifactType(Declared declared) {
    if (declared.type() == null) {
      return "system.Artifact";
    }
    String name = declared.typeName();
    return name.startsWith("system.") ? name
        : ARTIFACT_TYPES.getOrDefault(name.toLowerCase(Locale.ROOT), "system.Artifact");
  }

  /**
   * A v2 component's {@code inputDefinitions} / {@code outputDefinitions}: {@code parameters} with their
   * {@code parameterType}, {@code isOptional} and {@code defaultValue}, and {@code artifacts} with their
   * {@code artifactType.schemaTitle} and {@code isOptional}.
   */
  private static Map<String, Declared> declaredV2(Object node, String what) {
    Map<String, Declared> declared = new LinkedHashMap<>();
    if (node == null) {
      return declared;
    }
    Map<?, ?> definitions = asMap(node, what + "Definitions");
    if (definitions.get("artifacts") != null) {
      for (Map.Entry<?, ?> entry : asMap(definitions.get("artifacts"), what + "Definitions.artifacts").entrySet()) {
        String name = String.valueOf(entry.getKey());
        Map<?, ?> spec = asMap(entry.getValue(), what + " artifact '" + name + "'");
        if (!(spec.get("artifactType") instanceof Map<?, ?> type) || !(type.get("schemaTitle") instanceof String title)) {
          throw new Invalid(what + " artifact '" + name + "' has no artifactType.schemaTitle", false);
        }
        if (Boolean.TRUE.equals(spec.get("isArtifactList"))) {
          throw new Invalid(what + " artifact '" + name + "', a list of artifacts (isArtifactList)", true);
        }
        declared.put(name, new Declared(name, title, Boolean.TRUE.equals(spec.get("isOptional")), null, title));
      }
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
      if (input.get().isArtifact() || parameter.type().isArtifact()) {
        artifact(element, method, path, "parameter '" + parameter.name() + "'", input.get(), parameter)
            .ifPresent(bound::add);
        continue;
      }
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
            input.isArtifact() ? pathType(input.artifact()) : javaType(input.kind()));
      }
    }
    return bound;
  }

  private List<Port> bindOutputs(ExecutableElement method, String path, Map<String, Declared> outputs,
      List<Port> javaOutputs, boolean recordOutputs) {
    String methodName = method.getSimpleName().toString();
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
    if (output.isArtifact() || java.type().isArtifact()) {
      return artifact(method, method, path, "output '" + output.name() + "'", output, java);
    }
    if (output.kind() != java.type().kind()) {
      diagnostics.error(method, Message.COMPONENT_FILE_TYPE_MISMATCH, "output '" + output.name() + "'",
          method.getSimpleName(), java.type().display(), path, output.typeName(), javaType(output.kind()));
      return Optional.empty();
    }
    return Optional.of(new Port(output.name(), java.type()));
  }

  /**
   * Binds a Java value to a file's input or output when either is an artifact: both must be, and an
   * {@code @Artifact} type on the Java side must be the file's (plain {@code @Artifact} takes any). The port
   * carries the file's schema title, which the specs write as the file says.
   */
  private Optional<Port> artifact(javax.lang.model.element.Element at, ExecutableElement method, String path,
      String subject, Declared declared, Port java) {
    String methodName = method.getSimpleName().toString();
    JavaValueType type = java.type();
    if (!declared.isArtifact()) {
      diagnostics.error(at, Message.COMPONENT_FILE_ARTIFACT_MISMATCH, subject, methodName,
          "a " + type.display() + " (an artifact)", path, "as a value of type " + declared.typeName(),
          (subject.startsWith("output") ? "return " : "declare it as ") + javaType(declared.kind()));
      return Optional.empty();
    }
    if (!type.isArtifact()) {
      diagnostics.error(at, Message.COMPONENT_FILE_ARTIFACT_MISMATCH, subject, methodName, "a " + type.display(), path,
          "as a file, " + declared.describe(), (subject.startsWith("output") ? "return " : "declare it as ")
              + pathType(declared.artifact()));
      return Optional.empty();
    }
    if (!type.artifactType().equals(Artifact.Type.ARTIFACT.schemaTitle()) && !type.artifactType().equals(declared.artifact())) {
      diagnostics.error(at, Message.COMPONENT_FILE_ARTIFACT_TYPE, subject, methodName, annotationType(type.artifactType()),
          type.artifactType(), path, declared.artifact(), annotationType(declared.artifact()));
      return Optional.empty();
    }
    return Optional.of(new Port(declared.name(),
        new JavaValueType(type.typeName(), type.display(), type.kind(), declared.artifact())));
  }

  /** {@code @Artifact(DATASET) Path} for {@code system.Dataset}; plain {@code @Artifact Path} for a type without a constant. */
  private static String pathType(String schemaTitle) {
    String type = annotationType(schemaTitle);
    return "a java.nio.file.Path" + (type.equals("ARTIFACT") ? "" : " annotated @Artifact(" + type + ")");
  }

  private static String annotationType(String schemaTitle) {
    for (Artifact.Type type : Artifact.Type.values()) {
      if (type.schemaTitle().equals(schemaTitle)) {
        return type.name();
      }
    }
    return Artifact.Type.ARTIFACT.name();
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
}
