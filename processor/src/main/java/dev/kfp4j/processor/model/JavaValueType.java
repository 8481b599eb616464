package dev.kfp4j.processor.model;

import com.palantir.javapoet.TypeName;
import dev.kfp4j.wire.ParameterKind;

/**
 * A supported Java value type.
 *
 * @param typeName the type as JavaPoet writes it into generated code
 * @param display the type as messages and specs show it ({@code List<Integer>})
 * @param kind how the specs type it
 */
public record JavaValueType(TypeName typeName, String display, ParameterKind kind) {

  /** Whether generated code can name this type as a class literal ({@code int.class}, {@code String.class}). */
  public boolean isSimple() {
    return typeName.isPrimitive() || typeName instanceof com.palantir.javapoet.ClassName;
  }
}
