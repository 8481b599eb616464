package dev.kfp4j.runtime.entrypoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kfp4j.runtime.value.ValueCodec;
import dev.kfp4j.wire.InputBindings;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/** Where one component input comes from: a named value in the context, or a constant written in the spec. */
sealed interface InputBinding {

  /** The value named {@code name} in the context. */
  record From(String name) implements InputBinding {}

  /** A constant. */
  record Constant(JsonNode value) implements InputBinding {}

  /** Parses the {@code --inputs} JSON ({@link InputBindings}): {@code {"PARAM":{"from":"VALUE_NAME"} | {"value":JSON}, …}}. */
  static Map<String, InputBinding> parse(String json) throws EntrypointArgs.UsageException {
    JsonNode root;
    try {
      root = ValueCodec.get().mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new EntrypointArgs.UsageException("--inputs is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new EntrypointArgs.UsageException("--inputs must be a JSON object of PARAM → {\"from\":…} or {\"value\":…}");
    }
    Map<String, InputBinding> bindings = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode binding = entry.getValue();
      if (binding.isObject() && binding.size() == 1 && binding.path(InputBindings.FROM).isTextual()) {
        bindings.put(entry.getKey(), new From(binding.get(InputBindings.FROM).asText()));
      } else if (binding.isObject() && binding.size() == 1 && binding.has(InputBindings.VALUE)) {
        bindings.put(entry.getKey(), new Constant(binding.get(InputBindings.VALUE)));
      } else {
        throw new EntrypointArgs.UsageException("--inputs: binding of '" + entry.getKey()
            + "' must be {\"from\":\"VALUE_NAME\"} or {\"value\":JSON}, got " + binding);
      }
    }
    return bindings;
  }
}
