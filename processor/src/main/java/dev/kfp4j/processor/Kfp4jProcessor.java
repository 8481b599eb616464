package dev.kfp4j.processor;

import com.google.auto.service.AutoService;
import com.sun.source.util.Trees;
import dev.kfp4j.annotations.Component;
import dev.kfp4j.annotations.ComponentFile;
import dev.kfp4j.annotations.ContainerStep;
import dev.kfp4j.annotations.Pipeline;
import dev.kfp4j.processor.component.ComponentStep;
import dev.kfp4j.processor.diagnostic.Diagnostics;
import dev.kfp4j.processor.diagnostic.Message;
import dev.kfp4j.processor.pipeline.PipelineStep;
import dev.kfp4j.processor.rounds.Rounds;
import dev.kfp4j.processor.spec.SpecFiles;
import dev.kfp4j.processor.validation.ComponentFiles;
import dev.kfp4j.processor.validation.ContainerStepReader;
import dev.kfp4j.processor.validation.LocalClasses;
import dev.kfp4j.processor.validation.ValueTypes;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * The kfp4j annotation processor: {@code @Component} methods → entrypoint classes (none with
 * {@code -Akfp4j.entrypoints=shared}) and descriptors; {@code @Pipeline}
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

  /**
   * Runs one round. Returns {@code false}: the annotations are not claimed, so other processors may read
   * them too (as AutoValue's processor does). Each element's failure is reported on it
   * ({@link Diagnostics#guard}); whatever escapes that is one error for the round, never javac's
   * "an annotation processor threw an uncaught exception".
   */
  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    try {
      processRound(round);
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      new Diagnostics(processingEnv.getMessager(), null).error(Message.INTERNAL_ERROR,
          "this round's sources " + round.getRootElements().stream().map(Object::toString).sorted().limit(3).toList(),
          Diagnostics.describe(e));
      rounds.failed();
    }
    return false;
  }

  private void processRound(RoundEnvironment round) {
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
      return;
    }
    boolean lastRound = round.processingOver();
    if (lastRound && (rounds.hasFailed() || round.errorRaised())) {
      // Types still missing now are most likely a consequence of that error (a generator that failed).
      return;
    }
    Trees trees;
    try {
      trees = Trees.instance(processingEnv);
    } catch (IllegalArgumentException e) {
      new Diagnostics(processingEnv.getMessager(), null).error(Message.UNSUPPORTED_COMPILER);
      rounds.failed();
      return;
    }
    Diagnostics diagnostics = new Diagnostics(processingEnv.getMessager(), trees);
    ProcessorOptions options = ProcessorOptions.parse(processingEnv.getOptions(),
        rounds.reportOptionsOnce() ? diagnostics : Diagnostics.quiet());
    ValueTypes valueTypes = new ValueTypes();
    new ComponentStep(processingEnv, diagnostics, valueTypes, rounds, lastRound, options.entrypoints())
        .process(componentMethods);
    List<PipelineStep.Checked> pipelines = new PipelineStep(processingEnv, trees, diagnostics, valueTypes, rounds,
        lastRound).process(pipelineMethods);
    SpecFiles files = new SpecFiles(processingEnv.getFiler(), diagnostics, options.specSettings());
    for (PipelineStep.Checked pipeline : pipelines) {
      diagnostics.guard(pipeline.method(), () -> files.write(pipeline.graph(), pipeline.method()));
    }
    if (diagnostics.errorCount() > 0) {
      rounds.failed();
    }
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
}
