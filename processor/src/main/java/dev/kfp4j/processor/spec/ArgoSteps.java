package dev.kfp4j.processor.spec;

import static dev.kfp4j.processor.spec.Node.map;

import dev.kfp4j.processor.model.PipelineGraph;
import dev.kfp4j.processor.model.PipelineModel;
import dev.kfp4j.wire.EnvironmentVariables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The containers of an Argo workflow's steps: the run's storage environment (roots, endpoint, credentials from the
 * Secret), the command that starts a Java main class, and the templates of the run's own Java steps.
 */
final class ArgoSteps {

  private final SpecSettings settings;

  ArgoSteps(SpecSettings settings) {
    this.settings = settings;
  }

  SpecSettings settings() {
    return settings;
  }

  /** The image of the run's own steps (the start, loops' and conditions' steps, container steps' value transfers). */
  String javaImage(PipelineGraph graph) {
    PipelineModel root = graph.root();
    return root.image().isEmpty() ? settings.defaultImage(root.name()) : root.image();
  }

  /** A template running one of the runtime's main classes in the run's image, with these input parameters. */
  Map<String, Object> stepTemplate(PipelineGraph graph, String name, String mainClass, List<String> args,
      List<String> inputs, Map<String, Object> outputs) {
    Map<String, Object> template = map("name", name);
    template.put("inputs", map("parameters", inputs.stream().map(input -> (Object) map("name", input)).toList()));
    template.put("container", container(javaImage(graph), mainClass, args));
    template.put("outputs", outputs);
    return template;
  }

  /** A container running {@code mainClass} with the run's storage environment. */
  Map<String, Object> container(String image, String mainClass, List<String> args) {
    return container(image, settings.command(mainClass), args);
  }

  /** A container running {@code command} with the run's storage environment. */
  Map<String, Object> container(String image, List<String> command, List<String> args) {
    List<Object> env = new ArrayList<>();
    env.add(map("name", EnvironmentVariables.STORAGE_ROOTS, "value", settings.storageRoot() + "/"));
    if (!settings.s3Endpoint().isEmpty()) {
      env.add(map("name", EnvironmentVariables.S3_ENDPOINT, "value", settings.s3Endpoint()));
    }
    for (String variable : EnvironmentVariables.STORAGE_CREDENTIALS) {
      env.add(map("name", variable, "valueFrom", map("secretKeyRef",
          map("key", variable, "name", settings.storageSecret(), "optional", true))));
    }
    return map("args", args, "command", command, "env", env, "image", image);
  }

  /** The output of a step that writes its context to {@link ArgoWorkflowWriter#CONTEXT_FILE}. */
  static Map<String, Object> contextOutput() {
    return map("parameters", List.of(map("name", "context", "valueFrom", map("path", ArgoWorkflowWriter.CONTEXT_FILE))));
  }
}
