package dev.kfp4j.processor.spec;

import dev.kfp4j.processor.model.PipelineGraph;
import dev.kfp4j.processor.model.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the tasks of the DAG templates of one workflow, each kind of task by its own class ({@link ArgoComponents},
 * {@link ArgoPipelines}, {@link ArgoLoops}, {@link ArgoConditions}, {@link ArgoExitHandlers}). A kind of task that
 * opens a scope of its own adds the scope's templates (a loop's iteration, a branch, …) to this writer's list, in
 * the order they are written.
 */
final class ArgoDagWriter {

  private final PipelineGraph graph;
  private final ArgoSteps steps;
  private final List<Object> templates = new ArrayList<>();

  ArgoDagWriter(PipelineGraph graph, ArgoSteps steps) {
    this.graph = graph;
    this.steps = steps;
  }

  PipelineGraph graph() {
    return graph;
  }

  ArgoSteps steps() {
    return steps;
  }

  /** Adds the template of a scope (or of a step) a task runs. */
  void addTemplate(Map<String, Object> template) {
    templates.add(template);
  }

  /** The templates the scopes written so far added, in order. */
  List<Object> templates() {
    return templates;
  }

  /** The DAG tasks of {@code tasks} written into {@code scope}, in order; a task may be written as several. */
  List<Object> tasks(List<Task> tasks, ArgoScope scope) {
    List<Object> specs = new ArrayList<>();
    for (Task task : tasks) {
      String contexts = scope.contexts(task);
      specs.addAll(task.accept(new Task.Visitor<List<Object>>() {
        @Override
        public List<Object> componentCall(Task.ComponentCall call) {
          return List.of(ArgoComponents.task(ArgoDagWriter.this, call, scope, contexts));
        }

        @Override
        public List<Object> pipelineCall(Task.PipelineCall call) {
          return List.of(ArgoPipelines.task(ArgoDagWriter.this, call, scope, contexts));
        }

        @Override
        public List<Object> loop(Task.Loop loop) {
          return ArgoLoops.tasks(ArgoDagWriter.this, loop, scope, contexts);
        }

        @Override
        public List<Object> condition(Task.Condition condition) {
          return ArgoConditions.tasks(ArgoDagWriter.this, condition, scope, contexts);
        }

        @Override
        public List<Object> exitHandler(Task.ExitHandler handler) {
          return List.of(ArgoExitHandlers.task(ArgoDagWriter.this, handler, scope, contexts));
        }
      }));
    }
    return specs;
  }
}
