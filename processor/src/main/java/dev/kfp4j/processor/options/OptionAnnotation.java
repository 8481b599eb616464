package dev.kfp4j.processor.options;

import dev.kfp4j.processor.diagnostic.Message;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One option annotation ({@code @Retry}, {@code @Env}, …) as found on a method or a local variable: its simple
 * type name, every attribute's value (defaults filled in) and where to report a problem with it.
 *
 * @param type the annotation's simple name ({@code Retry})
 * @param values attribute name → String, Integer, Long, Double or Boolean
 * @param where where problems with an attribute are reported
 */
public record OptionAnnotation(String type, Map<String, Object> values, Where where) {

  /** The package of the option annotations. */
  public static final String PACKAGE = "dev.kfp4j.annotations";

  /** Every option annotation, by simple name. */
  public static final List<Class<?>> TYPES = List.of(dev.kfp4j.annotations.Retry.class,
      dev.kfp4j.annotations.Resources.class, dev.kfp4j.annotations.Timeout.class, dev.kfp4j.annotations.Env.class,
      dev.kfp4j.annotations.SecretEnv.class, dev.kfp4j.annotations.SecretVolume.class,
      dev.kfp4j.annotations.NodeSelector.class, dev.kfp4j.annotations.Toleration.class,
      dev.kfp4j.annotations.Cache.class, dev.kfp4j.annotations.DisplayName.class, dev.kfp4j.annotations.Image.class,
      dev.kfp4j.annotations.ImagePullPolicy.class, dev.kfp4j.annotations.ImagePullSecret.class,
      dev.kfp4j.annotations.PodLabel.class, dev.kfp4j.annotations.PodAnnotation.class);

  /** Where a problem with one attribute (or, for null, the whole annotation) is reported. */
  public interface Where {
    void error(String attribute, Message message, Object... args);

    void warning(String attribute, Message message, Object... args);
  }

  public OptionAnnotation {
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The option annotation of that qualified name, if it is one. */
  public static Optional<Class<?>> type(String qualifiedName) {
    return TYPES.stream().filter(t -> t.getCanonicalName().equals(qualifiedName)).findFirst();
  }

  /** The repeatable option annotation whose container ({@code Env.List}) has that qualified name. */
  public static Optional<Class<?>> containerOf(String qualifiedName) {
    return TYPES.stream().filter(t -> (t.getCanonicalName() + ".List").equals(qualifiedName)).findFirst();
  }

  /** The values given, with every attribute not given at its default, converted to the attribute's type. */
  public static Map<String, Object> withDefaults(Class<?> type, Map<String, Object> given) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Method attribute : type.getDeclaredMethods()) {
      Object value = given.containsKey(attribute.getName()) ? given.get(attribute.getName()) : attribute.getDefaultValue();
      if (value instanceof Number number) {
        Class<?> kind = attribute.getReturnType();
        value = kind == int.class ? (Object) number.intValue() : kind == long.class ? (Object) number.longValue()
            : kind == double.class ? (Object) number.doubleValue() : value;
      }
      values.put(attribute.getName(), value);
    }
    return values;
  }

  /** A string attribute. */
  String string(String attribute) {
    return (String) values.get(attribute);
  }
}
