package dev.kfp4j.processor.pipeline;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import dev.kfp4j.processor.model.Source;
import dev.kfp4j.wire.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Compile-time values in a pipeline body: literals, {@code static final} constants and enum constants, as JSON. */
final class ConstantEvaluator {

  /** The largest integer a KFP spec holds exactly: KFP keeps numbers as doubles. */
  private static final long MAX_EXACT = 1L << 53;

  /**
   * A value written into the spec, or why the expression, which names a constant, cannot be.
   *
   * @param value the value, when it can be written
   * @param problem why not, otherwise (" (…)" text for the message)
   */
  record Constant(Symbol.Value value, String problem) {}

  private final Types types;
  private final Elements elements;
  private final TypeElement enclosing;
  private final CallResolver resolver;

  ConstantEvaluator(Types types, Elements elements, TypeElement enclosing, CallResolver resolver) {
    this.types = types;
    this.elements = elements;
    this.enclosing = enclosing;
    this.resolver = resolver;
  }

  /** The expression's constant value; empty if it does not name a constant at all. */
  Optional<Constant> of(ExpressionTree expression) {
    if (expression instanceof LiteralTree literal) {
      return literal(literal.getValue(), expression.getKind(), false);
    }
    if (expression instanceof UnaryTree unary && unary.getKind() == Tree.Kind.UNARY_MINUS
        && unary.getExpression() instanceof LiteralTree literal) {
      return literal(literal.getValue(), literal.getKind(), true);
    }
    if (expression instanceof MemberSelectTree select) {
      TypeElement type = resolver.resolveType(select.getExpression().toString());
      if (type != null) {
        return field(List.of(type), select.getIdentifier().toString());
      }
    }
    return Optional.empty();
  }

  /**
   * The Java value of a compile-time constant expression in an annotation on a local variable: a literal, a
   * negated number, a {@code static final} constant, a string concatenation of these; empty otherwise.
   */
  Optional<Object> raw(ExpressionTree expression) {
    if (expression instanceof com.sun.source.tree.ParenthesizedTree parenthesized) {
      return raw(parenthesized.getExpression());
    }
    if (expression instanceof LiteralTree literal) {
      return Optional.ofNullable(literal.getValue());
    }
    if (expression instanceof UnaryTree unary && unary.getKind() == Tree.Kind.UNARY_MINUS) {
      return raw(unary.getExpression()).map(value -> value instanceof Integer i ? (Object) (-i)
          : value instanceof Long l ? (Object) (-l) : value instanceof Double d ? (Object) (-d)
          : value instanceof Float f ? (Object) (-f) : null);
    }
    if (expression instanceof com.sun.source.tree.BinaryTree binary && binary.getKind() == Tree.Kind.PLUS) {
      Optional<Object> left = raw(binary.getLeftOperand());
      Optional<Object> right = raw(binary.getRightOperand());
      if (left.isPresent() && right.isPresent() && (left.get() instanceof String || right.get() instanceof String)) {
        return Optional.of(String.valueOf(left.get()) + right.get());
      }
      return Optional.empty();
    }
    List<TypeElement> scopes = new ArrayList<>();
    String name;
    if (expression instanceof com.sun.source.tree.IdentifierTree identifier) {
      name = identifier.getName().toString();
      for (Element e = enclosing; e instanceof TypeElement type; e = e.getEnclosingElement()) {
        scopes.add(type);
      }
      scopes.addAll(resolver.staticImports(name));
    } else if (expression instanceof MemberSelectTree select) {
      name = select.getIdentifier().toString();
      TypeElement type = resolver.resolveType(select.getExpression().toString());
      if (type == null) {
        return Optional.empty();
      }
      scopes.add(type);
    } else {
      return Optional.empty();
    }
    for (TypeElement scope : scopes) {
      for (VariableElement field : ElementFilter.fieldsIn(scope.getEnclosedElements())) {
        if (field.getSimpleName().contentEquals(name)) {
          return Optional.ofNullable(field.getConstantValue());
        }
      }
    }
    return Optional.empty();
  }

  /** A field named by its simple name: in the enclosing classes, or statically imported. */
  Optional<Constant> named(String name) {
    List<TypeElement> scopes = new ArrayList<>();
    for (Element e = enclosing; e instanceof TypeElement type; e = e.getEnclosingElement()) {
      scopes.add(type);
    }
    scopes.addAll(resolver.staticImports(name));
    return field(scopes, name);
  }

  /** The first field named {@code name} in {@code scopes} (the first scope that has one wins, as in Java). */
  private Optional<Constant> field(List<TypeElement> scopes, String name) {
    for (TypeElement scope : scopes) {
      for (VariableElement field : ElementFilter.fieldsIn(scope.getEnclosedElements())) {
        if (field.getSimpleName().contentEquals(name)) {
          return Optional.of(constant(scope, field));
        }
      }
    }
    return Optional.empty();
  }

  private Constant constant(TypeElement scope, VariableElement field) {
    String shown = "'" + scope.getSimpleName() + "." + field.getSimpleName() + "'";
    if (field.getKind() == ElementKind.ENUM_CONSTANT) {
      return new Constant(new Symbol.Value(new Source.Constant(Json.string(field.getSimpleName().toString())),
          field.asType(), Set.of()), null);
    }
    if (!field.getModifiers().containsAll(Set.of(Modifier.STATIC, Modifier.FINAL))) {
      return new Constant(null, shown + " (a field that is not static final: its value is only known when the code runs)");
    }
    Object value = field.getConstantValue();
    if (value == null) {
      return new Constant(null, shown + " (a static final field whose value is computed when the class loads, "
          + "not a compile-time constant)");
    }
    return constant(shown, value, field.asType());
  }

  private Optional<Constant> literal(Object value, Tree.Kind kind, boolean negate) {
    TypeMirror type = switch (kind) {
      case INT_LITERAL -> types.getPrimitiveType(TypeKind.INT);
      case LONG_LITERAL -> types.getPrimitiveType(TypeKind.LONG);
      case DOUBLE_LITERAL -> types.getPrimitiveType(TypeKind.DOUBLE);
      case FLOAT_LITERAL -> types.getPrimitiveType(TypeKind.FLOAT);
      case BOOLEAN_LITERAL -> types.getPrimitiveType(TypeKind.BOOLEAN);
      case STRING_LITERAL -> elements.getTypeElement("java.lang.String").asType();
      default -> null;
    };
    if (type == null || (negate && !(value instanceof Number))) {
      return Optional.empty();
    }
    Object signed = value;
    if (negate) {
      if (value instanceof Integer i) {
        signed = -i;
      } else if (value instanceof Long l) {
        signed = -l;
      } else if (value instanceof Double d) {
        signed = -d;
      } else if (value instanceof Float f) {
        signed = -f;
      }
    }
    return Optional.of(constant("the literal " + (negate ? "-" : "") + value, signed, type));
  }

  private Constant constant(String shown, Object value, TypeMirror type) {
    String json;
    if (value instanceof String text) {
      json = Json.string(text);
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return new Constant(null, shown + " (NaN and the infinities are not JSON numbers)");
      }
      json = yamlSafeExponent(value instanceof Float ? Float.toString((Float) value) : Double.toString(d));
    } else if (value instanceof Long l && (l > MAX_EXACT || l < -MAX_EXACT)) {
      return new Constant(null, shown + " (" + l + " is beyond ±2^53, which Kubeflow Pipelines keeps as a double and "
          + "so cannot hold exactly)");
    } else if (value instanceof Number || value instanceof Boolean) {
      json = value.toString();
    } else {
      return new Constant(null, shown + " (a " + value.getClass().getSimpleName() + " constant; supported: numbers, "
          + "booleans, strings and enum constants)");
    }
    return new Constant(new Symbol.Value(new Source.Constant(json), type, Set.of()), null);
  }

  /**
   * {@code 1.0E20} → {@code 1.0E+20}: the same JSON number, but YAML 1.1 (PyYAML, which the KFP SDK reads
   * component files with) only reads an exponent with a sign as a number.
   */
  static String yamlSafeExponent(String number) {
    int e = number.indexOf('E');
    return e < 0 || number.charAt(e + 1) == '-' ? number : number.substring(0, e + 1) + "+" + number.substring(e + 1);
  }
}
