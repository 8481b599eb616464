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
        for (AnnotationValue value : mirror.getElementValues().values()) {
          for (Object item : (List<?>) value.getValue()) {
            found.add(annotation(element, (AnnotationMirror) ((AnnotationValue) item).getValue(), repeated.get(),
                diagnostics));
          }
        }
      }
    }
    return found;
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
