package dev.kfp4j.runtime.entrypoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kfp4j.runtime.value.JsonTree;
import dev.kfp4j.wire.InputBindings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where one component input comes from: a named value in the context, a constant written in the spec,
 * or a part of another binding's value. Read with jackson-core alone ({@link JsonTree}).
 */
sealed interface InputBinding {

  /** The value named {@code name} in the context. */
  record From(String name) implements InputBinding {}

  /** A constant, as compact JSON text. */
  record Constant(String json) implements InputBinding {}

  /**
   * A part of another binding's value: a list element by index ({@code Integer}), a record component by
   * name ({@code String}), in turn (a loop item is {@code {"from":"xs","path":[3]}}; its component
   * {@code {"of":<item>,"path":["id"]}}).
   */
  record Selected(InputBinding of, List<Object> path) implements InputBinding {
    public Selected {
      path = List.copyOf(path);
    }
  }

  /** Parses the {@code --inputs} JSON ({@link InputBindings}): {@code {"PARAM":{"from":"VALUE_NAME"} | {"value":JSON}, …}}. */
  static Map<String, InputBinding> parse(String json) throws EntrypointArgs.UsageException {
    Object root = parseJson("--inputs", json);
    if (!(root instanceof Map<?, ?> object)) {
      throw new EntrypointArgs.UsageException("--inputs must be a JSON object of PARAM → {\"from\":…} or {\"value\":…}");
    }
    Map<String, InputBinding> bindings = new TreeMap<>();
    for (Map.Entry<?, ?> entry : object.entrySet()) {
      bindings.put((String) entry.getKey(), parse((String) entry.getKey(), entry.getValue()));
    }
    return bindings;
  }

  /** {@code json} as a {@link JsonTree}; {@code option} names it in the error. */
  static Object parseJson(String option, String json) throws EntrypointArgs.UsageException {
    try {
      return JsonTree.parse(json);
    } catch (JsonProcessingException e) {
      throw new EntrypointArgs.UsageException(option + " is not valid JSON" + JsonTree.problem(e));
    } catch (IOException e) {
      throw new EntrypointArgs.UsageException(option + " cannot be read: " + e.getMessage());
    }
  }

  /** One binding: {@code {"from":…}}, {@code {"value":…}} or {@code {"of":{…}}}, each with an optional {@code "path"}. */
  static InputBinding parse(String name, Object binding) throws EntrypointArgs.UsageException {
    Map<?, ?> fields = binding instanceof Map<?, ?> object ? object : null;
    Object path = fields == null ? null : fields.get(InputBindings.PATH);
    int count = fields == null ? -1 : fields.size() - (fields.containsKey(InputBindings.PATH) ? 1 : 0);
    List<Object> steps = path instanceof List<?> list ? steps(list) : null;
    boolean pathOk = path == null || steps != null;
    InputBinding base;
    if (count == 1 && pathOk && fields.get(InputBindings.FROM) instanceof String from) {
      base = new From(from);
    } else if (count == 1 && pathOk && fields.containsKey(InputBindings.VALUE)) {
      base = new Constant(JsonTree.write(fields.get(InputBindings.VALUE)));
    } else if (count == 1 && pathOk && fields.get(InputBindings.OF) instanceof Map<?, ?> of && steps != null) {
      base = parse(name, of);
    } else {
      throw new EntrypointArgs.UsageException("--inputs: binding of '" + name
          + "' must be {\"from\":\"VALUE_NAME\"} or {\"value\":JSON}, optionally with \"path\":[INDEX or NAME, …],"
          + " got " + JsonTree.write(binding));
    }
    return steps == null || steps.isEmpty() ? base : new Selected(base, steps);
  }

  /** The steps of a path (a name or an index each), or {@code null} if one is neither. */
  private static List<Object> steps(List<?> path) {
    List<Object> steps = new ArrayList<>();
    for (Object step : path) {
      if (step instanceof String text) {
        steps.add(text);
      } else if (step instanceof JsonTree.JsonNumber number && number.text().matches("\\d{1,9}")) {
        steps.add(Integer.valueOf(number.text()));
      } else {
        return null;
      }
    }
    return steps;
  }

  /** A path as JSON: {@code [3,"id"]}. */
  static Object pathJson(List<Object> path) {
    List<Object> json = new ArrayList<>();
    for (Object step : path) {
      json.add(step instanceof Integer index ? new JsonTree.JsonNumber(index.toString()) : step);
    }
    return json;
  }

  /**
   * The part of {@code value} (a {@link JsonTree}) that {@code path} selects; {@code what} names the binding
   * in the error, which gives the JSON path and never the value's text.
   */
  static Object select(Object value, List<Object> path, String what) throws InputException {
    Object current = value;
    StringBuilder at = new StringBuilder("$");
    for (Object step : path) {
      if (step instanceof Integer index) {
        if (!(current instanceof List<?> list) || index >= list.size()) {
          throw new InputException(what + ": no element " + index + " at " + at + ": " + (current instanceof List<?> list
              ? "the list has " + list.size() + (list.size() == 1 ? " element" : " elements")
              : "the value there is " + JsonTree.kind(current) + ", not a list"), null);
        }
        current = list.get(index);
        at.append('[').append(index).append(']');
      } else {
        if (!(current instanceof Map<?, ?> object) || !object.containsKey(step)) {
          throw new InputException(what + ": no component '" + step + "' at " + at + ": " + (current instanceof Map<?, ?> other
              ? "the object has " + other.keySet()
              : "the value there is " + JsonTree.kind(current) + ", not an object"), null);
        }
        current = object.get(step);
        at.append('.').append(step);
      }
    }
    return current;
  }
}
