package dev.kfp4j.processor.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/** Ordered maps for spec trees (never {@code Map.of}: its iteration order changes from run to run). */
final class Node {

  private Node() {}

  /** A map of the given key/value pairs, in that order. */
  static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /**
   * {@code artifacts} before {@code parameters}, each only when it is not empty, as KFP writes a task's inputs, a
   * DAG's outputs and a component's input and output definitions.
   */
  static Map<String, Object> artifactsAndParameters(Map<String, Object> artifacts, Map<String, Object> parameters) {
    Map<String, Object> both = new LinkedHashMap<>();
    if (!artifacts.isEmpty()) {
      both.put("artifacts", artifacts);
    }
    if (!parameters.isEmpty()) {
      both.put("parameters", parameters);
    }
    return both;
  }
}
