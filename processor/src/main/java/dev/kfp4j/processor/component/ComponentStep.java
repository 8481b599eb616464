package dev.kfp4j.processor.component;

import com.palantir.javapoet.ClassName;
import dev.kfp4j.processor.codegen.EntrypointWriter;
import dev.kfp4j.processor.codegen.OutputFiles;
import dev.kfp4j.processor.diagnostic.Diagnostics;
import dev.kfp4j.processor.diagnostic.Message;
import dev.kfp4j.processor.model.ComponentModel;
import dev.kfp4j.processor.model.EntrypointMode;
import dev.kfp4j.processor.rounds.Rounds;
import dev.kfp4j.processor.validation.ComponentFiles;
import dev.kfp4j.processor.validation.ComponentValidator;
import dev.kfp4j.processor.validation.ValueTypes;
import dev.kfp4j.wire.ResourceLayout;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * The {@code @Component} phase of a round: validates each method, claims its names, and writes its
 * entrypoint class (unless the shared entrypoint runs it) and its descriptor file. One bad method does not stop
 * the others.
 */
public final class ComponentStep {

  private final ProcessingEnvironment env;
  private final Diagnostics diagnostics;
  private final ValueTypes valueTypes;
  private final Rounds rounds;
  private final boolean lastRound;
  private final ComponentValidator validator;
  private EntrypointWriter writer; // made when a first entrypoint is written: none in the shared mode
  private final OutputFiles files;

  /** A step for one round; in the {@code lastRound} nothing is deferred, so what is still missing is reported. */
  public ComponentStep(ProcessingEnvironment env, Diagnostics diagnostics, ValueTypes valueTypes, Rounds rounds,
      boolean lastRound, EntrypointMode mode) {
    this.env = env;
    this.diagnostics = diagnostics;
    this.valueTypes = valueTypes;
    this.rounds = rounds;
    this.lastRound = lastRound;
    this.validator = new ComponentValidator(diagnostics, valueTypes, ComponentFiles.of(env.getFiler()), mode);
    this.files = new OutputFiles(env.getFiler(), diagnostics);
  }

  /** Processes every method of {@code components}, in a stable order; those whose types are not there yet are deferred. */
  public void process(Collection<ExecutableElement> components) {
    components.stream().sorted(Comparator.comparing(ComponentStep::sortKey)).forEach(method ->
        diagnostics.guard(method, () -> process(method)));
  }

  private void process(ExecutableElement method) {
    if (!lastRound && valueTypes.unresolved(method)) {
      rounds.deferComponent(method);
      return;
    }
    Optional<ComponentModel> valid = validator.validate(method);
    if (valid.isEmpty()) {
      return;
    }
    ComponentModel model = valid.get();
    String key = Rounds.key(method, env.getTypeUtils());
    String previous = rounds.claimComponentName(model.owner().canonicalName() + "#" + model.name(), signature(method));
    if (previous != null) {
      diagnostics.error(method, Message.DUPLICATE_COMPONENT_NAME, model.name(), previous);
      rounds.componentFailed(key);
      return;
    }
    // Overloads with distinct explicit names would still share one entrypoint class and descriptor file,
    // and so would methods whose class and method names join to the same generated name.
    String owner = model.owner().canonicalName();
    previous = rounds.claimEntrypoint(model.entrypoint().canonicalName(), owner + "." + signature(method));
    if (previous != null) {
      if (previous.startsWith(owner + "." + method.getSimpleName() + "(")) {
        diagnostics.error(method, Message.OVERLOADED_COMPONENT_METHOD, signature(method),
            previous.substring(owner.length() + 1), model.launch().isGenerated()
                ? "the entrypoint class " + model.entrypoint().simpleName()
                : "the address " + String.join(" ", model.launch().arguments()) + " (and one descriptor file)");
      } else {
        diagnostics.error(method, Message.ENTRYPOINT_NAME_CLASH, owner + "." + signature(method),
            model.entrypoint().canonicalName(), previous);
      }
      rounds.componentFailed(key);
      return;
    }
    rounds.componentDone(key, model);
    // A container step runs its own program, and the shared entrypoint runs a component from its descriptor.
    if (model.runsGeneratedEntrypoint()) {
      if (writer == null) {
        writer = new EntrypointWriter(generatedAnnotation(env));
      }
      files.source(writer.write(model, method), method);
    }
    files.resource(ResourceLayout.descriptor(model.owner().canonicalName(), model.methodName()),
        model.descriptor().write(), method);
  }

  private static Optional<ClassName> generatedAnnotation(ProcessingEnvironment env) {
    TypeElement generated = env.getElementUtils().getTypeElement("javax.annotation.processing.Generated");
    return generated == null ? Optional.empty() : Optional.of(ClassName.get(generated));
  }

  private static String signature(ExecutableElement method) {
    return method.getSimpleName() + method.getParameters().stream()
        .map(p -> p.asType().toString()).collect(Collectors.joining(", ", "(", ")"));
  }

  /** {@code com.acme.Steps#add(java.util.List<java.lang.Integer>)int}: the order methods are processed in. */
  private static String sortKey(ExecutableElement method) {
    return ((TypeElement) method.getEnclosingElement()).getQualifiedName() + "#" + method.getSimpleName() + method.asType();
  }
}
