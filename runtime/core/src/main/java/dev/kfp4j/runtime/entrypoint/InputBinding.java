package dev.kfp4j.runtime.entrypoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kfp4j.runtime.value.ValueCodec;
import dev.kfp4j.wire.InputBindings;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Where one component input comes from: a named value in the context, or a constant written in the spec. */
sealed interface InputBinding {

  /** The value named {@code name} in the context. */
  record From(String name) implements InputBinding {}

  /** A constant. */
  record Constant(JsonNode value) implements InputBinding {}

  /**
   * A part of another binding's value: a list element by index, a record component by name, in turn (a loop
   * item is {@code {"from":"xs","path":[3]}}; its component {@code {"of":<item>,"path":["id"]}}).
   */
  record Selected(InputBinding of, List<JsonNode> path) implements InputBinding {
    public Selected {
      path = List.copyOf(path);
    }
  }

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
      bindings.put(entry.getKey(), parse(entry.getKey(), entry.getValue()));
    }
    return bindings;
  }

  /** One binding: {@code {"from":…}}, {@code {"value":…}} or {@code {"of":{…}}}, each with an optional {@code "path"}. */
  static InputBinding parse(String name, JsonNode binding) throws EntrypointArgs.UsageException {
    JsonNode path = binding.path(InputBindings.PATH);
    int fields = binding.isObject() ? binding.size() - (binding.has(InputBindings.PATH) ? 1 : 0) : -1;
    boolean pathOk = path.isMissingNode() || (path.isArray() && allSteps(path));
    InputBinding base;
    if (fields == 1 && pathOk && binding.path(InputBindings.FROM).isTextual()) {
      base = new From(binding.get(InputBindings.FROM).asText());
    } else if (fields == 1 && pathOk && binding.has(InputBindings.VALUE)) {
      base = new Constant(binding.get(InputBindings.VALUE));
    } else if (fields == 1 && pathOk && binding.path(InputBindings.OF).isObject() && path.isArray()) {
      base = parse(name, binding.get(InputBindings.OF));
    } else {
      throw new EntrypointArgs.UsageException("--inputs: binding of '" + name
          + "' must be {\"from\":\"VALUE_NAME\"} or {\"value\":JSON}, optionally with \"path\":[INDEX or NAME, …],"
          + " got " + binding);
    }
    if (!path.isArray() || path.isEmpty()) {
      return base;
    }
    List<JsonNode> steps = new ArrayList<>();
    path.forEach(steps::add);
    return new Selected(base, steps);
  }

  private static boolean allSteps(JsonNode path) {
    for (JsonNode step : path) {
      if (!step.isTextual() && !(step.isIntegralNumber() && step.asLong() >= 0)) {
        return false;
      }
    }
    return true;
  }

  /** The part of {@code value} that {@code path} selects; {@code what} names the binding for the error. */
  static JsonNode select(JsonNode value, List<JsonNode> path, String what) throws InputException {
    JsonNode current = value;
    for (JsonNode step : path) {
      JsonNode next = step.isTextual() ? current.path(step.asText()) : current.path(step.asInt());
      if (next.isMissingNode()) {
        throw new InputException(what + ": " + (step.isTextual() ? "no component '" + step.asText() + "'"
            : "no element " + step.asInt() + " (the list has " + current.size() + ")") + " in " + abbreviate(current), null);
      }
      current = next;
    }
    return current;
  }

  private static String abbreviate(JsonNode node) {
    String text = node.toString();
    return text.length() > 80 ? text.substring(0, 77) + "..." : text;
  }
}
