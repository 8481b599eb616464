package dev.kfp4j.runtime.entrypoint;

import static dev.kfp4j.wire.StepArguments.CONTEXTS;
import static dev.kfp4j.wire.StepArguments.INPUTS;
import static dev.kfp4j.wire.StepArguments.OUTPUT_CONTEXT;
import static dev.kfp4j.wire.StepArguments.ROOTS;
import static dev.kfp4j.wire.StepArguments.TASK;

import dev.kfp4j.runtime.context.RunContext;
import java.net.URI;
import java.net.URISyntaxException;
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
 * Entrypoint CONTEXT_JSON [options]               the seed's form: the context string as the argument
 * Entrypoint --context-file FILE [options]        the context read from a file (a previous step's output)
 * Entrypoint --contexts JSON_ARRAY [options]      several contexts of one run, merged (a DAG step's inputs)
 * Entrypoint --executor_input JSON                Kubeflow Pipelines' executor protocol
 *
 * options: --task NAME                  name of this task; outputs are stored as NAME.OUTPUT (default: the component)
 *          --input PARAM=VALUE_NAME     take PARAM from the context value VALUE_NAME (default: PARAM)
 *          --inputs JSON_OBJECT         all bindings at once: {"PARAM":{"from":"VALUE_NAME"} | {"value":JSON}}
 *          --output-context FILE        where to write the updated context (default: stdout)
 *          --roots URI[,URI]...         storage roots every address must lie under
 * </pre>
 */
record EntrypointArgs(
    Optional<String> context,
    Optional<String> contextFile,
    Optional<String> contextsArray,
    Optional<String> executorInput,
    Optional<String> task,
    Map<String, String> inputBindings,
    Optional<String> inputsJson,
    Optional<String> outputContext,
    List<URI> roots,
    boolean help) {

  static final String USAGE = "usage: <entrypoint> CONTEXT_JSON | --context-file FILE | --contexts JSON_ARRAY"
      + " | --executor_input JSON [--task NAME] [--input PARAM=VALUE_NAME]... [--inputs JSON_OBJECT]"
      + " [--output-context FILE] [--roots URI[,URI]...]";


  static EntrypointArgs parse(String[] args, ComponentDescriptor component) throws UsageException {
    String context = null;
    String contextFile = null;
    String contextsArray = null;
    String inputsJson = null;
    String executorInput = null;
    String task = null;
    String outputContext = null;
    Map<String, String> bindings = new TreeMap<>();
    List<URI> roots = new ArrayList<>();
    List<String> contextOnly = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "-h", "--help" -> {
          return new EntrypointArgs(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
              Optional.empty(), Map.of(), Optional.empty(), Optional.empty(), List.of(), true);
        }
        case "--context" -> context = once(context, value(args, ++i, arg), arg);
        case "--context-file" -> contextFile = once(contextFile, value(args, ++i, arg), arg);
        case CONTEXTS -> contextsArray = once(contextsArray, value(args, ++i, arg), arg);
        case INPUTS -> {
          inputsJson = once(inputsJson, value(args, ++i, arg), arg);
          contextOnly.add(arg);
        }
        case "--executor_input", "--executor-input" -> executorInput = once(executorInput, value(args, ++i, arg), arg);
        case "--function_to_execute" -> value(args, ++i, arg); // KFP passes it; one entrypoint runs one function
        case TASK -> {
          task = once(task, value(args, ++i, arg), arg);
          // Same rule as value names in the context: the task becomes a path and a name prefix; a nested
          // pipeline's tasks are "inner/add".
          if (!RunContext.isName(task, 200)) {
            throw new UsageException("--task '" + task + "' is not a valid name; use letters, digits, '_', '.', '-',"
                + " and '/' between segments");
          }
          contextOnly.add(arg);
        }
        case OUTPUT_CONTEXT -> {
          outputContext = once(outputContext, value(args, ++i, arg), arg);
          contextOnly.add(arg);
        }
        case "--input" -> {
          String binding = value(args, ++i, arg);
          int eq = binding.indexOf('=');
          if (eq <= 0 || eq == binding.length() - 1) {
            throw new UsageException("--input expects PARAM=VALUE_NAME, got '" + binding + "'");
          }
          String param = binding.substring(0, eq);
          if (!component.inputs().contains(param)) {
            throw new UsageException("--input " + binding + ": the component has no input '" + param + "' (inputs: "
                + (component.inputs().isEmpty() ? "none" : String.join(", ", component.inputs())) + ")");
          }
          if (bindings.put(param, binding.substring(eq + 1)) != null) {
            throw new UsageException("--input " + param + " is given more than once");
          }
          contextOnly.add(arg);
        }
        case ROOTS -> {
          for (String root : value(args, ++i, arg).split(",")) {
            if (!root.isBlank()) {
              roots.add(parseRoot(root.trim()));
            }
          }
          contextOnly.add(arg);
        }
        default -> {
          if (arg.startsWith("-")) {
            throw new UsageException("unknown option '" + arg + "'");
          }
          if (context != null) {
            throw new UsageException("more than one context argument");
          }
          context = arg;
        }
      }
    }
    int sources = (context == null ? 0 : 1) + (contextFile == null ? 0 : 1) + (contextsArray == null ? 0 : 1)
        + (executorInput == null ? 0 : 1);
    if (sources != 1) {
      throw new UsageException(sources == 0 ? "no context given"
          : "give only one of CONTEXT_JSON, --context-file, --contexts, --executor_input");
    }
    if (inputsJson != null && !bindings.isEmpty()) {
      throw new UsageException("give either --inputs or --input, not both");
    }
    if (executorInput != null && !contextOnly.isEmpty()) {
      throw new UsageException(contextOnly.get(0) + " belongs to the context protocol and cannot be used with --executor_input");
    }
    return new EntrypointArgs(Optional.ofNullable(context), Optional.ofNullable(contextFile),
        Optional.ofNullable(contextsArray), Optional.ofNullable(executorInput), Optional.ofNullable(task), bindings,
        Optional.ofNullable(inputsJson), Optional.ofNullable(outputContext), List.copyOf(roots), false);
  }

  private static String value(String[] args, int i, String option) throws UsageException {
    if (i >= args.length) {
      throw new UsageException(option + " needs a value");
    }
    return args[i];
  }

  private static String once(String previous, String value, String option) throws UsageException {
    if (previous != null) {
      throw new UsageException(option + " is given more than once");
    }
    return value;
  }

  private static URI parseRoot(String text) throws UsageException {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      // Not echoed: a root written with credentials in it must not reach a log.
      throw new UsageException("--roots: an entry is not a URI (" + e.getReason() + " at index " + e.getIndex() + ")");
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
