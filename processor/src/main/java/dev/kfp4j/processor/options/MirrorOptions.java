package dev.kfp4j.processor.options;

import dev.kfp4j.processor.diagnostic.Diagnostics;
import dev.kfp4j.processor.diagnostic.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/** Finds the option annotations on a {@code @Component} or {@code @Pipeline} method, through javac's mirrors. */
public final class MirrorOptions {

  private MirrorOptions() {}

  /** The option annotations on {@code element}, repeated ones unwrapped from their container, in source order. */
  public static List<OptionAnnotation> on(Element element, Diagnostics diagnostics) {
    List<OptionAnnotation> found = new ArrayList<>();
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      String name = ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
      Optional<Class<?>> type = OptionAnnotation.type(name);
      if (type.isPresent()) {
        found.add(annotation(element, mirror, type.get(), diagnostics));
        continue;
      }
      Optional<Class<?>> repeated = OptionAnnotation.containerOf(name);
      if (repeated.isPresent()) {
        int index = 0;
        for (AnnotationValue value : mirror.getElementValues().values()) {
          for (Object item : (List<?>) value.getValue()) {
            AnnotationMirror inner = (AnnotationMirror) ((AnnotationValue) item).getValue();
            OptionAnnotation option = annotation(element, inner, repeated.get(), diagnostics);
            found.add(new OptionAnnotation(option.type(), option.values(),
                repeatedWhere(element, repeated.get().getSimpleName(), index++, option.where(), diagnostics)));
          }
        }
      }
    }
    return found;
  }

  /**
   * Where problems of the {@code index}-th repeated {@code @type} are reported: on its value in the source (javac
   * cannot place a message on an annotation inside the container it wraps repeated ones in), else {@code fallback}.
   */
  private static OptionAnnotation.Where repeatedWhere(Element element, String type, int index,
      OptionAnnotation.Where fallback, Diagnostics diagnostics) {
    com.sun.source.util.Trees trees = diagnostics.trees();
    com.sun.source.util.TreePath path = trees == null ? null : trees.getPath(element);
    if (path == null || !(path.getLeaf() instanceof com.sun.source.tree.MethodTree method)) {
      return fallback;
    }
    List<? extends com.sun.source.tree.AnnotationTree> same = method.getModifiers().getAnnotations().stream()
        .filter(a -> a.getAnnotationType().toString().equals(type)
            || a.getAnnotationType().toString().endsWith("." + type)).toList();
    if (index >= same.size()) {
      return fallback;
    }
    com.sun.source.tree.AnnotationTree annotation = same.get(index);
    return new OptionAnnotation.Where() {
      @Override
      public void error(String attribute, Message message, Object... args) {
        diagnostics.error(at(attribute), path.getCompilationUnit(), message, args);
      }

      @Override
      public void warning(String attribute, Message message, Object... args) {
        diagnostics.warning(at(attribute), path.getCompilationUnit(), message, args);
      }

      private com.sun.source.tree.Tree at(String attribute) {
        for (com.sun.source.tree.ExpressionTree argument : annotation.getArguments()) {
          if (argument instanceof com.sun.source.tree.AssignmentTree assignment
              ? assignment.getVariable().toString().equals(attribute) : "value".equals(attribute)) {
            return argument instanceof com.sun.source.tree.AssignmentTree assignment ? assignment.getExpression() : argument;
          }
        }
        return annotation;
      }
    };
  }

  private static OptionAnnotation annotation(Element element, AnnotationMirror mirror, Class<?> type,
      Diagnostics diagnostics) {
    Map<String, Object> given = new LinkedHashMap<>();
    Map<String, AnnotationValue> positions = new LinkedHashMap<>();
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry : mirror.getElementValues().entrySet()) {
      String attribute = entry.getKey().getSimpleName().toString();
      given.put(attribute, entry.getValue().getValue());
      positions.put(attribute, entry.getValue());
    }
    OptionAnnotation.Where where = new OptionAnnotation.Where() {
      @Override
      public void error(String attribute, Message message, Object... args) {
        diagnostics.error(element, mirror, attribute == null ? null : positions.get(attribute), message, args);
      }

      @Override
      public void warning(String attribute, Message message, Object... args) {
        diagnostics.warning(element, mirror, attribute == null ? null : positions.get(attribute), message, args);
      }
    };
    return new OptionAnnotation(type.getSimpleName(), OptionAnnotation.withDefaults(type, given), where);
  }
}
