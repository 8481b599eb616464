package dev.kfp4j.wire;

import java.util.Map;

/**
 * The {@code --inputs} argument of a component entrypoint: a JSON object that says, for each parameter, where
 * its value comes from: {@code {"numbers":{"from":"numbers"},"sum":{"from":"add.Output"},"factor":{"value":2}}}.
 * {@code from} names a value in the run's context; {@code value} is a constant written into the spec; a binding
 * may select a part of its value with {@code "path":[INDEX or NAME, …]} (a loop's item: {@code {"from":"xs","path":[3]}}),
 * and {@code {"of":<binding>,"path":[…]}} selects a part of another binding's value. The
 * processor writes it into the Argo Workflow, the local runner writes it for each task, the entrypoint reads it.
 */
public final class InputBindings {

  /** The key of a binding to a named value of the context. */
  public static final String FROM = "from";
  /** The key of a binding to a constant. */
  public static final String VALUE = "value";
  /** The key of the binding whose value a selection reads. */
  public static final String OF = "of";
  /** The key of a selection: list indexes and record component names, in turn. */
  public static final String PATH = "path";

  private InputBindings() {}

  /** {@code {"from":"<valueName>"}}. */
  public static String from(String valueName) {
    return "{" + Json.string(FROM) + ":" + Json.string(valueName) + "}";
  }

  /** {@code {"value":<json>}}; {@code json} is a JSON value, written as is. */
  public static String value(String json) {
    return "{" + Json.string(VALUE) + ":" + json + "}";
  }

  /** {@code {"of":<binding>,"path":["a","b"]}}: the record components {@code path} of {@code binding}'s value. */
  public static String select(String binding, java.util.List<String> path) {
    return "{" + Json.string(OF) + ":" + binding + "," + Json.string(PATH) + ":["
        + String.join(",", path.stream().map(Json::string).toList()) + "]}";
  }

  /** The {@code --inputs} object: parameter name → a binding from {@link #from} or {@link #value}, in map order. */
  public static String object(Map<String, String> bindings) {
    StringBuilder out = new StringBuilder("{");
    bindings.forEach((parameter, binding) ->
        out.append(out.length() > 1 ? "," : "").append(Json.string(parameter)).append(':').append(binding));
    return out.append('}').toString();
  }
}
