package dev.kfp4j.processor.spec;

import dev.kfp4j.processor.codegen.OutputFiles;
import dev.kfp4j.processor.diagnostic.Diagnostics;
import dev.kfp4j.processor.model.ComponentModel;
import dev.kfp4j.processor.model.PipelineGraph;
import java.util.Map;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;

/**
 * Writes a pipeline's files under {@code META-INF/kfp4j/<pipeline>/} in the class output:
 * {@code pipeline.yaml} (KFP IR), {@code workflow.yaml} (Argo), {@code components/<key>.yaml} and
 * {@code pipeline.mmd}.
 */
public final class SpecFiles {

  /** The folder of a pipeline's files. */
  public static String folder(String pipeline) {
    return "META-INF/kfp4j/" + pipeline + "/";
  }

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
    if (!ArgoLimits.check(graph, origin, diagnostics)) {
      return;
    }
    String folder = folder(graph.root().name());
    // After the first failure the others would fail the same way: one error is enough.
    boolean written = files.resource(folder + "pipeline.yaml", kfp.write(graph), origin)
        && files.resource(folder + "workflow.yaml", argo.write(graph), origin)
        && files.resource(folder + "pipeline.mmd", mermaid.write(graph), origin);
    for (Map.Entry<String, ComponentModel> component : graph.components().entrySet()) {
      written = written && files.resource(folder + "components/" + component.getKey() + ".yaml",
          kfp.writeComponent(graph, component.getKey(), component.getValue()), origin);
    }
  }
}
