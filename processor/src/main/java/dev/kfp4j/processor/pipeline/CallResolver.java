package dev.kfp4j.processor.pipeline;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import dev.kfp4j.annotations.Component;
import dev.kfp4j.annotations.Pipeline;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Resolves a call in a pipeline body to a method by name and argument count, without attributing the
 * body (which would make javac attribute the whole class early): the enclosing and outer classes,
 * static imports, then {@code Type.method(…)} through imports, the package and {@code Elements}.
 */
final class CallResolver {

  /**
   * The outcome of resolving one call.
   *
   * @param candidates the methods it may name
   * @param displayName the call as written ({@code add}, {@code Steps.add})
   * @param scopes the classes searched
   */
  record Resolution(List<ExecutableElement> candidates, String displayName, List<TypeElement> scopes) {

    /** Components and pipelines of the searched classes, for "did you mean" (only computed for an unknown name). */
    List<String> nearbyNames() {
      return nearby(scopes);
    }
  }

  private final Elements elements;
  private final CompilationUnitTree unit;
  private final TypeElement enclosing;

  CallResolver(Elements elements, CompilationUnitTree unit, TypeElement enclosing) {
    this.elements = elements;
    this.unit = unit;
    this.enclosing = enclosing;
  }

  /** The methods the call may name: those with the right name and arity, annotated ones first. */
  Resolution resolve(MethodInvocationTree call) {
    ExpressionTree select = call.getMethodSelect();
    int arity = call.getArguments().size();
    List<TypeElement> scopes = new ArrayList<>();
    String name;
    if (select instanceof IdentifierTree identifier) {
      name = identifier.getName().toString();
      for (Element e = enclosing; e instanceof TypeElement type; e = e.getEnclosingElement()) {
        scopes.add(type);
      }
      scopes.addAll(staticImports(name));
    } else if (select instanceof MemberSelectTree member) {
      name = member.getIdentifier().toString();
      TypeElement type = resolveType(member.getExpression().toString());
      if (type != null) {
        scopes.add(type);
      }
    } else {
      return new Resolution(List.of(), select.toString(), List.of());
    }
    List<ExecutableElement> found = new ArrayList<>();
    for (TypeElement scope : scopes) {
      for (ExecutableElement method : ElementFilter.methodsIn(scope.getEnclosedElements())) {
        if (method.getSimpleName().contentEquals(name) && method.getParameters().size() == arity
            && !found.contains(method)) {
          found.add(method);
        }
      }
      if (!found.isEmpty()) {
        break; // the innermost scope with a match wins, as in Java
      }
    }
    if (found.isEmpty()) {
      for (TypeElement scope : scopes) {
        for (ExecutableElement method : ElementFilter.methodsIn(scope.getEnclosedElements())) {
          if (method.getSimpleName().contentEquals(name) && !found.contains(method)) {
            found.add(method); // right name, wrong arity: reported as an argument-count error
          }
        }
      }
    }
    return new Resolution(found, select.toString(), List.copyOf(scopes));
  }

  /** The types whose member {@code name} a static import brings in: {@code import static T.name;} or {@code T.*}. */
  List<TypeElement> staticImports(String name) {
    List<TypeElement> types = new ArrayList<>();
    for (ImportTree imported : unit.getImports()) {
      if (imported.isStatic() && imported.getQualifiedIdentifier() instanceof MemberSelectTree member
          && (member.getIdentifier().contentEquals(name) || member.getIdentifier().contentEquals("*"))) {
        TypeElement type = elements.getTypeElement(member.getExpression().toString());
        if (type != null) {
          types.add(type);
        }
      }
    }
    return types;
  }

  /** A type named in source: qualified, imported, nested in an enclosing class, in the same package, or java.lang. */
  TypeElement resolveType(String written) {
    if (written.contains(".")) {
      TypeElement qualified = elements.getTypeElement(written);
      if (qualified != null) {
        return qualified;
      }
      int dot = written.indexOf('.');
      TypeElement outer = resolveType(written.substring(0, dot));
      return outer == null ? null : elements.getTypeElement(outer.getQualifiedName() + written.substring(dot));
    }
    for (Element e = enclosing; e instanceof TypeElement type; e = e.getEnclosingElement()) {
      if (type.getSimpleName().contentEquals(written)) {
        return type;
      }
      for (TypeElement member : ElementFilter.typesIn(type.getEnclosedElements())) {
        if (member.getSimpleName().contentEquals(written)) {
          return member;
        }
      }
    }
    for (ImportTree imported : unit.getImports()) {
      if (imported.isStatic() || !(imported.getQualifiedIdentifier() instanceof MemberSelectTree member)) {
        continue;
      }
      if (member.getIdentifier().contentEquals(written)) {
        return elements.getTypeElement(member.toString());
      }
      if (member.getIdentifier().contentEquals("*")) {
        TypeElement type = elements.getTypeElement(member.getExpression() + "." + written);
        if (type != null) {
          return type;
        }
      }
    }
    PackageElement pkg = elements.getPackageOf(enclosing);
    TypeElement samePackage = elements.getTypeElement(
        (pkg.isUnnamed() ? "" : pkg.getQualifiedName() + ".") + written);
    return samePackage != null ? samePackage : elements.getTypeElement("java.lang." + written);
  }

  private static List<String> nearby(List<TypeElement> scopes) {
    Set<String> names = new LinkedHashSet<>();
    for (TypeElement scope : scopes) {
      for (ExecutableElement method : ElementFilter.methodsIn(scope.getEnclosedElements())) {
        if (method.getAnnotation(Component.class) != null || method.getAnnotation(Pipeline.class) != null) {
          names.add(method.getSimpleName().toString());
        }
      }
    }
    return List.copyOf(names);
  }

  /** The candidate closest to {@code name} by edit distance, if it is close enough to be a likely typo. */
  static String nearest(String name, List<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = distance(name.toLowerCase(), candidate.toLowerCase());
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best != null && bestDistance <= Math.max(2, name.length() / 3) ? best : null;
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
