package dev.kfp4j.local;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.kfp4j.local.plan.Plan;
import dev.kfp4j.local.plan.PlannedTask;
import dev.kfp4j.local.plan.Source;
import dev.kfp4j.runtime.entrypoint.CanonicalNames;
import dev.kfp4j.runtime.entrypoint.ComponentDescriptor;
import dev.kfp4j.runtime.entrypoint.SharedEntrypoint;
import dev.kfp4j.wire.ComponentAddress;
import dev.kfp4j.wire.ParameterKind;
import dev.kfp4j.wire.PipelineDescriptorFile;
import dev.kfp4j.wire.ResourceLayout;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Java types of a pipeline's parameters, so that a parameter error speaks the user's terms
 * ({@code List<String>}, not {@code LIST}); the spec carries only KFP's kinds. Read from the {@code @Pipeline}
 * method itself, found through the pipeline's descriptor ({@link PipelineDescriptorFile}); for specs compiled
 * without one, from the component method each parameter is passed to. A parameter whose type cannot be found
 * either way is described by its kind.
 */
final class ParameterTypes {

  private final Map<String, Type> types;

  private ParameterTypes(Map<String, Type> types) {
    this.types = types;
  }

  /** No Java types known: every parameter is described by its KFP kind. */
  static ParameterTypes none() {
    return new ParameterTypes(Map.of());
  }

  /** The types of {@code plan}'s parameters, from the component methods their tasks call (loaded by {@code loader}). */
  static ParameterTypes of(Plan plan, ClassLoader loader) {
    Map<String, Type> types = new HashMap<>(pipelineMethodTypes(plan.name(), loader));
    for (PlannedTask task : plan.tasks()) {
      task.inputs().forEach((input, binding) -> {
        if (binding instanceof Source.From from && from.producer() == null
            && plan.parameters().containsKey(from.valueName()) && !types.containsKey(from.valueName())) {
          inputType(task.entrypoint(), input, loader).ifPresent(type -> types.put(from.valueName(), type));
        }
      });
    }
    return new ParameterTypes(types);
  }

  /**
   * The generic parameter types of the pipeline's own method, by parameter name in the method's order; empty if it
   * cannot be found.
   */
  static Map<String, Type> pipelineMethodTypes(String pipeline, ClassLoader loader) {
    Optional<PipelineDescriptorFile> descriptor = descriptor(pipeline, loader);
    if (descriptor.isEmpty()) {
      return Map.of();
    }
    List<String> names = descriptor.get().parameters();
    Type[] generic;
    try {
      Optional<Method> method = CanonicalNames.load(descriptor.get().owner(), loader).flatMap(owner -> Stream.of(owner
              .getDeclaredMethods())
          .filter(m -> m.getName().equals(descriptor.get().methodName()) && Modifier.isStatic(m.getModifiers())
              && !m.isSynthetic() && m.getParameterCount() == names.size())
          .findFirst());
      if (method.isEmpty()) {
        return Map.of();
      }
      generic = method.get().getGenericParameterTypes();
    } catch (LinkageError | RuntimeException e) {
      return Map.of(); // a class the signature names is missing: described through the components, or by kind
    }
    Map<String, Type> types = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      types.put(names.get(i), generic[i]);
    }
    return types;
  }

  private static Optional<PipelineDescriptorFile> descriptor(String pipeline, ClassLoader loader) {
    try (InputStream in = loader.getResourceAsStream(ResourceLayout.pipelineDescriptor(pipeline))) {
      return in == null ? Optional.empty() : PipelineDescriptorFile.read(new String(in.readAllBytes(), UTF_8));
    } catch (IOException e) {
      return Optional.empty(); // described through the components, or by kind, instead
    }
  }

  /** The generic type of {@code input} of the component that {@code entrypoint} (a class or an address) runs. */
  private static Optional<Type> inputType(String entrypoint, String input, ClassLoader loader) {
    Optional<ComponentAddress> address = ComponentAddress.parse(entrypoint);
    if (address.isPresent()) {
      return sharedInputType(address.get(), input, loader);
    }
    try {
      Object field = Class.forName(entrypoint, false, loader).getField("COMPONENT").get(null);
      if (!(field instanceof ComponentDescriptor descriptor) || !descriptor.inputs().contains(input)) {
        return Optional.empty();
      }
      String qualified = descriptor.method();
      int dot = qualified.lastIndexOf('.');
      Optional<Class<?>> owner = CanonicalNames.load(qualified.substring(0, dot), loader);
      String name = qualified.substring(dot + 1);
      return owner.flatMap(type -> Stream.of(type.getMethods())
          .filter(m -> m.getName().equals(name) && Modifier.isStatic(m.getModifiers())
              && m.getParameterCount() == descriptor.inputs().size())
          .findFirst())
          .map(Method::getGenericParameterTypes)
          .map(parameters -> parameters[descriptor.inputs().indexOf(input)]);
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return Optional.empty(); // described by its kind instead
    }
  }

  /** The same for a component run by the shared entrypoint, found as that entrypoint finds it. */
  private static Optional<Type> sharedInputType(ComponentAddress address, String input, ClassLoader loader) {
    try {
      SharedEntrypoint entrypoint = SharedEntrypoint.load(loader, address);
      int index = entrypoint.descriptor().inputs().indexOf(input);
      return index < 0 ? Optional.empty() : Optional.of(entrypoint.method().getGenericParameterTypes()[index]);
    } catch (IllegalArgumentException | LinkageError e) {
      return Optional.empty(); // described by its kind instead
    }
  }

  /** How a parameter's type reads in a message: {@code List<String>}, else its kind in words. */
  String describe(Plan.Parameter parameter) {
    Type type = types.get(parameter.name());
    return type != null ? name(type) : ParameterKind.find(parameter.kind()).map(ParameterKind::words).orElse("text");
  }

  /** A correct value for the parameter, as typed after {@code --param name=}. */
  String example(Plan.Parameter parameter) {
    Type type = types.get(parameter.name());
    if (type != null) {
      if (parameter.kind().equals(ParameterKind.STRING.name())) {
        return plainExample(type);
      }
      String json = json(type, 0);
      return json.equals("1") ? "42" : json;
    }
    return ParameterKind.find(parameter.kind()).map(ParameterKind::example).orElse("text");
  }

  private static String plainExample(Type type) {
    if (type instanceof Class<?> c && c.isEnum() && c.getEnumConstants().length > 0) {
      return ((Enum<?>) c.getEnumConstants()[0]).name();
    }
    return "text";
  }

  private static String json(Type type, int depth) {
    if (depth > 3) {
      return "{}";
    }
    if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
      Type[] arguments = parameterized.getActualTypeArguments();
      if (java.util.List.class.isAssignableFrom(raw) && arguments.length == 1) {
        String element = json(arguments[0], depth + 1);
        return "[" + element + "," + second(element) + "]";
      }
      if (java.util.Map.class.isAssignableFrom(raw) && arguments.length == 2) {
        return "{\"key\":" + json(arguments[1], depth + 1) + "}";
      }
    }
    if (!(type instanceof Class<?> c)) {
      return "1";
    }
    if (c == int.class || c == Integer.class || c == long.class || c == Long.class || c == short.class
        || c == Short.class || c == byte.class || c == Byte.class) {
      return "1";
    }
    if (c == double.class || c == Double.class || c == float.class || c == Float.class) {
      return "2.5";
    }
    if (c == boolean.class || c == Boolean.class) {
      return "true";
    }
    if (c == String.class) {
      return "\"a\"";
    }
    if (c.isEnum() && c.getEnumConstants().length > 0) {
      return "\"" + ((Enum<?>) c.getEnumConstants()[0]).name() + "\"";
    }
    if (c.isRecord()) {
      return Stream.of(c.getRecordComponents())
          .map(component -> "\"" + component.getName() + "\":" + json(component.getGenericType(), depth + 1))
          .collect(Collectors.joining(",", "{", "}"));
    }
    return "{}";
  }

  /** A second list element that differs from the first where that is easy to see ({@code "a"} → {@code "b"}, 1 → 2). */
  private static String second(String first) {
    return switch (first) {
      case "\"a\"" -> "\"b\"";
      case "1" -> "2";
      case "2.5" -> "3.5";
      case "true" -> "false";
      default -> first;
    };
  }

  static String name(Type type) {
    if (type instanceof Class<?> c) {
      return c.getSimpleName();
    }
    if (type instanceof ParameterizedType parameterized) {
      return name(parameterized.getRawType()) + Stream.of(parameterized.getActualTypeArguments())
          .map(ParameterTypes::name).collect(Collectors.joining(", ", "<", ">"));
    }
    return type.getTypeName();
  }
}
