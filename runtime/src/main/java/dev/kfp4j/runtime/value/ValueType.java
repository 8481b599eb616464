package dev.kfp4j.runtime.value;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;

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
    this.type = requireConcrete(parameterized.getActualTypeArguments()[0]);
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
  public boolean equals(Object other) {
    return other instanceof ValueType<?> that && type.equals(that.type);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  /** The type as a reader would write it: {@code List<Integer>}, {@code com.example.Point}. */
  @Override
  public String toString() {
    return type.getTypeName().replaceAll("\\bjava\\.(lang|util)\\.(?=[A-Z])", "");
  }

  // A type variable would reach Jackson as Object and silently decode to maps and lists.
  private static Type requireConcrete(Type type) {
    if (type instanceof TypeVariable<?> || type instanceof WildcardType) {
      throw new IllegalStateException("ValueType needs a concrete type, not " + type.getTypeName());
    }
    if (type instanceof ParameterizedType parameterized) {
      for (Type argument : parameterized.getActualTypeArguments()) {
        requireConcrete(argument);
      }
    } else if (type instanceof GenericArrayType array) {
      requireConcrete(array.getGenericComponentType());
    }
    return type;
  }
}
