package dev.kfp4j.local.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kfp4j.wire.InputBindings;
import java.util.List;

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

  /**
   * A part of another binding's value: a loop's item ({@code [3]}) or a record component of one
   * ({@code ["id"]}, KFP's {@code parseJson(string_value)["id"]}).
   */
  record Selected(Source of, List<Object> path) implements Source {
    public Selected {
      path = List.copyOf(path);
    }

    @Override
    public JsonNode toJson() {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      node.set(InputBindings.OF, of.toJson());
      var steps = node.putArray(InputBindings.PATH);
      path.forEach(step -> {
        if (step instanceof Integer index) {
          steps.add(index);
        } else {
          steps.add(step.toString());
        }
      });
      return node;
    }
  }

  /** The task that stores the value this binding reads, or null for a parameter or a constant. */
  static String producerOf(Source binding) {
    if (binding instanceof Selected selected) {
      return producerOf(selected.of());
    }
    return binding instanceof From from ? from.producer() : null;
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
