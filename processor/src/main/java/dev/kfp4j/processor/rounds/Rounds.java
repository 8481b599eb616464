package dev.kfp4j.processor.rounds;

import dev.kfp4j.processor.model.ComponentModel;
import dev.kfp4j.processor.model.PipelineModel;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * What earlier rounds of this compilation decided: models, names already written, and the elements
 * deferred because their types were not there yet (another processor may generate them). Everything
 * is kept by qualified name, because javac creates new {@code Element} objects in every round.
 */
public final class Rounds {

  private final Map<String, ComponentModel> components = new HashMap<>();
  private final Map<String, Optional<PipelineModel>> pipelines = new HashMap<>();
  private final Set<String> deferredComponents = new TreeSet<>();
  private final Set<String> deferredPipelines = new TreeSet<>();
  private final Map<String, String> componentNames = new HashMap<>();
  private final Map<String, String> entrypoints = new HashMap<>();
  private final Map<String, String> pipelineNames = new HashMap<>();
  private boolean failed;
  private boolean optionsReported;
  private final java.util.Set<String> failedComponents = new java.util.HashSet<>();

  /** {@code com.acme.Stats#mean(java.util.List)}: stable across rounds once the method's types resolve. */
  public static String key(ExecutableElement method, Types types) {
    return owner(method) + "#" + method.getSimpleName() + method.getParameters().stream()
        .map(p -> types.erasure(p.asType()).toString()).collect(Collectors.joining(",", "(", ")"));
  }

  private static String owner(ExecutableElement method) {
    return ((TypeElement) method.getEnclosingElement()).getQualifiedName().toString();
  }

  private static String deferralKey(ExecutableElement method) {
    return owner(method) + "#" + method.getSimpleName();
  }

  /** Defers a {@code @Component} method to the next round. */
  public void deferComponent(ExecutableElement method) {
    deferredComponents.add(deferralKey(method));
  }

  /** Defers a {@code @Pipeline} method to the next round. */
  public void deferPipeline(ExecutableElement method) {
    deferredPipelines.add(deferralKey(method));
  }

  /** Whether {@code method} was deferred in this round. */
  public boolean componentDeferred(ExecutableElement method) {
    return deferredComponents.contains(deferralKey(method));
  }

  /** The methods deferred so far, looked up again in this round's elements; forgets them (defer again if needed). */
  public List<ExecutableElement> takeDeferredComponents(Elements elements, Class<? extends Annotation> annotation) {
    return take(deferredComponents, elements, annotation);
  }

  /** As {@link #takeDeferredComponents}, for pipelines. */
  public List<ExecutableElement> takeDeferredPipelines(Elements elements, Class<? extends Annotation> annotation) {
    return take(deferredPipelines, elements, annotation);
  }

  private static List<ExecutableElement> take(Set<String> deferred, Elements elements,
      Class<? extends Annotation> annotation) {
    List<ExecutableElement> found = new ArrayList<>();
    for (String key : deferred) {
      int hash = key.indexOf('#');
      TypeElement owner = elements.getTypeElement(key.substring(0, hash));
      if (owner == null) {
        continue; // its class is gone: nothing left to report on
      }
      for (ExecutableElement method : ElementFilter.methodsIn(owner.getEnclosedElements())) {
        if (method.getSimpleName().contentEquals(key.substring(hash + 1)) && method.getAnnotation(annotation) != null) {
          found.add(method);
        }
      }
    }
    deferred.clear();
    return found;
  }

  /** A valid component of an earlier or this round, by {@link #key}. */
  public Optional<ComponentModel> component(String key) {
    return Optional.ofNullable(components.get(key));
  }

  /** Records a valid component. */
  public void componentDone(String key, ComponentModel model) {
    components.put(key, model);
  }

  /** A pipeline finished in an earlier round (empty if it had errors), or null if it was not. */
  public Optional<PipelineModel> pipeline(String key) {
    return pipelines.get(key);
  }

  /** Records a pipeline that was read (empty if it had errors). */
  public void pipelineDone(String key, Optional<PipelineModel> model) {
    pipelines.put(key, model);
  }

  /** Every valid pipeline finished so far, by pipeline name. */
  public Map<String, PipelineModel> validPipelines() {
    Map<String, PipelineModel> byName = new HashMap<>();
    pipelines.values().forEach(m -> m.ifPresent(p -> byName.put(p.name(), p)));
    return byName;
  }

  /** Claims a component name in its class; returns the signature of the method that has it already, or null. */
  public String claimComponentName(String qualifiedName, String signature) {
    return componentNames.putIfAbsent(qualifiedName, signature);
  }

  /** Claims an entrypoint class name; returns the signature of the method that has it already, or null. */
  public String claimEntrypoint(String className, String signature) {
    return entrypoints.putIfAbsent(className, signature);
  }

  /** Claims a pipeline name; returns the method ({@code Owner.method}) that has it already, or null. */
  public String claimPipelineName(String name, String method) {
    return pipelineNames.putIfAbsent(name, method);
  }

  /** True the first time only: processor options are checked in every round but reported once. */
  public boolean reportOptionsOnce() {
    boolean first = !optionsReported;
    optionsReported = true;
    return first;
  }

  /** Records a component that is valid on its own but cannot be generated (its names clash), by {@link #key}. */
  public void componentFailed(String key) {
    failedComponents.add(key);
  }

  /** Whether the component (by {@link #key}) could not be generated; its error is reported on it already. */
  public boolean componentFailedEarlier(String key) {
    return failedComponents.contains(key);
  }

  /** Remembers that this compilation has an error, so that the last round does not add unresolved-type noise. */
  public void failed() {
    failed = true;
  }

  /** Whether an error was reported in an earlier round. */
  public boolean hasFailed() {
    return failed;
  }
}
