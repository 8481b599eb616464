package dev.kfp4j.processor.validation;

import dev.kfp4j.processor.model.ContainerSpec;
import dev.kfp4j.processor.model.ContainerSpec.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands a component file's command line into plain strings with neutral placeholders: v1's structured
 * placeholders ({@code inputValue}, {@code inputPath}, {@code inputUri}, {@code outputPath}, {@code outputUri},
 * {@code concat}, {@code if}), or v2's KFP placeholders in strings ({@code {{$.inputs.parameters['x']}}},
 * {@code {{$.outputs.parameters['y'].output_file}}}, {@code {{$.inputs.artifacts['d'].path|uri|metadata}}},
 * {@code {{$.outputs.artifacts['m'].path|uri|metadata}}}) and its JSON-encoded {@code Concat} / {@code IfPresent}.
 * Which optional inputs are present is decided at compile time from the method's signature.
 *
 * @param bound the inputs bound to a parameter of the method, by the file's name
 * @param defaults the inputs that are not bound but have a default (written as that default)
 * @param outputs the file's outputs, by name
 * @param v2 whether the file is a v2 IR component
 * @param where where the container is in the file, for messages
 */
record ComponentCommandLine(Set<String> bound, Map<String, Object> defaults, Set<String> outputs, boolean v2,
    String where) {

  private static final Pattern KFP_PLACEHOLDER = Pattern.compile("\\{\\{\\$[^}]*}}");
  private static final Pattern KFP_INPUT = Pattern.compile("\\{\\{\\$\\.inputs\\.parameters\\['([^']+)']}}");
  private static final Pattern KFP_OUTPUT = Pattern.compile("\\{\\{\\$\\.outputs\\.parameters\\['([^']+)']\\.output_file}}");
  private static final Pattern KFP_ARTIFACT =
      Pattern.compile("\\{\\{\\$\\.(inputs|outputs)\\.artifacts\\['([^']+)']\\.(path|uri|metadata)}}");

  /** The v1 placeholders that pass an input as a file (an artifact), not as a value. */
  static final Set<String> V1_INPUT_FILES = Set.of("inputPath", "inputUri");

  /**
   * Calls {@code use(placeholder, name)} for every v1 structured placeholder naming an input or output
   * ({@code inputValue}, {@code inputPath}, …), anywhere in {@code node} (inside {@code concat} and {@code if} too).
   */
  static void v1Uses(Object node, BiConsumer<String, String> use) {
    if (node instanceof Map<?, ?> map) {
      if (map.size() == 1) {
        String key = String.valueOf(map.keySet().iterator().next());
        Object value = map.values().iterator().next();
        if (Set.of("inputValue", "inputPath", "inputUri", "outputPath", "outputUri").contains(key)) {
          use.accept(key, String.valueOf(value));
          return;
        }
      }
      map.values().forEach(value -> v1Uses(value, use));
    } else if (node instanceof List<?> list) {
      list.forEach(item -> v1Uses(item, use));
    }
  }

  List<String> expand(Object node, String what) {
    List<String> expanded = new ArrayList<>();
    if (node == null) {
      return expanded;
    }
    if (!(node instanceof List<?> list)) {
      throw new ComponentFileReader.Invalid(where + "." + what + " is not a list", false);
    }
    for (Object item : list) {
      expanded.addAll(v2 ? itemV2(item) : item(item));
    }
    return expanded;
  }

  private boolean present(String name) {
    return bound.contains(name) || defaults.containsKey(name);
  }

  /** One v2 command-line string: a JSON {@code Concat}/{@code IfPresent}, or text with KFP placeholders. */
  private List<String> itemV2(Object item) {
    if (item instanceof Map<?, ?> || item instanceof List<?>) {
      return structuredV2(item);
    }
    String text = String.valueOf(item);
    String trimmed = text.trim();
    if (trimmed.startsWith("{\"Concat\"") || trimmed.startsWith("{\"IfPresent\"")) {
      return structuredV2(ComponentFileReader.parse(trimmed));
    }
    Matcher whole = KFP_INPUT.matcher(text);
    if (whole.matches() && !present(whole.group(1))) {
      return List.of(); // an optional input that is not passed drops its argument
    }
    Matcher artifact = KFP_ARTIFACT.matcher(text);
    if (artifact.matches() && artifact.group(1).equals("inputs") && !bound.contains(artifact.group(2))) {
      return List.of();
    }
    Matcher matcher = KFP_PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(out, Matcher.quoteReplacement(placeholderV2(matcher.group())));
    }
    matcher.appendTail(out);
    return List.of(out.toString());
  }

  private String placeholderV2(String placeholder) {
    Matcher input = KFP_INPUT.matcher(placeholder);
    if (input.matches()) {
      String name = input.group(1);
      if (bound.contains(name)) {
        return ContainerSpec.input(name);
      }
      if (defaults.containsKey(name)) {
        return String.valueOf(defaults.get(name));
      }
      throw new ComponentFileReader.Invalid("the optional input '" + name + "' has no default and is part of a longer"
          + " argument; bind it to a parameter", false);
    }
    Matcher output = KFP_OUTPUT.matcher(placeholder);
    if (output.matches()) {
      return outputPlaceholder(output.group(1), Field.PATH, placeholder);
    }
    Matcher artifact = KFP_ARTIFACT.matcher(placeholder);
    if (artifact.matches()) {
      Field field = Field.valueOf(artifact.group(3).toUpperCase(Locale.ROOT));
      String name = artifact.group(2);
      if (artifact.group(1).equals("outputs")) {
        return outputPlaceholder(name, field, placeholder);
      }
      if (!bound.contains(name)) {
        throw new ComponentFileReader.Invalid("the optional input artifact '" + name + "' is part of a longer argument;"
            + " bind it to a parameter", false);
      }
      return ContainerSpec.artifact("inputs", name, field);
    }
    throw new ComponentFileReader.Invalid("the placeholder " + placeholder, true);
  }

  private String outputPlaceholder(String name, Field field, String placeholder) {
    if (!outputs.contains(name)) {
      throw new ComponentFileReader.Invalid(placeholder + " names '" + name + "', which is not an output", false);
    }
    return ContainerSpec.artifact("outputs", name, field);
  }

  /** v2's {@code {"Concat": [...]}} and {@code {"IfPresent": {"InputName", "Then", "Else"}}}. */
  private List<String> structuredV2(Object node) {
    if (node instanceof List<?> list) {
      List<String> all = new ArrayList<>();
      list.forEach(part -> all.addAll(itemV2(part)));
      return all;
    }
    Map<?, ?> map = ComponentFileReader.asMap(node, "a command-line item");
    if (map.size() == 1 && map.get("Concat") instanceof List<?> parts) {
      StringBuilder joined = new StringBuilder();
      for (Object part : parts) {
        itemV2(part).forEach(joined::append);
      }
      return List.of(joined.toString());
    }
    if (map.size() == 1 && map.get("IfPresent") instanceof Map<?, ?> branch) {
      String name = String.valueOf(branch.get("InputName"));
      Object taken = present(name) ? branch.get("Then") : branch.get("Else");
      return taken == null ? List.of() : structuredV2(taken instanceof List<?> ? taken : List.of(taken));
    }
    throw new ComponentFileReader.Invalid("the placeholder " + map.keySet(), true);
  }

  private List<String> item(Object item) {
    if (item instanceof String || item instanceof Number || item instanceof Boolean) {
      return List.of(String.valueOf(item));
    }
    Map<?, ?> map = ComponentFileReader.asMap(item, "a command-line item");
    if (map.size() != 1) {
      throw new ComponentFileReader.Invalid("command-line item " + map + " is not a single placeholder", false);
    }
    String key = String.valueOf(map.keySet().iterator().next());
    Object value = map.values().iterator().next();
    switch (key) {
      case "inputValue" -> {
        String name = String.valueOf(value);
        if (bound.contains(name)) {
          return List.of(ContainerSpec.input(name));
        }
        if (defaults.containsKey(name)) {
          return List.of(String.valueOf(defaults.get(name)));
        }
        return List.of(); // an optional input that is not passed drops its argument, as in KFP
      }
      case "inputPath", "inputUri" -> {
        String name = String.valueOf(value);
        return bound.contains(name)
            ? List.of(ContainerSpec.artifact("inputs", name, key.equals("inputPath") ? Field.PATH : Field.URI))
            : List.of(); // an optional input artifact that is not passed drops its argument
      }
      case "outputPath", "outputUri" -> {
        return List.of(outputPlaceholder(String.valueOf(value), key.equals("outputPath") ? Field.PATH : Field.URI, key));
      }
      case "concat" -> {
        if (!(value instanceof List<?> parts)) {
          throw new ComponentFileReader.Invalid("concat is not a list", false);
        }
        StringBuilder joined = new StringBuilder();
        for (Object part : parts) {
          item(part).forEach(joined::append);
        }
        return List.of(joined.toString());
      }
      case "if" -> {
        Map<?, ?> branch = ComponentFileReader.asMap(value, "if");
        List<String> chosen = new ArrayList<>();
        Object taken = condition(branch.get("cond")) ? branch.get("then") : branch.get("else");
        if (taken instanceof List<?> items) {
          items.forEach(i -> chosen.addAll(item(i)));
        } else if (taken != null) {
          chosen.addAll(item(taken));
        }
        return chosen;
      }
      default -> throw new ComponentFileReader.Invalid("the placeholder " + key, true);
    }
  }

  private boolean condition(Object cond) {
    if (cond instanceof Boolean b) {
      return b;
    }
    if (cond instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(s);
    }
    Map<?, ?> map = ComponentFileReader.asMap(cond, "if.cond");
    if (map.size() == 1 && map.containsKey("isPresent")) {
      return present(String.valueOf(map.get("isPresent")));
    }
    throw new ComponentFileReader.Invalid("the condition " + map, true);
  }
}
