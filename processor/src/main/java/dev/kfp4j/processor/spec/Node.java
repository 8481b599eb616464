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
}
