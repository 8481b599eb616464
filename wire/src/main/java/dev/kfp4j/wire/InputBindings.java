package dev.kfp4j.wire;

import java.util.Map;

/**
 * The {@code --inputs} argument of a component entrypoint: a JSON object that says, for each parameter, where
 * its value comes from: {@code {"numbers":{"from":"numbers"},"sum":{"from":"add.Output"},"factor":{"value":2}}}.
 * {@code from} names a value in the run's context; {@code value} is a constant written into the spec. The
 * processor writes it into the Argo Workflow, the local runner writes it for each task, the entrypoint reads it.
 */
public final class InputBindings {

  /** The key of a binding to a named value of the context. */
  public static final String FROM = "from";
  /** The key of a binding to a constant. */
  public static final String VALUE = "value";

  private InputBindings() {}

  /** {@code {"from":"<valueName>"}}. */
  public static String from(String valueName) {
    return "{" + Json.string(FROM) + ":" + Json.string(valueName) + "}";
  }

  /** {@code {"value":<json>}}; {@code json} is a JSON value, written as is. */
  public static String value(String json) {
    return "{" + Json.string(VALUE) + ":" + json + "}";
  }

  /** The {@code --inputs} object: parameter name → a binding from {@link #from} or {@link #value}, in map order. */
  public static String object(Map<String, String> bindings) {
    StringBuilder out = new StringBuilder("{");
    bindings.forEach((parameter, binding) ->
        out.append(out.length() > 1 ? "," : "").append(Json.string(parameter)).append(':').append(binding));
    return out.append('}').toString();
  }
}
