package dev.kfp4j.processor.pipeline;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import dev.kfp4j.processor.diagnostic.Diagnostics;
import dev.kfp4j.processor.diagnostic.Message;
import dev.kfp4j.processor.options.OptionAnnotation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.TypeElement;

/**
 * Reads the option annotations on a local variable of a pipeline body from the source ({@code @Retry(3) int s =
 * add(xs);}): javac keeps no annotations of local variables in class files, and the body is not attributed yet
 * when the processor runs, so names are resolved through the imports and values evaluated as constants.
 */
final class LocalOptions {

  private final CallResolver resolver;
  private final ConstantEvaluator constants;
  private final Diagnostics diagnostics;
  private final CompilationUnitTree unit;

  LocalOptions(CallResolver resolver, ConstantEvaluator constants, Diagnostics diagnostics, CompilationUnitTree unit) {
    this.resolver = resolver;
    this.constants = constants;
    this.diagnostics = diagnostics;
    this.unit = unit;
  }

  /** The option annotations on {@code variable}, in source order (repeated ones one by one). */
  List<OptionAnnotation> on(VariableTree variable) {
    List<OptionAnnotation> found = new ArrayList<>();
    for (AnnotationTree annotation : variable.getModifiers().getAnnotations()) {
      TypeElement type = resolver.resolveType(annotation.getAnnotationType().toString());
      if (type == null) {
        continue; // not an option annotation, or javac reports the unknown name itself
      }
      String name = type.getQualifiedName().toString();
      Optional<Class<?>> option = OptionAnnotation.type(name);
      if (option.isPresent()) {
        read(annotation, option.get()).ifPresent(found::add);
        continue;
      }
      Optional<Class<?>> repeated = OptionAnnotation.containerOf(name);
      if (repeated.isPresent()) {
        for (ExpressionTree argument : annotation.getArguments()) {
          ExpressionTree value = argument instanceof AssignmentTree assignment ? assignment.getExpression() : argument;
          List<? extends ExpressionTree> items = value instanceof NewArrayTree array ? array.getInitializers() : List.of(value);
          for (ExpressionTree item : items) {
            if (item instanceof AnnotationTree inner) {
              read(inner, repeated.get()).ifPresent(found::add);
            }
          }
        }
      }
    }
    return found;
  }

  /** The tree of the first option annotation on {@code variable}, for messages about all of them. */
  static Tree first(VariableTree variable) {
    return variable.getModifiers().getAnnotations().isEmpty() ? variable : variable.getModifiers().getAnnotations().get(0);
  }

  private Optional<OptionAnnotation> read(AnnotationTree annotation, Class<?> type) {
    Map<String, Object> given = new LinkedHashMap<>();
    Map<String, Tree> positions = new LinkedHashMap<>();
    for (ExpressionTree argument : annotation.getArguments()) {
      String attribute = "value";
      ExpressionTree expression = argument;
      if (argument instanceof AssignmentTree assignment) {
        attribute = assignment.getVariable().toString();
        expression = assignment.getExpression();
      }
      Optional<Object> value = constants.raw(expression);
      if (value.isEmpty()) {
        return Optional.empty(); // not a constant: javac reports "element value must be a constant expression"
      }
      given.put(attribute, value.get());
      positions.put(attribute, expression);
    }
    OptionAnnotation.Where where = new OptionAnnotation.Where() {
      @Override
      public void error(String attribute, Message message, Object... args) {
        diagnostics.error(Anchor.of(at(attribute)), unit, message, args);
      }

      @Override
      public void warning(String attribute, Message message, Object... args) {
        diagnostics.warning(Anchor.of(at(attribute)), unit, message, args);
      }

      private Tree at(String attribute) {
        return attribute != null && positions.containsKey(attribute) ? positions.get(attribute) : annotation;
      }
    };
    return Optional.of(new OptionAnnotation(type.getSimpleName(), OptionAnnotation.withDefaults(type, given), where));
  }
}
