package dev.kfp4j.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Optional;

/**
 * A validated {@code @Pipeline} method: its inputs, tasks in body order, and outputs.
 *
 * @param name the pipeline name
 * @param description its description, may be empty
 * @param image its default component image, may be empty
 * @param owner the declaring class
 * @param methodName the Java method name
 * @param inputs the pipeline's parameters
 * @param tasks the tasks, in the order the body calls them
 * @param outputs the pipeline's outputs ({@code Output}, or one per record component), each with its source
 * @param options the option annotations on the pipeline method: the defaults of its tasks (already merged into
 *     each component call's options)
 */
public record PipelineModel(String name, String description, String image, ClassName owner, String methodName,
    List<Port> inputs, List<Task> tasks, List<Binding> outputs, TaskOptions options) {

  /** A pipeline without option annotations. */
  public PipelineModel(String name, String description, String image, ClassName owner, String methodName,
      List<Port> inputs, List<Task> tasks, List<Binding> outputs) {
    this(name, description, image, owner, methodName, inputs, tasks, outputs, TaskOptions.NONE);
  }

  public PipelineModel {
    inputs = List.copyOf(inputs);
    tasks = List.copyOf(tasks);
    outputs = List.copyOf(outputs);
  }

  /** The task of that name, in the pipeline's DAG or in a scope (a loop body) inside it. */
  public Optional<Task> task(String name) {
    return Tasks.find(tasks, name);
  }

  /** {@code com.example.Average.average}. */
  public String qualifiedMethod() {
    return owner.canonicalName() + "." + methodName;
  }
}
