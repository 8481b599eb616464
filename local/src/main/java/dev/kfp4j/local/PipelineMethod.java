package dev.kfp4j.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kfp4j.annotations.Pipeline;
import dev.kfp4j.local.error.LocalRunException;
import dev.kfp4j.local.plan.Plan;
import dev.kfp4j.wire.DefaultNames;
import dev.kfp4j.wire.ResourceLayout;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@code @Pipeline} method, to run it by reference: its pipeline name and its parameters in declaration order. */
record PipelineMethod(Method method, String name) {

  static PipelineMethod find(Class<?> type, String methodName) {
    List<Method> candidates = Arrays.stream(type.getDeclaredMethods())
        .filter(m -> m.getName().equals(methodName) && m.isAnnotationPresent(Pipeline.class)
            && Modifier.isStatic(m.getModifiers()))
        .toList();
    if (candidates.size() != 1) {
      throw new LocalRunException(LocalRunException.Kind.NOT_FOUND, type.getName() + " has " + (candidates.isEmpty()
          ? "no" : candidates.size()) + " static @Pipeline method named '" + methodName + "'");
    }
    Method method = candidates.get(0);
    String name = method.getAnnotation(Pipeline.class).name();
    return new PipelineMethod(method, name.isEmpty() ? kebab(method.getName()) : name);
  }

  /** The arguments by parameter name, checked against the pipeline's declared inputs. */
  Map<String, Object> bind(Plan plan, PipelineCatalog catalog, Object[] arguments) {
    if (arguments.length != method.getParameterCount()) {
      throw new LocalRunException(LocalRunException.Kind.BAD_PARAMETER, method.getDeclaringClass().getSimpleName() + "."
          + method.getName() + " takes " + method.getParameterCount() + " arguments, got " + arguments.length);
    }
    List<String> names = parameterNames(plan, catalog);
    Map<String, Object> bound = new LinkedHashMap<>();
    for (int i = 0; i < arguments.length; i++) {
      bound.put(names.get(i), arguments[i]);
    }
    return bound;
  }

  /**
   * The names in declaration order: from reflection when compiled with {@code -parameters}, else from the
   * Argo Workflow the processor wrote beside the IR (its arguments keep declaration order; the IR's are sorted).
   */
  private List<String> parameterNames(Plan plan, PipelineCatalog catalog) {
    Parameter[] parameters = method.getParameters();
    if (parameters.length == 0 || parameters[0].isNamePresent()) {
      return Arrays.stream(parameters).map(Parameter::getName).toList();
    }
    if (parameters.length == 1 && plan.parameters().size() == 1) {
      return List.copyOf(plan.parameters().keySet());
    }
    URL workflow = method.getDeclaringClass().getClassLoader().getResource(ResourceLayout.workflow(name));
    if (workflow != null) {
      try (InputStream in = workflow.openStream()) {
        JsonNode spec = new YAMLMapper().readTree(in);
        List<String> names = new ArrayList<>();
        spec.path("spec").path("arguments").path("parameters").forEach(p -> names.add(p.path("name").asText()));
        if (names.size() == parameters.length) {
          return names;
        }
      } catch (IOException e) {
        // Fall through to the error below, which says how to make the names available.
      }
    }
    throw new LocalRunException(LocalRunException.Kind.BAD_PARAMETER, "cannot tell the parameter names of "
        + method + "; compile with -parameters or call run(\"" + name + "\", Map.of(…))");
  }

  static String kebab(String camel) {
    return DefaultNames.of(camel);
  }
}
