package dev.kfp4j.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kfp4j.local.plan.Plan;
import dev.kfp4j.runtime.entrypoint.InitMain;
import dev.kfp4j.runtime.entrypoint.InputException;
import dev.kfp4j.runtime.value.ValueCodec;
import dev.kfp4j.wire.ParameterKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's parameters, checked against the pipeline's declared inputs and parsed once, exactly as a cluster
 * run's init step parses them ({@link InitMain#parse}: STRING as is, every other kind as JSON of that kind).
 *
 * @param text each parameter as given (or its default), as the run's record keeps it for {@code show} and
 *     {@code --resume}
 * @param values each parameter's parsed value, as the init step stores it
 */
record Parameters(Map<String, String> text, Map<String, JsonNode> values) {

  Parameters {
    text = Collections.unmodifiableMap(new TreeMap<>(text));
    values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /** Parameters given as text ({@code --param name=value}). */
  static Parameters fromText(Plan plan, Map<String, String> given) {
    return check(plan, given);
  }

  /** Parameters given as Java values (the Java API); each is converted to its JSON text. */
  static Parameters fromValues(Plan plan, Map<String, ?> given) {
    Map<String, String> text = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    given.forEach((name, value) -> {
      Plan.Parameter parameter = plan.parameters().get(name);
      if (parameter != null && parameter.kind().equals(ParameterKind.STRING.name())) {
        if (value instanceof String || value instanceof Enum<?>) {
          text.put(name, value.toString());
        } else {
          problems.add("parameter '" + name + "' must be STRING, got " + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        return;
      }
      try {
        text.put(name, ValueCodec.get().mapper().writeValueAsString(value));
      } catch (JsonProcessingException e) {
        problems.add("parameter '" + name + "' cannot be written as JSON: " + e.getOriginalMessage());
      }
    });
    fail(plan, problems);
    return check(plan, text);
  }

  private static Parameters check(Plan plan, Map<String, String> given) {
    List<String> problems = new ArrayList<>();
    Map<String, String> checked = new TreeMap<>();
    Map<String, JsonNode> values = new TreeMap<>();
    for (String name : given.keySet()) {
      if (!plan.parameters().containsKey(name)) {
        problems.add("unknown parameter '" + name + "'");
      }
    }
    for (Plan.Parameter parameter : plan.parameters().values()) {
      String text = given.get(parameter.name());
      if (text == null && parameter.defaultValue().isPresent()) {
        text = defaultText(parameter);
      }
      if (text == null) {
        problems.add("missing parameter '" + parameter.name() + "' (" + parameter.kind() + "); give --param "
            + parameter.name() + "=" + example(parameter.kind()));
        continue;
      }
      try {
        values.put(parameter.name(), InitMain.parse(parameter.name(), parameter.kind(), text));
        checked.put(parameter.name(), text);
      } catch (InputException e) {
        problems.add(e.getMessage());
      }
    }
    fail(plan, problems);
    return new Parameters(checked, values);
  }

  private static void fail(Plan plan, List<String> problems) {
    if (!problems.isEmpty()) {
      throw new LocalRunException(LocalRunException.Kind.BAD_PARAMETER, "pipeline '" + plan.name() + "': "
          + String.join("; ", problems) + " (it takes: " + describe(plan) + ")");
    }
  }

  /** The declared inputs, as shown in messages and listings: {@code numbers (LIST), factor (NUMBER_DOUBLE)}. */
  static String describe(Plan plan) {
    if (plan.parameters().isEmpty()) {
      return "no parameters";
    }
    return String.join(", ", plan.parameters().values().stream().map(p -> p.name() + " (" + p.kind() + ")").toList());
  }

  private static String defaultText(Plan.Parameter parameter) {
    String json = parameter.defaultValue().orElseThrow();
    if (parameter.kind().equals(ParameterKind.STRING.name())) {
      try {
        JsonNode node = ValueCodec.get().mapper().readTree(json);
        return node.isTextual() ? node.asText() : json;
      } catch (JsonProcessingException e) {
        return json;
      }
    }
    return json;
  }

  private static String example(String kind) {
    return ParameterKind.find(kind).orElse(ParameterKind.STRING).example();
  }
}
