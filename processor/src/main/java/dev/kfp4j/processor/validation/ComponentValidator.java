package dev.kfp4j.processor.validation;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.kfp4j.annotations.Component;
import dev.kfp4j.processor.diagnostic.Diagnostics;
import dev.kfp4j.processor.diagnostic.Message;
import dev.kfp4j.processor.model.ComponentModel;
import dev.kfp4j.processor.model.EntrypointMode;
import dev.kfp4j.processor.model.Names;
import dev.kfp4j.processor.model.Port;
import dev.kfp4j.processor.model.TaskOptions;
import dev.kfp4j.processor.options.MirrorOptions;
import dev.kfp4j.processor.options.OptionsReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Checks one {@code @Component} method and, if it is valid, builds its model. Reports every problem it finds. */
public final class ComponentValidator {

  private final Diagnostics diagnostics;
  private final ValueTypes valueTypes;
  private final ComponentFiles files;
  private final EntrypointMode mode;

  /** A validator whose models start their components as {@code mode} says. */
  public ComponentValidator(Diagnostics diagnostics, ValueTypes valueTypes, ComponentFiles files, EntrypointMode mode) {
    this.diagnostics = diagnostics;
    this.valueTypes = valueTypes;
    this.files = files;
    this.mode = mode;
  }

  /** The component's model, or empty if any error was reported. */
  public Optional<ComponentModel> validate(ExecutableElement method) {
    int before = diagnostics.errorCount();
    String methodName = method.getSimpleName().toString();
    Component annotation = method.getAnnotation(Component.class);
    AnnotationMirror mirror = Annotations.mirror(method, Component.class);

    if (!method.getModifiers().contains(Modifier.STATIC)) {
      diagnostics.error(method, Message.COMPONENT_NOT_STATIC, methodName);
    }
    if (!method.getModifiers().contains(Modifier.PUBLIC)) {
      diagnostics.error(method, Message.COMPONENT_NOT_PUBLIC, methodName);
    }
    checkEnclosing(method, methodName);
    if (!method.getTypeParameters().isEmpty()) {
      diagnostics.error(method, Message.COMPONENT_GENERIC, methodName,
          method.getTypeParameters().stream().map(Object::toString).collect(Collectors.joining(", ", "<", ">")));
    }
    String name = annotation.name().isEmpty() ? Names.kebab(methodName) : annotation.name();
    if (!Names.isValid(name)) {
      if (annotation.name().isEmpty()) {
        diagnostics.error(method, Message.INVALID_NAME, "component", name, Names.suggest(name));
      } else {
        diagnostics.error(method, mirror, Annotations.value(mirror, "name"), Message.INVALID_NAME, "component", name,
            Names.suggest(name));
      }
    }
    if (annotation.retries() < 0 || annotation.retries() > 100) {
      diagnostics.error(method, mirror, Annotations.value(mirror, "retries"), Message.INVALID_RETRIES,
          annotation.retries(), methodName);
    }

    List<Port> inputs = new ArrayList<>();
    for (VariableElement parameter : method.getParameters()) {
      ValueTypes.Result type = valueTypes.classify(parameter.asType(), parameter);
      if (type.supported() && valueTypes.hasPathComponent(parameter.asType())) {
        type = new ValueTypes.Result(null, " (a record with a Path component can be returned, each component an"
            + " output, but not passed in as one value; take the Path as its own parameter)");
      }
      if (!type.supported()) {
        diagnostics.error(parameter, Message.UNSUPPORTED_PARAMETER_TYPE, parameter.getSimpleName(), methodName,
            valueTypes.display(parameter.asType()), type.reason());
      } else {
        inputs.add(new Port(parameter.getSimpleName().toString(), type.type()));
      }
      ValueNames.check(parameter, "parameter", methodName, diagnostics);
    }

    List<Port> outputs = new ArrayList<>();
    TypeMirror returnType = method.getReturnType();
    boolean recordOutputs = false;
    if (returnType.getKind() != TypeKind.VOID) {
      ValueTypes.Result type = valueTypes.classify(returnType, method);
      if (!type.supported()) {
        diagnostics.error(method, Message.UNSUPPORTED_RETURN_TYPE, methodName, valueTypes.display(returnType), type.reason());
      } else if (valueTypes.isRecord(returnType)) {
        recordOutputs = true;
        for (RecordComponentElement component : valueTypes.recordComponents(returnType)) {
          outputs.add(new Port(component.getSimpleName().toString(),
              valueTypes.classify(component.asType(), component).type()));
          ValueNames.check(method, component.getSimpleName().toString(), "output (record component)", methodName,
              diagnostics);
        }
      } else {
        outputs.add(new Port(Component.OUTPUT, type.type()));
      }
    }

    TaskOptions options = OptionsReader.read(MirrorOptions.on(method, diagnostics));
    if (options.retry() == null && annotation.retries() > 0) {
      options = options.over(retries(annotation.retries()));
    }
    if (options.cache() == null && !annotation.cache()) {
      options = new TaskOptions(options.retry(), options.resources(), options.timeoutSeconds(), options.env(),
          options.secretVolumes(), options.nodeSelector(), options.tolerations(), false, options.displayName(),
          options.image(), options.imagePullPolicy(), options.imagePullSecrets(), options.podLabels(),
          options.podAnnotations());
    }

    if (diagnostics.errorCount() > before) {
      return Optional.empty();
    }
    Optional<ContainerStepReader.Step> step = new ContainerStepReader(diagnostics, files)
        .read(method, annotation, inputs, outputs, recordOutputs);
    if (diagnostics.errorCount() > before) {
      return Optional.empty();
    }
    if (step.isPresent()) {
      inputs = step.get().inputs();
      outputs = step.get().outputs();
    }
    ClassName owner = ClassName.get((TypeElement) method.getEnclosingElement());
    return Optional.of(new ComponentModel(name, annotation.description(), annotation.image(), annotation.cache(),
        annotation.retries(), owner, methodName, Names.entrypoint(owner, methodName), mode.launch(owner, methodName), inputs, TypeName.get(returnType),
        outputs, recordOutputs, step.map(ContainerStepReader.Step::spec), options));
  }

  private static TaskOptions retries(int count) {
    TaskOptions none = TaskOptions.NONE;
    return new TaskOptions(TaskOptions.Retry.of(count), none.resources(), null, none.env(), none.secretVolumes(),
        none.nodeSelector(), none.tolerations(), null, "", "", "", none.imagePullSecrets(), none.podLabels(),
        none.podAnnotations());
  }

  private void checkEnclosing(ExecutableElement method, String methodName) {
    Element enclosing = method.getEnclosingElement();
    for (Element e = enclosing; e instanceof TypeElement type; e = e.getEnclosingElement()) {
      String problem = null;
      if (type.getKind() == ElementKind.ANNOTATION_TYPE) {
        problem = "move the method into a public class or interface";
      } else if (!type.getModifiers().contains(Modifier.PUBLIC)) {
        problem = "make " + type.getSimpleName() + " public";
      } else if (type.getNestingKind().isNested() && !type.getModifiers().contains(Modifier.STATIC)
          && type.getKind() == ElementKind.CLASS) {
        problem = "make " + type.getSimpleName() + " static";
      }
      if (problem != null) {
        diagnostics.error(method, Message.COMPONENT_CLASS_NOT_ACCESSIBLE, methodName,
            ((TypeElement) enclosing).getQualifiedName(), problem);
        return;
      }
    }
  }

  /** Finds annotation mirrors and values, for errors placed on an annotation attribute. */
  static final class Annotations {
    private Annotations() {}

    static AnnotationMirror mirror(Element element, Class<?> annotation) {
      for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
        if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(annotation.getCanonicalName())) {
          return mirror;
        }
      }
      return null;
    }

    static AnnotationValue value(AnnotationMirror mirror, String name) {
      if (mirror == null) {
        return null;
      }
      return mirror.getElementValues().entrySet().stream()
          .filter(e -> e.getKey().getSimpleName().contentEquals(name))
          .map(java.util.Map.Entry::getValue).findFirst().orElse(null);
    }
  }
}
