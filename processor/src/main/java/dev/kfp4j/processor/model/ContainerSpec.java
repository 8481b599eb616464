package dev.kfp4j.processor.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a container step runs instead of a generated Java entrypoint: an image, a command and its
 * arguments, from {@code @ContainerStep} or a component file. Placeholders are kept in one neutral
 * form, {@code {{inputs.NAME}}} and {@code {{outputs.NAME}}}, that each writer translates into its
 * engine's own: a parameter's value or output file, an artifact's local path. An artifact also has
 * {@code {{inputs.NAME.uri}}} / {@code {{outputs.NAME.uri}}} (KFP's artifact URI; elsewhere its local
 * path) and {@code {{inputs.NAME.metadata}}} / {@code {{outputs.NAME.metadata}}} (its metadata as JSON).
 *
 * @param image the image
 * @param command the container command, with placeholders
 * @param args the arguments, with placeholders
 * @param protocol how the program exchanges values
 * @param origin where the step is declared: {@code @ContainerStep}, or the component file's path
 */
public record ContainerSpec(String image, List<String> command, List<String> args, Protocol protocol, String origin) {

  /**
   * A placeholder in neutral form; group 1 is {@code inputs} or {@code outputs}, group 2 the name, group 3
   * the artifact's field ({@code uri}, {@code metadata}) or null.
   */
  public static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(inputs|outputs)\\.([^{}]+?)(?:\\.(uri|metadata))?}}");

  /** An artifact's field a placeholder names besides its path. */
  public enum Field { PATH, URI, METADATA }

  /** Replaces one placeholder. */
  @FunctionalInterface
  public interface Replacement {
    /** The text for placeholder {@code kind} ({@code inputs}/{@code outputs}), {@code name}, {@code field}. */
    String apply(String kind, String name, Field field);
  }

  /** How the program exchanges values: kfp4j's context protocol, or KFP's plain container protocol. */
  public enum Protocol { CONTEXT, PLAIN }

  public ContainerSpec {
    command = List.copyOf(command);
    args = List.copyOf(args);
  }

  /** The neutral placeholder of an input. */
  public static String input(String name) {
    return "{{inputs." + name + "}}";
  }

  /** The neutral placeholder of an output file. */
  public static String output(String name) {
    return "{{outputs." + name + "}}";
  }

  /** The neutral placeholder of an artifact's field: {@code {{inputs.NAME.uri}}}; its path is {@link #input}. */
  public static String artifact(String kind, String name, Field field) {
    return "{{" + kind + "." + name + (field == Field.PATH ? "" : "." + field.name().toLowerCase(java.util.Locale.ROOT)) + "}}";
  }

  /** The field a {@link #PLACEHOLDER} match names. */
  public static Field field(Matcher matcher) {
    return matcher.group(3) == null ? Field.PATH : Field.valueOf(matcher.group(3).toUpperCase(java.util.Locale.ROOT));
  }

  /**
   * {@code texts} with every placeholder replaced by {@code replace(kind, name, field)}, kind being
   * {@code inputs} or {@code outputs}.
   */
  public static List<String> translate(List<String> texts, Replacement replace) {
    List<String> translated = new ArrayList<>();
    for (String text : texts) {
      Matcher matcher = PLACEHOLDER.matcher(text);
      StringBuilder out = new StringBuilder();
      while (matcher.find()) {
        matcher.appendReplacement(out, Matcher.quoteReplacement(replace.apply(matcher.group(1), matcher.group(2), field(matcher))));
      }
      matcher.appendTail(out);
      translated.add(out.toString());
    }
    return translated;
  }
}
