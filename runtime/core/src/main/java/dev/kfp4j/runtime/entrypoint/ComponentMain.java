package dev.kfp4j.runtime.entrypoint;

import dev.kfp4j.runtime.context.ContextException;
import dev.kfp4j.runtime.context.RunContext;
import dev.kfp4j.runtime.storage.AddressRefusedException;
import dev.kfp4j.runtime.storage.Storage;
import dev.kfp4j.runtime.storage.StorageSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kfp4j.runtime.value.ValueCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every generated entrypoint's {@code main} calls: parse the command line, load the context (or
 * KFP's executor input), run the component body, store the outputs, write the output context.
 *
 * <p>Every failure is one line on stderr, {@code kfp4j: component '<name>': …}, naming the input,
 * address and reason, with a non-zero {@link ExitCode}; nothing is left half-written.
 */
public final class ComponentMain {

  /** Environment variable (or system property {@code kfp4j.storage.roots}) with the allowed storage roots, comma-separated. */
  public static final String ROOTS_ENV = "KFP4J_STORAGE_ROOTS";

  private ComponentMain() {}

  /** Runs the component with the process's stderr; returns the exit code. */
  public static int run(ComponentDescriptor component, String[] args, ComponentBody body) {
    return run(component, args, body, System.out, System.err, StorageSettings.fromEnvironment());
  }

  /** Runs the component; returns the exit code. {@code out} receives the output context when no file is named. */
  public static int run(ComponentDescriptor component, String[] args, ComponentBody body,
      PrintStream out, PrintStream err, StorageSettings settings) {
    String prefix = "kfp4j: component '" + component.name() + "': ";
    EntrypointArgs parsed;
    try {
      parsed = EntrypointArgs.parse(args);
    } catch (EntrypointArgs.UsageException e) {
      err.println(prefix + e.getMessage() + "\n" + EntrypointArgs.USAGE);
      return ExitCode.USAGE;
    }
    try {
      if (parsed.executorInput().isPresent()) {
        return ExecutorInputProtocol.run(component, parsed.executorInput().get(), body, err, prefix);
      }
      return runWithContext(component, parsed, body, out, err, settings, prefix);
    } catch (RuntimeException | Error e) {
      // A bug in kfp4j itself: still one line, with the type, so it can be reported.
      err.println(prefix + "internal error: " + e);
      return ExitCode.OUTPUT_FAILED;
    }
  }

  private static int runWithContext(ComponentDescriptor component, EntrypointArgs args, ComponentBody body,
      PrintStream out, PrintStream err, StorageSettings settings, String prefix) {
    RunContext context;
    Map<String, InputBinding> bindings;
    try {
      context = loadContext(args);
      bindings = bindings(args);
    } catch (ContextException | IOException e) {
      err.println(prefix + e.getMessage());
      return ExitCode.BAD_CONTEXT;
    } catch (EntrypointArgs.UsageException e) {
      err.println(prefix + e.getMessage());
      return ExitCode.USAGE;
    }
    String task = args.task().orElse(component.name());
    List<URI> roots;
    try {
      roots = roots(args, context, settings);
    } catch (AddressRefusedException e) {
      err.println(prefix + e.getMessage());
      return ExitCode.USAGE;
    }
    try (Storage storage = Storage.create(roots, settings)) {
      ContextIo io = new ContextIo(component, context, bindings, storage);
      try {
        body.call(io);
      } catch (InputException e) {
        err.println(prefix + e.getMessage());
        return ExitCode.BAD_INPUT;
      } catch (Exception e) {
        err.println(prefix + "failed in " + component.method() + ": " + describe(e));
        return ExitCode.COMPONENT_FAILED;
      }
      RunContext updated;
      try {
        updated = io.storeOutputs(task);
      } catch (IOException | ContextException e) {
        err.println(prefix + "could not store outputs: " + e.getMessage());
        return ExitCode.OUTPUT_FAILED;
      }
      try {
        if (args.outputContext().isPresent()) {
          AtomicFiles.write(Path.of(args.outputContext().get()), updated.toJson() + "\n");
        } else {
          out.println(updated.toJson());
          out.flush();
        }
      } catch (IOException e) {
        io.discardOutputs(e);
        err.println(prefix + "could not write the output context to " + args.outputContext().get() + ": " + e);
        return ExitCode.OUTPUT_FAILED;
      }
      return ExitCode.OK;
    } catch (IOException e) {
      err.println(prefix + e.getMessage());
      return ExitCode.OUTPUT_FAILED;
    }
  }

  private static RunContext loadContext(EntrypointArgs args) throws ContextException, IOException {
    List<String> texts = new ArrayList<>(args.contexts());
    if (args.contextFile().isPresent()) {
      texts.add(readContextFile(args.contextFile().get()));
    }
    if (args.contextsArray().isPresent()) {
      JsonNode array;
      try {
        array = ValueCodec.get().mapper().readTree(args.contextsArray().get());
      } catch (JsonProcessingException e) {
        throw new ContextException("--contexts is not valid JSON: " + e.getOriginalMessage());
      }
      if (array == null || !array.isArray()) {
        throw new ContextException("--contexts must be a JSON array of contexts");
      }
      flatten(array, texts);
    }
    List<RunContext> contexts = new ArrayList<>();
    for (String text : texts) {
      contexts.add(RunContext.parse(text));
    }
    return RunContext.merge(contexts);
  }

  /** Nested arrays are flattened: a nested pipeline passes on the array it received plus its own tasks' contexts. */
  private static void flatten(JsonNode node, List<String> into) throws ContextException {
    for (JsonNode element : node) {
      if (element.isArray()) {
        flatten(element, into);
      } else if (element.isObject()) {
        into.add(element.toString());
      } else {
        throw new ContextException("--contexts: every element must be a context object, found " + element.getNodeType());
      }
    }
  }

  private static Map<String, InputBinding> bindings(EntrypointArgs args) throws EntrypointArgs.UsageException {
    if (args.inputsJson().isPresent()) {
      return InputBinding.parse(args.inputsJson().get());
    }
    Map<String, InputBinding> bindings = new TreeMap<>();
    args.inputBindings().forEach((param, name) -> bindings.put(param, new InputBinding.From(name)));
    return bindings;
  }

  private static String readContextFile(String file) throws IOException {
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IOException("context file " + file + " does not exist");
    }
  }

  private static List<URI> roots(EntrypointArgs args, RunContext context, StorageSettings settings)
      throws AddressRefusedException {
    if (!args.roots().isEmpty()) {
      return args.roots();
    }
    String configured = settings.get("kfp4j.storage.roots").orElse("");
    List<URI> roots = new ArrayList<>();
    for (String root : configured.split(",")) {
      if (!root.isBlank()) {
        roots.add(dev.kfp4j.runtime.storage.Addresses.parse(root.trim()));
      }
    }
    if (roots.isEmpty()) {
      roots.add(context.root());
    }
    return roots;
  }

  static String describe(Throwable e) {
    StringBuilder text = new StringBuilder(e.getClass().getName());
    if (e.getMessage() != null) {
      text.append(": ").append(e.getMessage().lines().findFirst().orElse(""));
    }
    for (StackTraceElement frame : e.getStackTrace()) {
      if (!frame.getClassName().startsWith("dev.kfp4j.runtime.")) {
        text.append(" (at ").append(frame).append(')');
        break;
      }
    }
    return text.toString();
  }
}
