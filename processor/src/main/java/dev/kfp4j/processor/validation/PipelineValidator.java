package dev.kfp4j.processor.validation;

import dev.kfp4j.annotations.Pipeline;
import dev.kfp4j.processor.diagnostic.Diagnostics;
import dev.kfp4j.processor.diagnostic.Message;
import dev.kfp4j.processor.model.Names;
import dev.kfp4j.processor.model.Port;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;

/**
 * Checks a {@code @Pipeline} method as an element (modifiers, name, parameter and return types), before its
 * body is read. Reports every problem it finds.
 */
public final class PipelineValidator {

  /** What the body reader needs of a valid pipeline method: its pipeline name and its inputs. */
  public record Signature(String name, List<Port> inputs) {}

  private final Diagnostics diagnostics;
  private final ValueTypes valueTypes;

  public PipelineValidator(Diagnostics diagnostics, ValueTypes valueTypes) {
    this.diagnostics = diagnostics;
    this.valueTypes = valueTypes;
  }

  /** The pipeline's name and inputs, or empty if any error was reported. */
  public Optional<Signature> validate(ExecutableElement method) {
    int before = diagnostics.errorCount();
    String methodName = method.getSimpleName().toString();
    Pipeline annotation = method.getAnnotation(Pipeline.class);
    if (!method.getModifiers().contains(Modifier.STATIC)) {
      diagnostics.error(method, Message.PIPELINE_NOT_STATIC, methodName);
    }
    if (!method.getModifiers().contains(Modifier.PUBLIC)) {
      diagnostics.error(method, Message.PIPELINE_NOT_PUBLIC, methodName);
    }
    if (!method.getTypeParameters().isEmpty()) {
      diagnostics.error(method, Message.PIPELINE_GENERIC, methodName);
    }
    String name = annotation.name().isEmpty() ? Names.kebab(methodName) : annotation.name();
    if (!Names.isValid(name)) {
      diagnostics.error(method, Message.INVALID_NAME, "pipeline", name, Names.suggest(name));
    }
    List<Port> inputs = new ArrayList<>();
    for (VariableElement parameter : method.getParameters()) {
      ValueTypes.Result type = valueTypes.classify(parameter.asType(), parameter);
      if (!type.supported()) {
        diagnostics.error(parameter, Message.UNSUPPORTED_PIPELINE_PARAMETER_TYPE, parameter.getSimpleName(), methodName,
            valueTypes.display(parameter.asType()), type.reason());
      } else {
        inputs.add(new Port(parameter.getSimpleName().toString(), type.type()));
      }
      ValueNames.check(parameter, "parameter", methodName, diagnostics);
    }
    if (method.getReturnType().getKind() != TypeKind.VOID) {
      ValueTypes.Result type = valueTypes.classify(method.getReturnType(), method);
      if (!type.supported()) {
        diagnostics.error(method, Message.UNSUPPORTED_PIPELINE_RETURN_TYPE, methodName,
            valueTypes.display(method.getReturnType()), type.reason());
      }
    }
    return diagnostics.errorCount() > before ? Optional.empty() : Optional.of(new Signature(name, inputs));
  }
}
