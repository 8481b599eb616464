package dev.kfp4j.processor.spec;

import dev.kfp4j.processor.ProcessorOptions;
import dev.kfp4j.processor.model.PipelineGraph;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

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

  private final Filer filer;
  private final Messager messager;
  private final KfpIrWriter kfp;
  private final ArgoWorkflowWriter argo;
  private final MermaidWriter mermaid = new MermaidWriter();

  public SpecFiles(Filer filer, Messager messager, ProcessorOptions options) {
    this.filer = filer;
    this.messager = messager;
    SpecSettings settings = new SpecSettings(options.image(), options.classpath(), options.javaCommand(),
        options.storageRoot(), options.storageSecret(), options.s3Endpoint(), options.jvmOptions(), options.cdsArchive(),
        options.aotCache());
    this.kfp = new KfpIrWriter(settings);
    this.argo = new ArgoWorkflowWriter(settings);
  }

  /** Writes every file of {@code graph}'s pipeline; {@code origin} is the pipeline method. */
  public void write(PipelineGraph graph, Element origin) {
    String folder = folder(graph.root().name());
    write(folder + "pipeline.yaml", kfp.write(graph), origin);
    write(folder + "workflow.yaml", argo.write(graph), origin);
    write(folder + "pipeline.mmd", mermaid.write(graph), origin);
    graph.components().forEach((key, component) ->
        write(folder + "components/" + key + ".yaml", kfp.writeComponent(graph, key, component), origin));
  }

  private void write(String path, String text, Element origin) {
    try {
      FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", path, origin);
      try (OutputStream out = file.openOutputStream()) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      messager.printMessage(Diagnostic.Kind.ERROR, "[kfp4j:WriteFailed] could not write " + path + ": " + e.getMessage(), origin);
    }
  }
}
