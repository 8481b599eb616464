package dev.kfp4j.runtime.entrypoint;

import dev.kfp4j.runtime.context.ContextException;
import dev.kfp4j.runtime.context.RunContext;
import dev.kfp4j.runtime.storage.AddressRefusedException;
import dev.kfp4j.runtime.storage.ObjectWriter;
import dev.kfp4j.runtime.storage.Storage;
import dev.kfp4j.runtime.storage.StorageSettings;
import dev.kfp4j.runtime.value.JsonTree;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two steps around a chain of conditions on Argo. {@code operands} reads the run values the chain's conditions
 * compare and writes each as a literal of Argo's {@code when} language (govaluate) to the file its option names: a
 * number in plain notation, {@code true}/{@code false}, or a double-quoted string whose quotes, backslashes and
 * braces are escaped, so no value can end the string early or look like an Argo tag. {@code select} gives each
 * one-of value of the chain the value of the branch that ran: the first of its candidates that exists, stored as
 * {@code <root>/<task>/<output>.json} and named {@code <task>.<output>} in the context it writes.
 *
 * <pre>
 * ConditionMain operands --contexts JSON_ARRAY --inputs {"operand-0":BINDING,…} --operand-0 FILE …
 * ConditionMain select   --contexts JSON_ARRAY --task CHAIN_PATH --select {"OUTPUT":["VALUE_NAME",…],…}
 *                        --output-context FILE
 * </pre>
 */
public final class ConditionMain {

  private ConditionMain() {}

  public static void main(String[] args) {
    int code = run(args, System.err, StorageSettings.fromEnvironment());
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs one step; returns the exit code. */
  public static int run(String[] args, PrintStream err, StorageSettings settings) {
    String prefix = "kfp4j: condition: ";
    Map<String, String> options;
    String mode = args.length > 0 ? args[0] : "";
    try {
      if (!mode.equals("operands") && !mode.equals("select")) {
        throw new IllegalArgumentException("the first argument must be 'operands' or 'select'");
      }
      List<String> required = mode.equals("operands") ? List.of("--contexts", "--inputs")
          : List.of("--contexts", "--task", "--select", "--output-context");
      options = StepOptions.parse(args, required, mode.equals("operands") ? "--operand-" : null, required);
    } catch (IllegalArgumentException e) {
      err.println(prefix + e.getMessage());
      return ExitCode.USAGE;
    }
    try {
      RunContext context = LoopMain.contexts(options.get("--contexts"));
      try (Storage storage = Storage.create(settings.configuredRoots(), settings)) {
        if (mode.equals("operands")) {
          for (Map.Entry<String, InputBinding> operand : InputBinding.parse(options.get("--inputs")).entrySet()) {
            String file = options.get("--" + operand.getKey());
            if (file == null) {
              throw new EntrypointArgs.UsageException("--" + operand.getKey() + " FILE is required for input '"
                  + operand.getKey() + "'");
            }
            Object value = ContextIo.json(operand.getKey(), operand.getValue(), context, storage);
            Path path = Path.of(file);
            if (path.getParent() != null) {
              Files.createDirectories(path.getParent());
            }
            AtomicFiles.write(path, literal(operand.getKey(), value).getBytes(StandardCharsets.UTF_8));
          }
        } else {
          RunContext selected = select(context, storage, options.get("--task"),
              selections(InputBinding.parseJson("--select", options.get("--select"))));
          AtomicFiles.write(Path.of(options.get("--output-context")),
              (selected.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
      return ExitCode.OK;
    } catch (EntrypointArgs.UsageException e) {
      err.println(prefix + e.getMessage());
      return ExitCode.USAGE;
    } catch (ContextException | AddressRefusedException e) {
      err.println(prefix + e.getMessage());
      return ExitCode.BAD_CONTEXT;
    } catch (InputException e) {
      err.println(prefix + e.getMessage());
      return ExitCode.BAD_INPUT;
    } catch (IOException e) {
      err.println(prefix + e.getMessage());
      return ExitCode.OUTPUT_FAILED;
    }
  }

  /** {@code value} as a govaluate literal. */
  static String literal(String name, Object value) throws InputException {
    if (value instanceof JsonTree.JsonNumber number) {
      return new BigDecimal(number.text()).toPlainString();
    }
    if (value instanceof Boolean) {
      return value.toString();
    }
    if (!(value instanceof String text)) {
      throw new InputException("operand '" + name + "' of a condition must be a number, a boolean or a string, got "
          + JsonTree.kind(value), null);
    }
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'' || c == '\\' || c == '{' || c == '}') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append('"').toString();
  }

  /** The {@code --select} object: each one-of output with the value names of its candidates, in order. */
  private static Map<String, List<String>> selections(Object select) throws EntrypointArgs.UsageException {
    Map<String, List<String>> selections = new LinkedHashMap<>();
    if (select instanceof Map<?, ?> object) {
      for (Map.Entry<?, ?> entry : object.entrySet()) {
        List<String> candidates = new ArrayList<>();
        if (entry.getValue() instanceof List<?> list) {
          for (Object candidate : list) {
            if (candidate instanceof String name && name.lastIndexOf('.') > 0) {
              candidates.add(name);
            }
          }
        }
        if (!(entry.getValue() instanceof List<?> list) || list.isEmpty() || candidates.size() != list.size()) {
          throw new EntrypointArgs.UsageException("--select: the candidates of '" + entry.getKey() + "' must be a"
              + " non-empty array of value names (\"TASK.OUTPUT\"), got " + JsonTree.write(entry.getValue()));
        }
        selections.put((String) entry.getKey(), candidates);
      }
      return selections;
    }
    throw new EntrypointArgs.UsageException("--select must be a JSON object of OUTPUT → [\"TASK.OUTPUT\", …], got "
        + (select == null ? "nothing" : JsonTree.kind(select)));
  }

  private static RunContext select(RunContext context, Storage storage, String task, Map<String, List<String>> select)
      throws IOException, ContextException, InputException {
    RunContext updated = context;
    for (Map.Entry<String, List<String>> entry : select.entrySet()) {
      URI chosen = null;
      for (String candidate : entry.getValue()) {
        URI address = LoopMain.valueAddress(context.root(), candidate);
        if (storage.exists(address)) {
          chosen = address;
          break;
        }
      }
      if (chosen == null) {
        throw new InputException("no branch of '" + task + "' left a value for '" + entry.getKey() + "' (looked for "
            + JsonTree.write(entry.getValue()) + ")", null);
      }
      // Stored under the chain's own name too, where a loop's collect step and an enclosing chain look for it.
      URI address = LoopMain.valueAddress(context.root(), task + "." + entry.getKey());
      byte[] bytes;
      try (java.io.InputStream in = storage.read(chosen)) {
        bytes = in.readAllBytes();
      }
      storage.write(address, ObjectWriter.of(bytes));
      updated = updated.with(task + "." + entry.getKey(), address);
    }
    return updated;
  }
}
