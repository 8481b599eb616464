package dev.kfp4j.local.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kfp4j.wire.InputBindings;

/** Where one input of a task comes from: a named value of the run, or a constant written in the spec. */
public sealed interface Source {

  /** This source in the entrypoint's {@code --inputs} form. */
  JsonNode toJson();

  /**
   * The run's value {@code valueName} ({@code numbers}, {@code add.Output}, {@code inner/summarize.mean}).
   *
   * @param producer the task path that stores it, or null for a pipeline parameter
   */
  record From(String valueName, String producer) implements Source {
    @Override
    public JsonNode toJson() {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      node.put(InputBindings.FROM, valueName);
      return node;
    }
  }

  /** A constant from the spec ({@code runtimeValue.constant}). */
  record Constant(JsonNode value) implements Source {
    @Override
    public JsonNode toJson() {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      node.set(InputBindings.VALUE, value);
      return node;
    }
  }
}
