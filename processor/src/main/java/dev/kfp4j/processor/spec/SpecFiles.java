package dev.kfp4j.processor.spec;

import dev.kfp4j.processor.codegen.OutputFiles;
import dev.kfp4j.processor.diagnostic.Diagnostics;
import dev.kfp4j.processor.model.ComponentModel;
import dev.kfp4j.processor.model.PipelineGraph;
import dev.kfp4j.processor.model.PipelineModel;
import dev.kfp4j.processor.model.Port;
import dev.kfp4j.wire.PipelineDescriptorFile;
import dev.kfp4j.wire.ResourceLayout;
import java.util.Map;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;

/**
 * Writes a pipeline's files in the class output, where {@link ResourceLayout} puts them:
 * {@code pipeline.yaml} (KFP IR), {@code workflow.yaml} (Argo), {@code components/<key>.yaml} and
 * {@code pipeline.mmd} and {@code pipeline.descriptor}.
 */
public final class SpecFiles {

  private final OutputFiles files;
  private final Diagnostics diagnostics;
  private final KfpIrWriter kfp;
  private final ArgoWorkflowWriter argo;
  private final MermaidWriter mermaid = new MermaidWriter();

  public SpecFiles(Filer filer, Diagnostics diagnostics, SpecSettings settings) {
    this.files = new OutputFiles(filer, diagnostics);
    this.diagnostics = diagnostics;
    this.kfp = new KfpIrWriter(settings);
    this.argo = new ArgoWorkflowWriter(settings);
  }

  /**
   * Writes every file of {@code graph}'s pipeline; {@code origin} is the pipeline method. Writes none if the
   * pipeline exceeds one of {@link ArgoLimits}.
   */
  public void write(PipelineGraph graph, Element origin) {
    if (!ArgoLimits.check(argo, graph, origin, diagnostics)) {
      return;
    }
    String name = graph.root().name();
    // After the first failure the others would fail the same way: one error is enough.
    boolean written = files.resource(ResourceLayout.pipelineSpec(name), kfp.write(graph), origin)
        && files.resource(ResourceLayout.workflow(name), argo.write(graph), origin)
        && files.resource(ResourceLayout.diagram(name), mermaid.write(graph), origin)
        && files.resource(ResourceLayout.pipelineDescriptor(name), descriptor(graph.root()), origin);
    for (Map.Entry<String, ComponentModel> component : graph.components().entrySet()) {
      written = written && files.resource(ResourceLayout.componentSpec(name, component.getKey()),
          kfp.writeComponent(graph, component.getKey(), component.getValue()), origin);
    }
  }

  /** The pipeline's method and parameter names in order, for a runner to find their Java types. */
  private static String descriptor(PipelineModel pipeline) {
    return new PipelineDescriptorFile(pipeline.name(), pipeline.qualifiedMethod(),
        pipeline.inputs().stream().map(Port::name).toList()).write();
  }
}
