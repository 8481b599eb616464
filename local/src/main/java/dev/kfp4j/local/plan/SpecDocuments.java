package dev.kfp4j.local.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.List;

/**
 * Reads a {@code pipeline.yaml} as KFP's compiler writes it: the {@code PipelineSpec}, then, when a task has
 * Kubernetes options, a second YAML document with the platform spec. The platform spec's {@code platforms} is
 * attached to the returned spec under that key (a name {@code PipelineSpec} does not use), so a plan reads one tree.
 */
public final class SpecDocuments {

  private static final YAMLMapper YAML = new YAMLMapper();

  private SpecDocuments() {}

  /** The pipeline spec of {@code text}, with its platform spec under {@code platforms}; null for an empty text. */
  public static JsonNode read(String text) throws IOException {
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(text)) {
      List<JsonNode> all = documents.readAll();
      if (all.isEmpty()) {
        return null;
      }
      JsonNode spec = all.get(0);
      for (JsonNode document : all.subList(1, all.size())) {
        if (spec instanceof ObjectNode object && document != null && document.has("platforms")) {
          object.set("platforms", document.get("platforms"));
        }
      }
      return spec;
    }
  }
}
