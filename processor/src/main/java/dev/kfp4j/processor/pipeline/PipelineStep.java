package dev.kfp4j.processor.pipeline;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.kfp4j.annotations.Pipeline;
import dev.kfp4j.processor.diagnostic.Diagnostics;
import dev.kfp4j.processor.diagnostic.Message;
import dev.kfp4j.processor.model.ComponentModel;
import dev.kfp4j.processor.model.PipelineGraph;
import dev.kfp4j.processor.model.PipelineModel;
import dev.kfp4j.processor.rounds.Rounds;
import dev.kfp4j.processor.validation.PipelineValidator;
import dev.kfp4j.processor.validation.ValueTypes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/** Reads each {@code @Pipeline} body into a model, checks the graph, and writes the specs. */
public final class PipelineStep implements PipelineReader.Callees {

  private final ProcessingEnvironment env;
  private final Trees trees;
  private final Diagnostics diagnostics;
  private final ValueTypes valueTypes;
  private final Rounds rounds;
  private final boolean lastRound;
  private final Map<ExecutableElement, Optional<PipelineModel>> models = new HashMap<>();
  /** Pipelines of this round that wait for a type or a callee that is not there yet. */
  private final Set<ExecutableElement> deferred = new HashSet<>();
  private final Deque<ExecutableElement> reading = new ArrayDeque<>();
  private final LibraryComponents library;

  /**
   * A step for one round. {@code rounds} holds the components of this and earlier rounds and the pipelines
   * of earlier rounds; in the {@code lastRound} nothing is deferred, so what is still missing is reported.
   */
  public PipelineStep(ProcessingEnvironment env, Trees trees, Diagnostics diagnostics, ValueTypes valueTypes,
      Rounds rounds, boolean lastRound) {
    this.env = env;
    this.trees = trees;
    this.diagnostics = diagnostics;
    this.valueTypes = valueTypes;
    this.rounds = rounds;
    this.lastRound = lastRound;
    this.library = new LibraryComponents(env.getFiler(), env.getElementUtils(), valueTypes);
  }

  /** A pipeline ready to be written, with the method it came from. */
  public record Checked(PipelineGraph graph, ExecutableElement method) {}

  /**
   * Models and checks every pipeline in {@code pipelines}; returns those without errors. Those that wait for
   * a type or callee that is not there yet are deferred in {@code rounds} instead.
   */
  public List<Checked> process(Collection<ExecutableElement> pipelines) {
    List<ExecutableElement> sorted = pipelines.stream()
        .sorted(java.util.Comparator.comparing(m -> ((TypeElement) m.getEnclosingElement()).getQualifiedName()
            + "#" + m.getSimpleName() + m.asType())).toList();
    Map<String, ExecutableElement> byName = new TreeMap<>();
    Map<String, PipelineModel> valid = new LinkedHashMap<>();
    for (ExecutableElement method : sorted) {
      diagnostics.guard(method, () -> claim(method, byName, valid));
    }
    models.forEach((method, model) -> rounds.pipelineDone(Rounds.key(method, env.getTypeUtils()), model));
    Map<String, PipelineModel> all = rounds.validPipelines();
    List<Checked> checked = new ArrayList<>();
    for (Map.Entry<String, PipelineModel> entry : valid.entrySet()) {
      ExecutableElement method = byName.get(entry.getKey());
      diagnostics.guard(method, () -> checked.add(new Checked(PipelineGraph.of(entry.getValue(), all), method)));
    }
    return checked;
  }

  /** Reads one pipeline of this round, defers it, or claims its name and adds it to {@code valid}. */
  private void claim(ExecutableElement method, Map<String, ExecutableElement> byName, Map<String, PipelineModel> valid) {
    Optional<PipelineModel> model = model(method);
    if (deferred.contains(method)) {
      rounds.deferPipeline(method);
      return;
    }
    if (model.isEmpty()) {
      return;
    }
    String previous = rounds.claimPipelineName(model.get().name(),
        ((TypeElement) method.getEnclosingElement()).getQualifiedName() + "." + method.getSimpleName());
    if (previous != null) {
      diagnostics.error(method, Message.DUPLICATE_PIPELINE_NAME, model.get().name(), previous);
      return;
    }
    byName.put(model.get().name(), method);
    valid.put(model.get().name(), model.get());
  }

  /**
   * The model of a pipeline method, read once; empty if it has errors or is deferred. A deferred pipeline
   * read for a caller defers that caller too ({@link Deferral}).
   */
  Optional<PipelineModel> model(ExecutableElement method) {
    Optional<PipelineModel> earlier = rounds.pipeline(Rounds.key(method, env.getTypeUtils()));
    if (earlier != null) {
      return earlier;
    }
    if (deferred.contains(method)) {
      if (!reading.isEmpty()) {
        throw new Deferral();
      }
      return Optional.empty();
    }
    Optional<PipelineModel> known = models.get(method);
    if (known != null) {
      return known;
    }
    reading.push(method);
    int before = diagnostics.errorCount();
    Optional<PipelineModel> model;
    boolean defer = false;
    try {
      model = read(method);
    } catch (Deferral deferral) {
      // With errors of its own already reported, the pipeline is invalid whatever the later rounds bring.
      defer = diagnostics.errorCount() == before;
      model = Optional.empty();
    } finally {
      reading.pop();
    }
    if (defer) {
      deferred.add(method);
      if (!reading.isEmpty()) {
        throw new Deferral();
      }
      return Optional.empty();
    }
    models.put(method, model);
    return model;
  }

  private Optional<PipelineModel> read(ExecutableElement method) {
    if (!lastRound && valueTypes.unresolved(method)) {
      throw new Deferral();
    }
    Optional<PipelineValidator.Signature> signature = new PipelineValidator(diagnostics, valueTypes).validate(method);
    TreePath path = trees.getPath(method);
    if (signature.isEmpty() || path == null) {
      return Optional.empty();
    }
    CompilationUnitTree unit = path.getCompilationUnit();
    MethodTree tree = (MethodTree) path.getLeaf();
    if (tree.getBody() == null) {
      diagnostics.error(method, Message.PIPELINE_WITHOUT_BODY, method.getSimpleName(),
          method.getModifiers().contains(Modifier.NATIVE) ? "it is native" : "it is abstract");
      return Optional.empty();
    }
    TypeElement enclosing = (TypeElement) method.getEnclosingElement();
    CallResolver resolver = new CallResolver(env.getElementUtils(), unit, enclosing);
    ConstantEvaluator constants = new ConstantEvaluator(env.getTypeUtils(), env.getElementUtils(), enclosing, resolver);
    return new PipelineReader(env.getTypeUtils(), env.getElementUtils(), trees, diagnostics, valueTypes, this, unit,
        resolver, constants, enclosing).read(method, tree, signature.get().name(), method.getAnnotation(Pipeline.class),
        signature.get().inputs());
  }

  @Override
  public Optional<PipelineModel> pipeline(ExecutableElement method, Tree at, CompilationUnitTree unit) {
    if (reading.contains(method)) {
      List<String> cycle = new ArrayList<>();
      for (ExecutableElement m : reading) {
        cycle.add(0, m.getSimpleName().toString());
        if (m.equals(method)) {
          break;
        }
      }
      cycle.add(method.getSimpleName().toString());
      diagnostics.error(Anchor.of(at), unit, Message.RECURSIVE_PIPELINE, method.getSimpleName(),
          cycle.stream().collect(Collectors.joining(" → ")));
      return Optional.empty();
    }
    if (trees.getPath(method) == null) {
      diagnostics.error(Anchor.of(at), unit, Message.PIPELINE_NOT_IN_SOURCE, method.getSimpleName());
      return Optional.empty();
    }
    return model(method);
  }

  @Override
  public Optional<ComponentModel> component(ExecutableElement method, Tree at, CompilationUnitTree unit) {
    Optional<ComponentModel> known = rounds.component(Rounds.key(method, env.getTypeUtils()));
    if (known.isPresent()) {
      return known;
    }
    if (rounds.componentDeferred(method)) {
      throw new Deferral();
    }
    if (rounds.componentFailedEarlier(Rounds.key(method, env.getTypeUtils()))) {
      return Optional.empty(); // its names clash: reported on it once
    }
    LibraryComponents.Lookup lookup = library.get(method);
    if (lookup.model().isPresent()) {
      return lookup.model();
    }
    if (!lookup.valid() && trees.getPath(method) != null) {
      return Optional.empty(); // in this compilation and invalid: its errors are reported on it
    }
    diagnostics.error(Anchor.of(at), unit, Message.LIBRARY_COMPONENT_NOT_PROCESSED, method.getSimpleName(), lookup.missing());
    return Optional.empty();
  }

  /**
   * Unwinds the reading of a pipeline (and of the pipelines reading it) when it needs a type or callee that is
   * not there yet; caught in {@link #model}, never leaves this class.
   */
  private static final class Deferral extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Deferral() {
      super(null, null, false, false);
    }
  }
}
