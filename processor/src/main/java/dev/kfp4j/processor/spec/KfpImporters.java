package dev.kfp4j.processor.spec;

import dev.kfp4j.processor.model.PipelineModel;
import dev.kfp4j.processor.model.Port;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns the root pipeline's {@code Path} parameters into KFP importer tasks, as KFP's compiler does for
 * {@code dsl.importer(artifact_uri=<pipeline parameter>)}: the run takes the object's address as a STRING
 * parameter, an {@code importer-<parameter>} task (an {@code importer} executor, no container) turns it into
 * an artifact, and every root task that read the parameter as {@code componentInputArtifact} reads the
 * importer's {@code artifact} output instead. Nested pipelines keep artifact inputs: their callers pass them.
 */
final class KfpImporters {

  /** The importer's output, as KFP names it. */
  static final String OUTPUT = "artifact";
  private static final String URI_INPUT = "uri";

  private KfpImporters() {}

  /** Rewrites the root DAG {@code root} (its {@code dag} and {@code inputDefinitions}) and adds importer components and executors. */
  @SuppressWarnings("unchecked")
  static void addTo(PipelineModel pipeline, Map<String, Object> root, Map<String, Object> components,
      Map<String, Object> executors) {
    List<Port> imported = pipeline.inputs().stream().filter(p -> p.type().isArtifact()).toList();
    if (imported.isEmpty()) {
      return;
    }
    Map<String, Object> definitions = (Map<String, Object>) root.get("inputDefinitions");
    Map<String, Object> artifacts = (Map<String, Object>) definitions.get("artifacts");
    Map<String, Object> parameters = (Map<String, Object>) definitions.computeIfAbsent("parameters", k -> new TreeMap<>());
    Map<String, Object> tasks = (Map<String, Object>) ((Map<String, Object>) root.get("dag")).get("tasks");
    for (Port input : imported) {
      artifacts.remove(input.name());
      parameters.put(input.name(), Node.map("parameterType", "STRING"));
      String name = unique("importer-" + input.name(), tasks, components);
      Map<String, Object> schema = Node.map("schemaTitle", input.type().artifactType(),
          "schemaVersion", KfpIrWriter.ARTIFACT_SCHEMA_VERSION);
      Map<String, Object> component = new LinkedHashMap<>();
      component.put("executorLabel", "exec-" + name);
      component.put("inputDefinitions", Node.map("parameters", Node.map(URI_INPUT, Node.map("parameterType", "STRING"))));
      component.put("outputDefinitions", Node.map("artifacts", Node.map(OUTPUT, Node.map("artifactType", schema))));
      components.put("comp-" + name, component);
      executors.put("exec-" + name, Node.map("importer", Node.map(
          "artifactUri", Node.map("runtimeParameter", URI_INPUT), "typeSchema", schema)));
      Map<String, Object> task = new LinkedHashMap<>();
      task.put("cachingOptions", Node.map("enableCache", true));
      task.put("componentRef", Node.map("name", "comp-" + name));
      task.put("inputs", Node.map("parameters", Node.map(URI_INPUT, Node.map("componentInputParameter", input.name()))));
      task.put("taskInfo", Node.map("name", name));
      for (Object other : tasks.values()) {
        rewire((Map<String, Object>) other, input.name(), name);
      }
      tasks.put(name, task);
    }
    if (artifacts.isEmpty()) {
      definitions.remove("artifacts");
    }
  }

  @SuppressWarnings("unchecked")
  private static void rewire(Map<String, Object> task, String parameter, String importer) {
    Object inputs = task.get("inputs");
    if (!(inputs instanceof Map<?, ?> map) || !(map.get("artifacts") instanceof Map<?, ?> artifacts)) {
      return;
    }
    boolean uses = false;
    for (Map.Entry<String, Object> artifact : ((Map<String, Object>) artifacts).entrySet()) {
      Map<String, Object> source = (Map<String, Object>) artifact.getValue();
      if (parameter.equals(source.get("componentInputArtifact"))) {
        artifact.setValue(Node.map("taskOutputArtifact", Node.map("outputArtifactKey", OUTPUT, "producerTask", importer)));
        uses = true;
      }
    }
    if (uses) {
      TreeSet<String> dependencies = new TreeSet<>();
      if (task.get("dependentTasks") instanceof List<?> list) {
        list.forEach(d -> dependencies.add((String) d));
      }
      dependencies.add(importer);
      // dependentTasks sits after componentRef, before inputs: rebuild the map in KFP's key order.
      Map<String, Object> ordered = new LinkedHashMap<>();
      for (Map.Entry<String, Object> entry : new ArrayList<>(task.entrySet())) {
        if (entry.getKey().equals("inputs")) {
          ordered.put("dependentTasks", List.copyOf(dependencies));
        }
        if (!entry.getKey().equals("dependentTasks")) {
          ordered.put(entry.getKey(), entry.getValue());
        }
      }
      task.clear();
      task.putAll(ordered);
    }
  }

  private static String unique(String base, Map<String, Object> tasks, Map<String, Object> components) {
    String name = base;
    for (int n = 2; tasks.containsKey(name) || components.containsKey("comp-" + name); n++) {
      name = base + "-" + n;
    }
    return name;
  }
}
