package dev.kfp4j.processor.pipeline;

import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.Tree;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * The type a local variable's declaration names ({@code int}, {@code String}, {@code List<Integer>}), resolved from
 * the source the way {@link CallResolver} resolves calls (bodies are not attributed while processing).
 */
final class WrittenTypes {

  private WrittenTypes() {}

  /** The type {@code tree} names, or null when it is not written ({@code var}) or cannot be resolved here. */
  static TypeMirror of(Tree tree, Types types, CallResolver resolver) {
    if (tree instanceof PrimitiveTypeTree primitive) {
      return primitive.getPrimitiveTypeKind().isPrimitive() ? types.getPrimitiveType(primitive.getPrimitiveTypeKind())
          : null;
    }
    if (tree instanceof IdentifierTree || tree instanceof MemberSelectTree) {
      TypeElement type = resolver.resolveType(tree.toString());
      return type == null ? null : types.erasure(type.asType());
    }
    if (tree instanceof ParameterizedTypeTree parameterized) {
      TypeElement type = resolver.resolveType(parameterized.getType().toString());
      if (type == null || type.getTypeParameters().size() != parameterized.getTypeArguments().size()) {
        return null;
      }
      List<TypeMirror> arguments = new ArrayList<>();
      for (Tree argument : parameterized.getTypeArguments()) {
        TypeMirror resolved = of(argument, types, resolver);
        if (resolved == null || resolved.getKind().isPrimitive()) {
          return null;
        }
        arguments.add(resolved);
      }
      return types.getDeclaredType(type, arguments.toArray(TypeMirror[]::new));
    }
    return null;
  }
}
