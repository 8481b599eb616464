package dev.kfp4j.processor.pipeline;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import dev.kfp4j.processor.model.Json;
import dev.kfp4j.processor.model.Source;
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
final class Constants {

  private final Types types;
  private final Elements elements;
  private final TypeElement enclosing;
  private final CallResolver resolver;

  Constants(Types types, Elements elements, TypeElement enclosing, CallResolver resolver) {
    this.types = types;
    this.elements = elements;
    this.enclosing = enclosing;
    this.resolver = resolver;
  }

  /** The expression's constant value, if it has one kfp4j can write into a spec. */
  Optional<Symbol.Value> of(ExpressionTree expression) {
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
        return field(type, select.getIdentifier().toString());
      }
    }
    return Optional.empty();
  }

  /** A constant field or enum constant named {@code name} in {@code type}, or in the enclosing classes when null. */
  Optional<Symbol.Value> field(TypeElement type, String name) {
    for (Element e = type == null ? enclosing : type; e instanceof TypeElement scope; e = e.getEnclosingElement()) {
      for (VariableElement field : ElementFilter.fieldsIn(scope.getEnclosedElements())) {
        if (!field.getSimpleName().contentEquals(name)) {
          continue;
        }
        if (field.getKind() == ElementKind.ENUM_CONSTANT) {
          return Optional.of(new Symbol.Value(new Source.Constant(Json.string(name)), field.asType(), Set.of()));
        }
        if (field.getModifiers().containsAll(Set.of(Modifier.STATIC, Modifier.FINAL)) && field.getConstantValue() != null) {
          return constant(field.getConstantValue(), field.asType());
        }
        return Optional.empty();
      }
      if (type != null) {
        break;
      }
    }
    return Optional.empty();
  }

  private Optional<Symbol.Value> literal(Object value, Tree.Kind kind, boolean negate) {
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
    return constant(signed, type);
  }

  private Optional<Symbol.Value> constant(Object value, TypeMirror type) {
    String json;
    if (value instanceof String text) {
      json = Json.string(text);
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return Optional.empty();
      }
      json = yamlSafeExponent(value instanceof Float ? Float.toString((Float) value) : Double.toString(d));
    } else if (value instanceof Number || value instanceof Boolean) {
      json = value.toString();
    } else {
      return Optional.empty();
    }
    return Optional.of(new Symbol.Value(new Source.Constant(json), type, Set.of()));
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
