package dev.kfp4j.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import com.sun.source.util.Trees;
import dev.kfp4j.annotations.Component;
import dev.kfp4j.annotations.ComponentFile;
import dev.kfp4j.annotations.ContainerStep;
import dev.kfp4j.annotations.Pipeline;
import dev.kfp4j.processor.codegen.EntrypointWriter;
import dev.kfp4j.processor.diagnostic.Diagnostics;
import dev.kfp4j.processor.diagnostic.Message;
import dev.kfp4j.processor.model.ComponentDescriptorFile;
import dev.kfp4j.processor.model.ComponentModel;
import dev.kfp4j.processor.pipeline.PipelineStep;
import dev.kfp4j.processor.rounds.Rounds;
import dev.kfp4j.processor.spec.SpecFiles;
import dev.kfp4j.processor.validation.ComponentFiles;
import dev.kfp4j.processor.validation.ComponentValidator;
import dev.kfp4j.processor.validation.ContainerStepReader;
import dev.kfp4j.processor.validation.LocalClasses;
import dev.kfp4j.processor.validation.ValueTypes;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The kfp4j annotation processor: {@code @Component} methods → entrypoint classes; {@code @Pipeline}
 * methods → KFP IR, Argo Workflow, component specs and a diagram under {@code META-INF/kfp4j/}.
 *
 * <p>Options: {@code -Akfp4j.image=IMAGE} (default container image), see {@link ProcessorOptions}.
 */
@AutoService(Processor.class)
public final class Kfp4jProcessor extends AbstractProcessor {

  /** What earlier rounds decided; the one piece of state that must outlive a round. */
  private final Rounds rounds = new Rounds();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(Component.class.getCanonicalName(), Pipeline.class.getCanonicalName(),
        ContainerStep.class.getCanonicalName(), ComponentFile.class.getCanonicalName());
  }

  @Override
  public Set<String> getSupportedOptions() {
    return ProcessorOptions.NAMES;
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      return processRound(annotations, round);
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      // Never let javac say "an annotation processor threw an uncaught exception": one error line instead.
      StackTraceElement where = e.getStackTrace().length == 0 ? null : e.getStackTrace()[0];
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, Message.INTERNAL_ERROR.format(
          round.getRootElements().stream().map(Object::toString).sorted().limit(3).toList(),
          e + (where == null ? "" : " at " + where)));
      rounds.failed();
      return true;
    }
  }

  private boolean processRound(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    List<ExecutableElement> componentMethods = withDeferred(round.getElementsAnnotatedWith(Component.class),
        rounds.takeDeferredComponents(processingEnv.getElementUtils(), Component.class));
    List<ExecutableElement> pipelineMethods = withDeferred(round.getElementsAnnotatedWith(Pipeline.class),
        rounds.takeDeferredPipelines(processingEnv.getElementUtils(), Pipeline.class));
    Diagnostics containerStepChecks = new Diagnostics(processingEnv.getMessager(), null);
    for (ExecutableElement method : ElementFilter.methodsIn(round.getElementsAnnotatedWithAny(
        Set.of(ContainerStep.class, ComponentFile.class)))) {
      new ContainerStepReader(containerStepChecks, ComponentFiles.NONE).checkHasComponent(method);
    }
    if (containerStepChecks.errorCount() > 0) {
      rounds.failed();
    }
    reportLocalClasses(round);
    if (componentMethods.isEmpty() && pipelineMethods.isEmpty()) {
      return !annotations.isEmpty();
    }
    boolean lastRound = round.processingOver();
    if (lastRound && (rounds.hasFailed() || round.errorRaised())) {
      // Types still missing now are most likely a consequence of that error (a generator that failed).
      return !annotations.isEmpty();
    }
    Trees trees;
    try {
      trees = Trees.instance(processingEnv);
    } catch (IllegalArgumentException e) {
      processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
          "[kfp4j:UnsupportedCompiler] kfp4j reads @Pipeline bodies with javac's Tree API; compile with javac");
      rounds.failed();
      return true;
    }
    Diagnostics diagnostics = new Diagnostics(processingEnv.getMessager(), trees);
    ProcessorOptions options = ProcessorOptions.parse(processingEnv.getOptions(), diagnostics, processingEnv.getMessager(),
        rounds.reportOptionsOnce());
    ValueTypes valueTypes = new ValueTypes();
    components(componentMethods, lastRound, diagnostics, valueTypes);
    List<PipelineStep.Checked> pipelines = new PipelineStep(processingEnv, trees, diagnostics, valueTypes, rounds,
        lastRound).process(pipelineMethods);
    SpecFiles files = new SpecFiles(processingEnv.getFiler(), processingEnv.getMessager(), options);
    for (PipelineStep.Checked pipeline : pipelines) {
      files.write(pipeline.graph(), pipeline.method());
    }
    if (diagnostics.errorCount() > 0) {
      rounds.failed();
    }
    return true;
  }

  /** Annotated methods in local and anonymous classes, which javac does not hand to processors. */
  private void reportLocalClasses(RoundEnvironment round) {
    try {
      Trees trees = Trees.instance(processingEnv);
      Diagnostics diagnostics = new Diagnostics(processingEnv.getMessager(), trees);
      LocalClasses.report(round.getRootElements(), trees, diagnostics);
      if (diagnostics.errorCount() > 0) {
        rounds.failed();
      }
    } catch (IllegalArgumentException e) {
      // Not javac: reported as UnsupportedCompiler where the Tree API is needed.
    }
  }

  /** This round's annotated methods and the deferred ones looked up again, without duplicates. */
  private static List<ExecutableElement> withDeferred(Set<? extends Element> annotated, List<ExecutableElement> deferred) {
    Set<ExecutableElement> methods = new LinkedHashSet<>(ElementFilter.methodsIn(annotated));
    methods.addAll(deferred);
    return List.copyOf(methods);
  }

  private void components(List<ExecutableElement> annotated, boolean lastRound, Diagnostics diagnostics,
      ValueTypes valueTypes) {
    ComponentValidator validator = new ComponentValidator(diagnostics, valueTypes,
        ComponentFiles.of(processingEnv.getFiler()));
    EntrypointWriter writer = new EntrypointWriter(generatedAnnotation());
    Map<ExecutableElement, ComponentModel> valid = new LinkedHashMap<>();
    List<ExecutableElement> methods = annotated.stream()
        .sorted(Comparator.comparing(Kfp4jProcessor::sortKey)).toList();
    for (ExecutableElement method : methods) {
      if (!lastRound && valueTypes.unresolved(method)) {
        rounds.deferComponent(method);
        continue;
      }
      Optional<ComponentModel> model = validator.validate(method);
      if (model.isEmpty()) {
        continue;
      }
      String previous = rounds.claimComponentName(model.get().owner().canonicalName() + "#" + model.get().name(),
          signature(method));
      String key = Rounds.key(method, processingEnv.getTypeUtils());
      if (previous != null) {
        diagnostics.error(method, Message.DUPLICATE_COMPONENT_NAME, model.get().name(), previous);
        rounds.componentFailed(key);
        continue;
      }
      // Overloads with distinct explicit names would still share one entrypoint class and descriptor file,
      // and so would methods whose class and method names join to the same generated name.
      String owner = model.get().owner().canonicalName();
      previous = rounds.claimEntrypoint(model.get().entrypoint().canonicalName(), owner + "." + signature(method));
      if (previous != null) {
        if (previous.startsWith(owner + "." + method.getSimpleName() + "(")) {
          diagnostics.error(method, Message.OVERLOADED_COMPONENT_METHOD, signature(method),
              previous.substring(owner.length() + 1), model.get().entrypoint().simpleName());
        } else {
          diagnostics.error(method, Message.ENTRYPOINT_NAME_CLASH, owner + "." + signature(method),
              model.get().entrypoint().canonicalName(), previous);
        }
        rounds.componentFailed(key);
        continue;
      }
      valid.put(method, model.get());
      rounds.componentDone(key, model.get());
    }
    for (Map.Entry<ExecutableElement, ComponentModel> entry : valid.entrySet()) {
      ComponentModel component = entry.getValue();
      try {
        if (!component.isContainerStep()) { // a container step runs its own program: no entrypoint
          writer.write(component, entry.getKey()).writeTo(processingEnv.getFiler());
        }
        FileObject descriptor = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "",
            ComponentDescriptorFile.path(component.owner().canonicalName(), component.methodName()), entry.getKey());
        try (Writer out = new java.io.OutputStreamWriter(descriptor.openOutputStream(), StandardCharsets.UTF_8)) {
          out.write(ComponentDescriptorFile.write(component));
        }
      } catch (IOException e) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
            "[kfp4j:WriteFailed] could not write the entrypoint of '" + component.name() + "': " + e.getMessage(),
            entry.getKey());
      }
    }
  }

  private Optional<ClassName> generatedAnnotation() {
    TypeElement generated = processingEnv.getElementUtils().getTypeElement("javax.annotation.processing.Generated");
    return generated == null ? Optional.empty() : Optional.of(ClassName.get(generated));
  }

  private static String signature(ExecutableElement method) {
    return method.getSimpleName() + method.getParameters().stream()
        .map(p -> p.asType().toString()).collect(java.util.stream.Collectors.joining(", ", "(", ")"));
  }

  static String sortKey(Element element) {
    Element owner = element.getEnclosingElement();
    String ownerName = owner.getKind() == ElementKind.PACKAGE ? "" : ((TypeElement) owner).getQualifiedName().toString();
    return ownerName + "#" + element.getSimpleName() + element.asType();
  }
}
