package dev.kfp4j.processor.validation;

import dev.kfp4j.annotations.Component;
import dev.kfp4j.annotations.ComponentFile;
import dev.kfp4j.annotations.ContainerStep;
import dev.kfp4j.processor.diagnostic.Diagnostics;
import dev.kfp4j.processor.diagnostic.Message;
import dev.kfp4j.processor.model.ContainerSpec;
import dev.kfp4j.processor.model.Port;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;

/**
 * Reads what a container step runs, from {@code @ContainerStep} or {@code @ComponentFile} on a
 * {@code @Component} method, and checks it against the method's signature.
 */
public final class ContainerStepReader {

  private static final Pattern ANY_TAG = Pattern.compile("\\{\\{[^{}]*}}");

  /**
   * A container step as the method declares it.
   *
   * @param spec what runs
   * @param inputs the step's inputs in parameter order (named as the component file names them)
   * @param outputs the step's outputs (named as the component file names them)
   */
  public record Step(ContainerSpec spec, List<Port> inputs, List<Port> outputs) {}

  private final Diagnostics diagnostics;
  private final ComponentFiles files;

  public ContainerStepReader(Diagnostics diagnostics, ComponentFiles files) {
    this.diagnostics = diagnostics;
    this.files = files;
  }

  /** Whether {@code method} is declared as a container step, with or without {@code @Component}. */
  public static boolean declared(ExecutableElement method) {
    return method.getAnnotation(ContainerStep.class) != null || method.getAnnotation(ComponentFile.class) != null;
  }

  /** Reports a container-step annotation on a method that is not a {@code @Component}. */
  public void checkHasComponent(ExecutableElement method) {
    if (method.getAnnotation(Component.class) == null) {
      String annotation = method.getAnnotation(ContainerStep.class) != null ? "ContainerStep" : "ComponentFile";
      diagnostics.error(method, Message.CONTAINER_STEP_NOT_COMPONENT, annotation, method.getSimpleName(), method.getSimpleName());
    }
  }

  /**
   * The step, or empty when the method is not a container step or an error was reported (the caller
   * tells these apart by the error count).
   */
  public Optional<Step> read(ExecutableElement method, Component component, List<Port> inputs, List<Port> outputs,
      boolean recordOutputs) {
    ContainerStep inline = method.getAnnotation(ContainerStep.class);
    ComponentFile file = method.getAnnotation(ComponentFile.class);
    String methodName = method.getSimpleName().toString();
    if (inline != null && file != null) {
      diagnostics.error(method, Message.CONTAINER_STEP_AND_FILE, methodName);
      return Optional.empty();
    }
    Optional<Step> step;
    if (inline != null) {
      step = inline(method, inline, inputs, outputs);
    } else if (file != null) {
      step = new ComponentFileReader(diagnostics, files).read(method, file, inputs, outputs, recordOutputs);
    } else {
      return Optional.empty();
    }
    if (step.isPresent() && !component.image().isEmpty() && !component.image().equals(step.get().spec().image())) {
      AnnotationMirror mirror = ComponentValidator.Annotations.mirror(method, Component.class);
      diagnostics.error(method, mirror, ComponentValidator.Annotations.value(mirror, "image"),
          Message.CONTAINER_IMAGE_CONFLICT, methodName, component.image(), step.get().spec().image());
      return Optional.empty();
    }
    return step;
  }

  private Optional<Step> inline(ExecutableElement method, ContainerStep step, List<Port> inputs, List<Port> outputs) {
    int before = diagnostics.errorCount();
    String methodName = method.getSimpleName().toString();
    AnnotationMirror mirror = ComponentValidator.Annotations.mirror(method, ContainerStep.class);
    if (step.image().isBlank()) {
      diagnostics.error(method, mirror, ComponentValidator.Annotations.value(mirror, "image"),
          Message.CONTAINER_EMPTY_FIELD, "image", methodName, "image (e.g. python:3.12-slim)");
    }
    if (step.command().length == 0) {
      diagnostics.error(method, mirror, ComponentValidator.Annotations.value(mirror, "command"),
          Message.CONTAINER_EMPTY_FIELD, "command", methodName, "command (e.g. {\"python3\", \"/app/step.py\"})");
    }
    boolean context = step.protocol() == ContainerStep.Protocol.CONTEXT;
    Set<String> written = new TreeSet<>();
    for (String attribute : List.of("command", "args")) {
      String[] texts = attribute.equals("command") ? step.command() : step.args();
      for (String text : texts) {
        checkPlaceholders(method, mirror, attribute, text, context, inputs, outputs, written);
      }
    }
    if (!context) {
      for (Port output : outputs) {
        if (!written.contains(output.name())) {
          diagnostics.error(method, mirror, ComponentValidator.Annotations.value(mirror, "args"),
              Message.CONTAINER_OUTPUT_NOT_WRITTEN, output.name(), methodName, output.name());
        }
      }
    }
    if (diagnostics.errorCount() > before) {
      return Optional.empty();
    }
    ContainerSpec spec = new ContainerSpec(step.image(), List.of(step.command()), List.of(step.args()),
        context ? ContainerSpec.Protocol.CONTEXT : ContainerSpec.Protocol.PLAIN, "@ContainerStep");
    return Optional.of(new Step(spec, inputs, outputs));
  }

  private void checkPlaceholders(ExecutableElement method, AnnotationMirror mirror, String attribute, String text,
      boolean context, List<Port> inputs, List<Port> outputs, Set<String> written) {
    String methodName = method.getSimpleName().toString();
    Matcher tags = ANY_TAG.matcher(text);
    while (tags.find()) {
      String tag = tags.group();
      Matcher placeholder = ContainerSpec.PLACEHOLDER.matcher(tag);
      var at = ComponentValidator.Annotations.value(mirror, attribute);
      if (!placeholder.matches()) {
        diagnostics.error(method, mirror, at, Message.CONTAINER_BAD_PLACEHOLDER, tag, methodName);
      } else if (context) {
        diagnostics.error(method, mirror, at, Message.CONTAINER_CONTEXT_PLACEHOLDER, methodName, tag);
      } else {
        boolean isInput = placeholder.group(1).equals("inputs");
        List<Port> ports = isInput ? inputs : outputs;
        String name = placeholder.group(2);
        if (ports.stream().noneMatch(p -> p.name().equals(name))) {
          diagnostics.error(method, mirror, at, Message.CONTAINER_UNKNOWN_PLACEHOLDER, tag, methodName,
              isInput ? "parameter" : "output", ports.isEmpty() ? "none"
                  : String.join(", ", ports.stream().map(Port::name).toList()));
        } else if (ContainerSpec.field(placeholder) != ContainerSpec.Field.PATH
            && ports.stream().noneMatch(p -> p.name().equals(name) && p.type().isArtifact())) {
          diagnostics.error(method, mirror, at, Message.CONTAINER_BAD_PLACEHOLDER, tag, methodName); // .uri of a value
        } else if (!isInput) {
          written.add(name);
        }
      }
    }
  }

  /** Every placeholder name of a kind used in a spec ({@code inputs} or {@code outputs}). */
  static Set<String> used(ContainerSpec spec, String kind) {
    Set<String> names = new TreeSet<>();
    Stream.concat(spec.command().stream(), spec.args().stream()).forEach(text -> {
      Matcher matcher = ContainerSpec.PLACEHOLDER.matcher(text);
      while (matcher.find()) {
        if (matcher.group(1).equals(kind)) {
          names.add(matcher.group(2));
        }
      }
    });
    return names;
  }

  static List<String> names(List<Port> ports) {
    List<String> names = new ArrayList<>();
    ports.forEach(p -> names.add(p.name()));
    return names;
  }
}
