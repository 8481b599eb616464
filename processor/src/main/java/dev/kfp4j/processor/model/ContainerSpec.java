package dev.kfp4j.processor.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a container step runs instead of a generated Java entrypoint: an image, a command and its
 * arguments, from {@code @ContainerStep} or a component file. Placeholders are kept in one neutral
 * form, {@code {{inputs.NAME}}} and {@code {{outputs.NAME}}}, that each writer translates into its
 * engine's own.
 *
 * @param image the image
 * @param command the container command, with placeholders
 * @param args the arguments, with placeholders
 * @param protocol how the program exchanges values
 * @param origin where the step is declared: {@code @ContainerStep}, or the component file's path
 */
public record ContainerSpec(String image, List<String> command, List<String> args, Protocol protocol, String origin) {

  /** A placeholder in neutral form; group 1 is {@code inputs} or {@code outputs}, group 2 the name. */
  public static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(inputs|outputs)\\.([^{}]+)}}");

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

  /**
   * {@code texts} with every placeholder replaced by {@code replace(kind, name)}, kind being
   * {@code inputs} or {@code outputs}.
   */
  public static List<String> translate(List<String> texts, BiFunction<String, String, String> replace) {
    List<String> translated = new ArrayList<>();
    for (String text : texts) {
      Matcher matcher = PLACEHOLDER.matcher(text);
      StringBuilder out = new StringBuilder();
      while (matcher.find()) {
        matcher.appendReplacement(out, Matcher.quoteReplacement(replace.apply(matcher.group(1), matcher.group(2))));
      }
      matcher.appendTail(out);
      translated.add(out.toString());
    }
    return translated;
  }
}
