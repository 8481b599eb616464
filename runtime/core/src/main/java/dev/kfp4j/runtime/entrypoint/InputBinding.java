package dev.kfp4j.runtime.entrypoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kfp4j.runtime.value.JsonTree;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/** Where one component input comes from: a named value in the context, or a constant written in the spec. */
sealed interface InputBinding {

  /** The value named {@code name} in the context. */
  record From(String name) implements InputBinding {}

  /** A constant, as compact JSON text. */
  record Constant(String json) implements InputBinding {}

  /** Parses {@code {"PARAM":{"from":"VALUE_NAME"} | {"value":JSON}, …}}. */
  static Map<String, InputBinding> parse(String json) throws EntrypointArgs.UsageException {
    Object root;
    try {
      root = JsonTree.parse(json);
    } catch (JsonProcessingException e) {
      throw new EntrypointArgs.UsageException("--inputs is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new EntrypointArgs.UsageException("--inputs cannot be read: " + e.getMessage());
    }
    if (!(root instanceof Map<?, ?> object)) {
      throw new EntrypointArgs.UsageException("--inputs must be a JSON object of PARAM → {\"from\":…} or {\"value\":…}");
    }
    Map<String, InputBinding> bindings = new TreeMap<>();
    for (Map.Entry<?, ?> entry : object.entrySet()) {
      String param = (String) entry.getKey();
      Object binding = entry.getValue();
      if (binding instanceof Map<?, ?> fields && fields.size() == 1 && fields.get("from") instanceof String from) {
        bindings.put(param, new From(from));
      } else if (binding instanceof Map<?, ?> fields && fields.size() == 1 && fields.containsKey("value")) {
        bindings.put(param, new Constant(JsonTree.write(fields.get("value"))));
      } else {
        throw new EntrypointArgs.UsageException("--inputs: binding of '" + param
            + "' must be {\"from\":\"VALUE_NAME\"} or {\"value\":JSON}, got " + JsonTree.write(binding));
      }
    }
    return bindings;
  }
}
