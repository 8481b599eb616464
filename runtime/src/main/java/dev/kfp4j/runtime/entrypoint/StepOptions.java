package dev.kfp4j.runtime.entrypoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of the loop and condition steps ({@link LoopMain}, {@link ConditionMain}): a mode, then
 * {@code --option value} pairs. No regex and no lambdas: this runs at every such step's start.
 */
final class StepOptions {

  private StepOptions() {}

  /**
   * The options after {@code args[0]}, by name, in order.
   *
   * @param allowed the option names this mode takes
   * @param numbered a prefix such as {@code --operand-} that also makes an option when digits follow it, or null
   * @param required the options that must be given
   * @throws IllegalArgumentException naming an unknown option, one without a value, or a missing one
   */
  static Map<String, String> parse(String[] args, List<String> allowed, String numbered, List<String> required) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i += 2) {
      if (!allowed.contains(args[i]) && !isNumbered(args[i], numbered) || i + 1 >= args.length) {
        throw new IllegalArgumentException("unknown option or missing value: '" + args[i] + "'");
      }
      options.put(args[i], args[i + 1]);
    }
    for (String option : required) {
      if (!options.containsKey(option)) {
        throw new IllegalArgumentException(option + " is required");
      }
    }
    return options;
  }

  private static boolean isNumbered(String option, String prefix) {
    if (prefix == null || !option.startsWith(prefix) || option.length() == prefix.length()) {
      return false;
    }
    for (int i = prefix.length(); i < option.length(); i++) {
      if (option.charAt(i) < '0' || option.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
