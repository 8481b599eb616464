package dev.kfp4j.processor.pipeline;

import com.sun.source.util.Trees;
import dev.kfp4j.processor.ProcessorOptions;
import dev.kfp4j.processor.diagnostic.Diagnostics;
import dev.kfp4j.processor.model.ComponentModel;
import dev.kfp4j.processor.validation.ValueTypes;
import java.util.Collection;
import java.util.Map;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ExecutableElement;

/** Reads each {@code @Pipeline} body into a model, checks the graph, and writes the specs. */
public final class PipelineStep {

  public PipelineStep(ProcessingEnvironment env, Trees trees, Diagnostics diagnostics, ValueTypes valueTypes,
      ProcessorOptions options, Map<ExecutableElement, ComponentModel> components) {
  }

  public void process(Collection<ExecutableElement> pipelines) {
  }
}
