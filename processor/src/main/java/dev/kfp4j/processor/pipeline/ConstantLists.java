package dev.kfp4j.processor.pipeline;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.Trees;
import dev.kfp4j.processor.model.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Lists fixed at compile time: {@code List.of(1, 2, 3)}, {@code Arrays.asList("a", "b")}, and
 * {@code static final} fields initialised with one of these, each element a constant.
 */
final class ConstantLists {

  private static final Set<String> FACTORIES = Set.of("List.of", "java.util.List.of", "Arrays.asList",
      "java.util.Arrays.asList");

  private final Types types;
  private final Elements elements;
  private final Trees trees;
  private final ConstantEvaluator constants;
  private final TypeElement enclosing;

  ConstantLists(Types types, Elements elements, Trees trees, ConstantEvaluator constants, TypeElement enclosing) {
    this.types = types;
    this.elements = elements;
    this.trees = trees;
    this.constants = constants;
    this.enclosing = enclosing;
  }

  /** The list {@code expression} names, as a constant value of type {@code List<E>}; empty if it is not one. */
  Optional<Symbol.Value> constantList(ExpressionTree expression) {
    if (expression instanceof IdentifierTree identifier) {
      return field(identifier.getName().toString());
    }
    if (!(expression instanceof MethodInvocationTree call) || !FACTORIES.contains(call.getMethodSelect().toString())
        || call.getArguments().isEmpty()) {
      return Optional.empty();
    }
    List<String> json = new ArrayList<>();
    TypeMirror element = null;
    for (ExpressionTree argument : call.getArguments()) {
      Optional<ConstantEvaluator.Constant> constant = constant(argument);
      if (constant.isEmpty() || constant.get().value() == null) {
        return Optional.empty();
      }
      TypeMirror type = boxed(constant.get().value().type());
      if (element != null && !types.isSameType(element, type)) {
        return Optional.empty();
      }
      element = type;
      json.add(((Source.Constant) constant.get().value().source()).json());
    }
    TypeMirror list = types.getDeclaredType(elements.getTypeElement("java.util.List"), element);
    return Optional.of(new Symbol.Value(new Source.Constant("[" + String.join(",", json) + "]"), list, Set.of()));
  }

  /** The JSON of a scalar constant expression (a literal or a constant field). */
  Optional<String> constantJson(ExpressionTree expression) {
    return constant(expression).filter(c -> c.value() != null).map(c -> ((Source.Constant) c.value().source()).json());
  }

  private Optional<ConstantEvaluator.Constant> constant(ExpressionTree expression) {
    if (expression instanceof IdentifierTree identifier) {
      return constants.named(identifier.getName().toString());
    }
    return constants.of(expression);
  }

  /** A {@code static final} list field of the enclosing classes, read from its initialiser in source. */
  private Optional<Symbol.Value> field(String name) {
    for (Element scope = enclosing; scope instanceof TypeElement type; scope = scope.getEnclosingElement()) {
      for (var field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
        if (field.getSimpleName().contentEquals(name) && field.getKind() == ElementKind.FIELD
            && field.getModifiers().containsAll(Set.of(Modifier.STATIC, Modifier.FINAL))) {
          Tree tree = trees.getTree(field);
          if (tree instanceof VariableTree variable && variable.getInitializer() != null
              && !(variable.getInitializer() instanceof IdentifierTree)) {
            return constantList(variable.getInitializer());
          }
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  private TypeMirror boxed(TypeMirror type) {
    return type.getKind().isPrimitive() ? types.boxedClass((PrimitiveType) type).asType() : type;
  }

  /** Whether {@code select} is one of the list factories ({@code List.of}). */
  static boolean isFactory(MemberSelectTree select) {
    return FACTORIES.contains(select.toString());
  }
}
