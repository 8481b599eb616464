package dev.kfp4j.processor.model;

import com.palantir.javapoet.TypeName;
import dev.kfp4j.wire.ParameterKind;

/**
 * A supported Java value type.
 *
 * @param typeName the type as JavaPoet writes it into generated code
 * @param display the type as messages and specs show it ({@code List<Integer>})
 * @param kind how the specs type it as a parameter
 * @param artifactType for a {@code java.nio.file.Path}, the KFP artifact schema title ({@code system.Model});
 *     null for a JSON value
 */
public record JavaValueType(TypeName typeName, String display, ParameterKind kind, String artifactType) {

  /** A JSON value (a KFP parameter). */
  public JavaValueType(TypeName typeName, String display, ParameterKind kind) {
    this(typeName, display, kind, null);
  }

  /** Whether generated code can name this type as a class literal ({@code int.class}, {@code String.class}). */
  public boolean isSimple() {
    return typeName.isPrimitive() || typeName instanceof com.palantir.javapoet.ClassName;
  }

  /** Whether the value is a file or directory passed as an artifact rather than a JSON value. */
  public boolean isArtifact() {
    return artifactType != null;
  }
}
