package dev.kfp4j.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kfp4j.local.error.LocalRunException;
import dev.kfp4j.local.plan.Plan;
import dev.kfp4j.runtime.entrypoint.InitMain;
import dev.kfp4j.runtime.entrypoint.InitStep;
import dev.kfp4j.runtime.entrypoint.InputException;
import dev.kfp4j.runtime.value.ParameterValues;
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
 * run's init step parses them ({@link InitStep#parse}: STRING as is, every other kind as JSON of that kind).
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
  static Parameters fromText(Plan plan, Map<String, String> given, ParameterTypes types) {
    return check(plan, given, types);
  }

  /** Parameters given as Java values (the Java API); each is converted to its JSON text. */
  static Parameters fromValues(Plan plan, Map<String, ?> given, ParameterTypes types) {
    Map<String, String> text = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    given.forEach((name, value) -> {
      Plan.Parameter parameter = plan.parameters().get(name);
      if (parameter != null && parameter.kind().equals(InitMain.ARTIFACT)) {
        // An artifact to import: its address, or a local file or directory (by its file: URI).
        if (value instanceof java.nio.file.Path path) {
          text.put(name, path.toAbsolutePath().toUri().toString());
        } else if (value instanceof String || value instanceof java.net.URI) {
          text.put(name, value.toString());
        } else {
          problems.add("parameter '" + name + "' must be an address or a Path, got "
              + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        return;
      }
      if (parameter != null && parameter.kind().equals(ParameterKind.STRING.name())) {
        if (value instanceof String || value instanceof Enum<?>) {
          text.put(name, value instanceof Enum<?> constant ? constant.name() : value.toString());
        } else {
          problems.add("parameter '" + name + "' is " + types.describe(parameter) + ", got "
              + (value == null ? "null" : value.getClass().getSimpleName() + " " + value));
        }
        return;
      }
      try {
        text.put(name, ValueCodec.get().mapper().writeValueAsString(value));
      } catch (JsonProcessingException e) {
        problems.add("parameter '" + name + "' cannot be written as JSON: " + e.getOriginalMessage());
      }
    });
    fail(plan, problems, types);
    return check(plan, text, types);
  }

  /**
   * Checks every parameter, in the pipeline's order (unknown names last), and reports all problems at once, each
   * in the user's terms: the Java type, the value received, and a correct example for that type.
   */
  private static Parameters check(Plan plan, Map<String, String> given, ParameterTypes types) {
    List<String> problems = new ArrayList<>();
    Map<String, String> checked = new TreeMap<>();
    Map<String, JsonNode> values = new TreeMap<>();
    for (Plan.Parameter parameter : new TreeMap<>(plan.parameters()).values()) {
      String text = given.get(parameter.name());
      if (text == null && parameter.defaultValue().isPresent()) {
        text = defaultText(parameter);
      }
      String problem = text == null
          ? "missing parameter '" + parameter.name() + "' (" + types.describe(parameter) + ")"
          : problem(parameter, text, types);
      if (problem != null) {
        problems.add(problem + "; give " + suggestion(parameter, types));
        continue;
      }
      try {
        values.put(parameter.name(), InitStep.parse(parameter.name(), parameter.kind(), text));
        checked.put(parameter.name(), text);
      } catch (InputException e) {
        problems.add(e.getMessage()); // the init step's own check, as on a cluster
      }
    }
    for (String name : new TreeMap<>(given).keySet()) {
      if (!plan.parameters().containsKey(name)) {
        problems.add("unknown parameter '" + name + "'");
      }
    }
    fail(plan, problems, types);
    return new Parameters(checked, values);
  }

  /** What is wrong with {@code text} as the value of {@code parameter}, or null. */
  private static String problem(Plan.Parameter parameter, String text, ParameterTypes types) {
    String subject = "parameter '" + parameter.name() + "' (" + types.describe(parameter) + ")";
    if (parameter.kind().equals(ParameterKind.STRING.name()) || parameter.kind().equals(InitMain.ARTIFACT)) {
      return null; // as is (an artifact: its address, checked by the init step's own parse)
    }
    if (text.isBlank()) {
      return subject + " has no value";
    }
    ParameterKind kind = ParameterKind.find(parameter.kind()).orElse(null); // unknown: the init step's parse says so
    try {
      JsonNode json = ValueCodec.get().mapper().readTree(text);
      if (kind != null && !ParameterValues.fits(kind, json)) {
        return "parameter '" + parameter.name() + "' must be " + types.describe(parameter) + ", got " + quoted(text);
      }
    } catch (JsonProcessingException e) {
      if (kind != ParameterKind.LIST && kind != ParameterKind.STRUCT) {
        return "parameter '" + parameter.name() + "' must be " + types.describe(parameter) + ", got " + quoted(text);
      }
      return subject + ": " + quoted(text) + " is not valid JSON (" + jsonProblem(e) + ")";
    }
    return null;
  }

  /** {@code --param name=EXAMPLE}, quoted for a shell when the example needs it. */
  private static String suggestion(Plan.Parameter parameter, ParameterTypes types) {
    String argument = parameter.name() + "=" + types.example(parameter);
    return "--param " + (argument.matches("[A-Za-z0-9_.,:=\\[\\]+-]*") ? argument : "'" + argument + "'");
  }

  private static String quoted(String text) {
    String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
    return "'" + shown.replace("\n", "\\n") + "'";
  }

  /** Jackson's reason in a person's words, with the column; never its source-location text. */
  static String jsonProblem(JsonProcessingException e) {
    String message = String.valueOf(e.getOriginalMessage());
    int marker = message.indexOf(" (start marker");
    if (marker >= 0) {
      message = message.substring(0, marker);
    }
    message = message.replaceAll("\\s*\\(?\\[Source:.*", "").replaceAll("\\s+", " ").strip();
    if (message.startsWith("Unexpected end-of-input: expected close marker for Array")) {
      message = "the list is not closed: ']' is missing";
    } else if (message.startsWith("Unexpected end-of-input: expected close marker for Object")) {
      message = "the object is not closed: '}' is missing";
    } else if (message.startsWith("Unexpected end-of-input")) {
      message = "it ends too early";
    } else if (message.startsWith("Unrecognized token")) {
      message = "text must be in double quotes inside JSON";
    } else if (message.startsWith("Unexpected character")) {
      int colon = message.indexOf(": ", "Unexpected character".length());
      message = "unexpected character" + (colon < 0 ? "" : ": " + message.substring(colon + 2));
    }
    int column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
    return column > 0 ? message + ", at column " + column : message;
  }

  private static void fail(Plan plan, List<String> problems, ParameterTypes types) {
    if (!problems.isEmpty()) {
      throw new LocalRunException(LocalRunException.Kind.BAD_PARAMETER, "pipeline '" + plan.name() + "': "
          + String.join("; ", problems) + " (it takes: " + describe(plan, types) + ")");
    }
  }

  /** The declared inputs in the pipeline's order, with their Java types where known: {@code numbers: List<Integer>}. */
  static String describe(Plan plan, ParameterTypes types) {
    if (plan.parameters().isEmpty()) {
      return "no parameters";
    }
    return String.join(", ", new TreeMap<>(plan.parameters()).values().stream()
        .map(p -> p.name() + ": " + types.describe(p)).toList());
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
}
