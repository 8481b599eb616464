package dev.kfp4j.e2e.standin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Orders DAG tasks so that each comes after what it depends on (declaration order among the ready ones). */
final class TopologicalTasks {

  private TopologicalTasks() {}

  /** Argo DAG tasks (an array of {@code {name, dependencies, …}}) in an order that respects {@code dependencies}. */
  static List<JsonNode> order(JsonNode tasks) {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    tasks.forEach(task -> byName.put(task.path("name").asText(), task));
    return order(byName, task -> names(task.path("dependencies")));
  }

  /** KFP DAG tasks (a map name → {@code {dependentTasks, …}}) in an order that respects {@code dependentTasks}. */
  static List<Map.Entry<String, JsonNode>> orderKfp(JsonNode tasks) {
    Map<String, Map.Entry<String, JsonNode>> byName = new LinkedHashMap<>();
    tasks.properties().forEach(entry -> byName.put(entry.getKey(), entry));
    return order(byName, entry -> names(entry.getValue().path("dependentTasks")));
  }

  private static <T> List<T> order(Map<String, T> byName, Function<T, Set<String>> dependencies) {
    List<T> ordered = new ArrayList<>();
    Set<String> placed = new LinkedHashSet<>();
    while (placed.size() < byName.size()) {
      boolean progress = false;
      for (Map.Entry<String, T> task : byName.entrySet()) {
        Set<String> needs = dependencies.apply(task.getValue());
        for (String need : needs) {
          if (!byName.containsKey(need)) {
            throw new IllegalStateException("task '" + task.getKey() + "' depends on unknown task '" + need + "'");
          }
        }
        if (!placed.contains(task.getKey()) && placed.containsAll(needs)) {
          placed.add(task.getKey());
          ordered.add(task.getValue());
          progress = true;
        }
      }
      if (!progress) {
        throw new IllegalStateException("the tasks' dependencies form a cycle: " + byName.keySet());
      }
    }
    return ordered;
  }

  private static Set<String> names(JsonNode array) {
    Set<String> names = new LinkedHashSet<>();
    array.forEach(item -> names.add(item.asText()));
    return names;
  }
}
