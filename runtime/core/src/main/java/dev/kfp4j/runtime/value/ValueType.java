package dev.kfp4j.runtime.value;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * The full generic Java type of a value, kept at run time: {@code new ValueType<List<Integer>>() {}}
 * or {@code ValueType.of(int.class)}. Generated entrypoints pass one for each input and output.
 *
 * @param <T> the value's type
 */
public abstract class ValueType<T> {

  private final Type type;

  /** Captures the type argument of an anonymous subclass. */
  protected ValueType() {
    Type superclass = getClass().getGenericSuperclass();
    if (!(superclass instanceof ParameterizedType parameterized)) {
      throw new IllegalStateException("ValueType must be created as new ValueType<…>() {} with a type argument");
    }
    this.type = parameterized.getActualTypeArguments()[0];
  }

  private ValueType(Type type) {
    this.type = type;
  }

  /** The type of a non-generic class, primitives included. */
  public static <T> ValueType<T> of(Class<T> type) {
    return new ValueType<>(type) {};
  }

  /** The reflected type. */
  public Type type() {
    return type;
  }

  @Override
  public String toString() {
    return type.getTypeName();
  }
}
