package dev.kfp4j.runtime.entrypoint;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The command line of a generated entrypoint. Parsed by hand: it is a fixed, tiny protocol and every
 * component container pays the start-up cost of a CLI library.
 *
 * <pre>
 * Entrypoint CONTEXT_JSON [--task NAME] [--input PARAM=VALUE_NAME]... [--output-context FILE] [--roots URI,...]
 * Entrypoint --context-file FILE ...          (the context read from a file, e.g. the previous step's output)
 * Entrypoint --executor_input JSON            (Kubeflow Pipelines' executor protocol)
 * </pre>
 */
record EntrypointArgs(
    Optional<String> context,
    Optional<String> contextFile,
    Optional<String> executorInput,
    Optional<String> task,
    Map<String, String> inputBindings,
    Optional<String> outputContext,
    List<URI> roots) {

  static final String USAGE = "usage: <entrypoint> CONTEXT_JSON | --context-file FILE | --executor_input JSON"
      + " [--task NAME] [--input PARAM=VALUE_NAME]... [--output-context FILE] [--roots URI[,URI]...]";

  static EntrypointArgs parse(String[] args) throws UsageException {
    String context = null;
    String contextFile = null;
    String executorInput = null;
    String task = null;
    String outputContext = null;
    Map<String, String> bindings = new TreeMap<>();
    List<URI> roots = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--context" -> context = value(args, ++i, arg);
        case "--context-file" -> contextFile = value(args, ++i, arg);
        case "--executor_input", "--executor-input" -> executorInput = value(args, ++i, arg);
        case "--function_to_execute" -> value(args, ++i, arg); // KFP passes it; one entrypoint runs one function
        case "--task" -> task = value(args, ++i, arg);
        case "--output-context" -> outputContext = value(args, ++i, arg);
        case "--input" -> {
          String binding = value(args, ++i, arg);
          int eq = binding.indexOf('=');
          if (eq <= 0 || eq == binding.length() - 1) {
            throw new UsageException("--input expects PARAM=VALUE_NAME, got '" + binding + "'");
          }
          bindings.put(binding.substring(0, eq), binding.substring(eq + 1));
        }
        case "--roots" -> {
          for (String root : value(args, ++i, arg).split(",")) {
            if (!root.isBlank()) {
              roots.add(parseRoot(root.trim()));
            }
          }
        }
        default -> {
          if (arg.startsWith("--")) {
            throw new UsageException("unknown option '" + arg + "'");
          }
          if (context != null) {
            throw new UsageException("more than one context argument");
          }
          context = arg;
        }
      }
    }
    int sources = (context == null ? 0 : 1) + (contextFile == null ? 0 : 1) + (executorInput == null ? 0 : 1);
    if (sources != 1) {
      throw new UsageException(sources == 0 ? "no context given" : "give only one of CONTEXT_JSON, --context-file, --executor_input");
    }
    return new EntrypointArgs(Optional.ofNullable(context), Optional.ofNullable(contextFile),
        Optional.ofNullable(executorInput), Optional.ofNullable(task), bindings,
        Optional.ofNullable(outputContext), List.copyOf(roots));
  }

  private static String value(String[] args, int i, String option) throws UsageException {
    if (i >= args.length) {
      throw new UsageException(option + " needs a value");
    }
    return args[i];
  }

  private static URI parseRoot(String text) throws UsageException {
    try {
      return URI.create(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--roots: '" + text + "' is not a URI");
    }
  }

  /** The command line was wrong. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
