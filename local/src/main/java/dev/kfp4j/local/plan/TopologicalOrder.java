package dev.kfp4j.local.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kfp4j.local.error.LocalRunException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The tasks of one DAG in an order where each comes after the tasks it depends on or takes values from. */
final class TopologicalOrder {

  private TopologicalOrder() {}

  static List<String> of(JsonNode dagTasks, String prefix, String source) {
    Map<String, Set<String>> before = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = dagTasks.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      Set<String> needs = new LinkedHashSet<>();
      entry.getValue().path("dependentTasks").forEach(node -> needs.add(node.asText()));
      entry.getValue().path("inputs").path("parameters").forEach(input -> {
        if (input.has("taskOutputParameter")) {
          needs.add(input.get("taskOutputParameter").path("producerTask").asText());
        }
      });
      before.put(entry.getKey(), needs);
    }
    List<String> order = new ArrayList<>();
    Set<String> done = new LinkedHashSet<>();
    while (order.size() < before.size()) {
      boolean progressed = false;
      for (Map.Entry<String, Set<String>> entry : before.entrySet()) {
        if (!done.contains(entry.getKey()) && entry.getValue().stream().allMatch(
            need -> done.contains(need) || !before.containsKey(need))) {
          done.add(entry.getKey());
          order.add(entry.getKey());
          progressed = true;
        }
      }
      if (!progressed) {
        List<String> stuck = before.keySet().stream().filter(name -> !done.contains(name)).map(name -> prefix + name).toList();
        throw new LocalRunException(LocalRunException.Kind.BAD_SPEC,
            "pipeline spec " + source + ": tasks " + stuck + " depend on each other in a cycle");
      }
    }
    return order;
  }
}
