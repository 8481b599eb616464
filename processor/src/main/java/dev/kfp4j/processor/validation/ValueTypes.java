package dev.kfp4j.processor.validation;

import com.palantir.javapoet.TypeName;
import dev.kfp4j.annotations.Artifact;
import dev.kfp4j.processor.model.JavaValueType;
import dev.kfp4j.wire.ParameterKind;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;

/** Decides which Java types can be passed between steps, and how the specs type them. */
public final class ValueTypes {

  private static final String PATH = "java.nio.file.Path";

  /** A type that is or is not supported; {@code reason} says why not (" (…)"), empty when supported. */
  public record Result(JavaValueType type, String reason) {
    public boolean supported() {
      return type != null;
    }
  }

  /** Classifies {@code mirror}, a JSON value or (for {@code java.nio.file.Path}) a generic artifact. */
  public Result classify(TypeMirror mirror) {
    return classify(mirror, null);
  }

  /**
   * Classifies the type of {@code element} (a parameter, a method for its result, or a record component):
   * a {@code java.nio.file.Path} is an artifact, typed by the element's {@code @Artifact}.
   */
  public Result classify(TypeMirror mirror, Element element) {
    if (isPath(mirror)) {
      Artifact artifact = element == null ? null : element.getAnnotation(Artifact.class);
      String title = (artifact == null ? Artifact.Type.ARTIFACT : artifact.value()).schemaTitle();
      return new Result(new JavaValueType(TypeName.get(mirror), display(mirror), ParameterKind.STRING, title), "");
    }
    if (element != null && element.getAnnotation(Artifact.class) != null) {
      return new Result(null, " (@Artifact marks a java.nio.file.Path; a " + display(mirror)
          + " travels as a JSON value, so remove the annotation or pass a file)");
    }
    String reason = check(mirror, new HashSet<>());
    if (reason != null) {
      return new Result(null, reason.isEmpty() ? "" : " (" + reason + ")");
    }
    return new Result(new JavaValueType(TypeName.get(mirror), display(mirror), kind(mirror)), "");
  }

  /** Whether the type is {@code java.nio.file.Path}, which steps pass as an artifact. */
  public boolean isPath(TypeMirror mirror) {
    return mirror.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) mirror).asElement()).getQualifiedName().contentEquals(PATH);
  }

  /**
   * Whether a record type has a {@code Path} component: such a record can be returned (each component
   * becomes an output) but not passed in as one JSON value.
   */
  public boolean hasPathComponent(TypeMirror mirror) {
    return isRecord(mirror) && recordComponents(mirror).stream().anyMatch(c -> isPath(c.asType()));
  }

  /**
   * Whether {@code method}'s parameter or return types, or a type inside them (type arguments, array items,
   * record components, nested), are not there yet: another processor may generate them in a later round.
   */
  public boolean unresolved(ExecutableElement method) {
    Set<String> visiting = new HashSet<>();
    return unresolved(method.getReturnType(), visiting)
        || method.getParameters().stream().anyMatch(p -> unresolved(p.asType(), visiting));
  }

  private boolean unresolved(TypeMirror mirror, Set<String> visiting) {
    switch (mirror.getKind()) {
      case ERROR:
        return true;
      case ARRAY:
        return unresolved(((ArrayType) mirror).getComponentType(), visiting);
      case WILDCARD: {
        WildcardType wildcard = (WildcardType) mirror;
        return wildcard.getExtendsBound() != null && unresolved(wildcard.getExtendsBound(), visiting)
            || wildcard.getSuperBound() != null && unresolved(wildcard.getSuperBound(), visiting);
      }
      case DECLARED:
        break;
      default:
        return false;
    }
    DeclaredType declared = (DeclaredType) mirror;
    for (TypeMirror argument : declared.getTypeArguments()) {
      if (unresolved(argument, visiting)) {
        return true;
      }
    }
    TypeElement element = (TypeElement) declared.asElement();
    if (element.getKind() == ElementKind.RECORD && visiting.add(element.getQualifiedName().toString())) {
      for (RecordComponentElement component : ElementFilter.recordComponentsIn(element.getEnclosedElements())) {
        if (unresolved(component.asType(), visiting)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether the type is a record, whose components become separate outputs when a component returns it. */
  public boolean isRecord(TypeMirror mirror) {
    return mirror.getKind() == TypeKind.DECLARED
        && ((DeclaredType) mirror).asElement().getKind() == ElementKind.RECORD;
  }

  /** The record's components, in declaration order. */
  public List<RecordComponentElement> recordComponents(TypeMirror record) {
    TypeElement element = (TypeElement) ((DeclaredType) record).asElement();
    return ElementFilter.recordComponentsIn(element.getEnclosedElements());
  }

  /** The type as shown in messages: simple names, type arguments kept ({@code List<Integer>}). */
  public String display(TypeMirror mirror) {
    if (mirror.getKind() == TypeKind.DECLARED) {
      DeclaredType declared = (DeclaredType) mirror;
      StringBuilder text = new StringBuilder(declared.asElement().getSimpleName());
      if (!declared.getTypeArguments().isEmpty()) {
        text.append('<');
        for (int i = 0; i < declared.getTypeArguments().size(); i++) {
          text.append(i == 0 ? "" : ", ").append(display(declared.getTypeArguments().get(i)));
        }
        text.append('>');
      }
      return text.toString();
    }
    if (mirror.getKind() == TypeKind.ARRAY) {
      return display(((ArrayType) mirror).getComponentType()) + "[]";
    }
    if (mirror.getKind() == TypeKind.WILDCARD) {
      WildcardType wildcard = (WildcardType) mirror;
      if (wildcard.getExtendsBound() != null) {
        return "? extends " + display(wildcard.getExtendsBound());
      }
      return wildcard.getSuperBound() != null ? "? super " + display(wildcard.getSuperBound()) : "?";
    }
    return mirror.toString();
  }

  /** Null if supported; otherwise a short reason (possibly empty). */
  private String check(TypeMirror mirror, Set<String> visiting) {
    return check(mirror, visiting, true);
  }

  /** {@code pathAllowed}: whether a {@code Path} may stand here (a component of a top-level record). */
  private String check(TypeMirror mirror, Set<String> visiting, boolean pathAllowed) {
    switch (mirror.getKind()) {
      case INT, LONG, DOUBLE, FLOAT, BOOLEAN:
        return null;
      case BYTE, SHORT, CHAR:
        return "use int instead";
      case ARRAY:
        return "use List<T> instead of an array";
      case TYPEVAR, WILDCARD:
        return "a type variable or wildcard has no concrete type";
      case DECLARED:
        break;
      case ERROR:
        return "the type could not be resolved";
      default:
        return "";
    }
    DeclaredType declared = (DeclaredType) mirror;
    TypeElement element = (TypeElement) declared.asElement();
    String name = element.getQualifiedName().toString();
    if (name.equals(PATH)) {
      return pathAllowed ? null : "a Path is an artifact: pass it directly as a parameter or a result, or as a"
          + " component of a returned record; to pass many files, pass a directory";
    }
    switch (name) {
      case "java.lang.Integer", "java.lang.Long", "java.lang.Double", "java.lang.Float", "java.lang.Boolean",
          "java.lang.String":
        return null;
      case "java.util.List": {
        TypeMirror item = declared.getTypeArguments().isEmpty() ? null : declared.getTypeArguments().get(0);
        if (item == null) {
          return "a raw List has no element type; write List<T>";
        }
        String inner = check(item, visiting, false);
        return inner == null ? null : "its element type " + display(item) + " is not supported" + suffix(inner);
      }
      case "java.util.Map": {
        if (declared.getTypeArguments().size() != 2) {
          return "a raw Map has no key and value types; write Map<String, T>";
        }
        TypeMirror key = declared.getTypeArguments().get(0);
        if (!isString(key)) {
          return "map keys must be String, found " + display(key);
        }
        TypeMirror value = declared.getTypeArguments().get(1);
        String inner = check(value, visiting, false);
        return inner == null ? null : "its value type " + display(value) + " is not supported" + suffix(inner);
      }
      default:
        break;
    }
    if (element.getKind() == ElementKind.ENUM || element.getKind() == ElementKind.RECORD) {
      String access = accessibility(element);
      if (access != null) {
        return access;
      }
      if (element.getKind() == ElementKind.RECORD) {
        if (!element.getTypeParameters().isEmpty()) {
          return "generic records are not supported";
        }
        if (!visiting.add(name)) {
          return null; // a recursive record (a tree) is fine: JSON nests it.
        }
        for (RecordComponentElement component : ElementFilter.recordComponentsIn(element.getEnclosedElements())) {
          String inner = check(component.asType(), visiting, pathAllowed && visiting.size() == 1);
          if (inner != null) {
            visiting.remove(name);
            return "its component '" + component.getSimpleName() + "' has type " + display(component.asType())
                + ", which is not supported" + suffix(inner);
          }
        }
        visiting.remove(name);
      }
      return null;
    }
    if (name.equals("java.lang.Object")) {
      return "Object has no fixed JSON shape; use a concrete type";
    }
    if (name.equals("java.util.Optional")) {
      return "Optional is not a value; use a nullable box or a default";
    }
    return "";
  }

  private static String suffix(String inner) {
    return inner.isEmpty() ? "" : ": " + inner;
  }

  private static String accessibility(TypeElement element) {
    for (Element e = element; e instanceof TypeElement type; e = e.getEnclosingElement()) {
      if (!type.getModifiers().contains(Modifier.PUBLIC)) {
        return type.getSimpleName() + " must be public so the generated entrypoint can use it";
      }
      if (type.getNestingKind().isNested() && !type.getModifiers().contains(Modifier.STATIC)
          && type.getKind() == ElementKind.CLASS) {
        return type.getSimpleName() + " must be static";
      }
    }
    return null;
  }

  private boolean isString(TypeMirror mirror) {
    return mirror.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) mirror).asElement()).getQualifiedName().contentEquals("java.lang.String");
  }

  private ParameterKind kind(TypeMirror mirror) {
    switch (mirror.getKind()) {
      case INT, LONG:
        return ParameterKind.NUMBER_INTEGER;
      case DOUBLE, FLOAT:
        return ParameterKind.NUMBER_DOUBLE;
      case BOOLEAN:
        return ParameterKind.BOOLEAN;
      default:
        break;
    }
    TypeElement element = (TypeElement) ((DeclaredType) mirror).asElement();
    switch (element.getQualifiedName().toString()) {
      case "java.lang.Integer", "java.lang.Long":
        return ParameterKind.NUMBER_INTEGER;
      case "java.lang.Double", "java.lang.Float":
        return ParameterKind.NUMBER_DOUBLE;
      case "java.lang.Boolean":
        return ParameterKind.BOOLEAN;
      case "java.lang.String":
        return ParameterKind.STRING;
      case "java.util.List":
        return ParameterKind.LIST;
      default:
        return element.getKind() == ElementKind.ENUM ? ParameterKind.STRING : ParameterKind.STRUCT;
    }
  }
}
