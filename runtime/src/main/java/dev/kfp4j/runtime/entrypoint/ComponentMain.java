package dev.kfp4j.runtime.entrypoint;

import dev.kfp4j.runtime.context.ContextException;
import dev.kfp4j.runtime.context.RunContext;
import dev.kfp4j.runtime.storage.AddressRefusedException;
import dev.kfp4j.runtime.storage.Addresses;
import dev.kfp4j.runtime.storage.Storage;
import dev.kfp4j.runtime.storage.StorageSettings;
import dev.kfp4j.wire.EnvironmentVariables;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kfp4j.runtime.value.JsonTree;
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
  public static final String ROOTS_ENV = EnvironmentVariables.STORAGE_ROOTS;

  static final String NO_ROOTS = "no storage roots are configured, so no value may be read or stored; pass --roots "
      + "URI[,URI]... or set " + ROOTS_ENV + " to the storage of the run (the context's own root is not trusted to "
      + "decide what a step may read)";

  private ComponentMain() {}

  /** Runs the component with the process's stderr; returns the exit code. */
  public static int run(ComponentDescriptor component, String[] args, ComponentBody body) {
    return run(component, args, body, System.out, System.err, StorageSettings.fromEnvironment(),
        !System.getenv().getOrDefault(STACK_TRACE_ENV, "").isEmpty());
  }

  /**
   * Set (to any non-empty value) by the local runner: a failure of the user's code also prints its stack trace,
   * before the one error line, so the task's log has it (the console keeps the one line).
   */
  public static final String STACK_TRACE_ENV = "KFP4J_STACK_TRACE";

  /** Runs the component; returns the exit code. {@code out} receives the output context when no file is named. */
  public static int run(ComponentDescriptor component, String[] args, ComponentBody body,
      PrintStream out, PrintStream err, StorageSettings settings) {
    return run(component, args, body, out, err, settings, false);
  }

  /** As above; with {@code stackTrace}, a failure of the user's code prints its stack trace before the error line. */
  public static int run(ComponentDescriptor component, String[] args, ComponentBody body,
      PrintStream out, PrintStream err, StorageSettings settings, boolean stackTrace) {
    quietLibraryLogging();
    Failures failures = new Failures(err, "kfp4j: component '" + component.name() + "': ", stackTrace);
    EntrypointArgs parsed;
    try {
      parsed = EntrypointArgs.parse(args, component);
    } catch (EntrypointArgs.UsageException e) {
      return failures.report(ExitCode.USAGE, e.getMessage() + "; " + EntrypointArgs.USAGE);
    }
    if (parsed.help()) {
      out.println(EntrypointArgs.USAGE);
      out.flush();
      return ExitCode.OK;
    }
    try {
      if (parsed.executorInput().isPresent()) {
        return ExecutorInputProtocol.run(component, parsed.executorInput().get(), body, failures);
      }
      return runWithContext(component, parsed, body, out, settings, failures);
    } catch (RuntimeException | Error e) {
      // A bug in kfp4j itself: still one line, with the type, so it can be reported.
      return failures.report(ExitCode.INTERNAL_ERROR, "internal error: " + describe(e, null));
    }
  }

  private static int runWithContext(ComponentDescriptor component, EntrypointArgs args, ComponentBody body,
      PrintStream out, StorageSettings settings, Failures failures) {
    RunContext context;
    Map<String, InputBinding> bindings;
    try {
      context = loadContext(args);
    } catch (ContextException | IOException e) {
      return failures.report(ExitCode.BAD_CONTEXT, e.getMessage());
    }
    try {
      bindings = bindings(args, component);
    } catch (EntrypointArgs.UsageException e) {
      return failures.report(ExitCode.USAGE, e.getMessage());
    }
    String task = args.task().orElse(component.name());
    try {
      RunContext.checkTaskName(task);
    } catch (ContextException e) {
      return failures.report(ExitCode.USAGE, "--task: " + e.getMessage());
    }
    if (args.outputContext().isPresent()) {
      try {
        AtomicFiles.checkTarget(Path.of(args.outputContext().get()));
      } catch (IOException | java.nio.file.InvalidPathException e) {
        return failures.report(ExitCode.USAGE, "--output-context: " + e.getMessage());
      }
    }
    List<URI> roots;
    try {
      roots = roots(args, settings);
    } catch (AddressRefusedException e) {
      return failures.report(ExitCode.USAGE, (args.roots().isEmpty() ? ROOTS_ENV : "--roots") + ": " + e.getMessage());
    }
    if (roots.isEmpty()) {
      return failures.report(ExitCode.USAGE, NO_ROOTS);
    }
    try (Storage storage = Storage.create(roots, settings)) {
      ContextIo io = new ContextIo(component, context, bindings, storage);
      try {
        try {
          io.checkOutputAddresses(task);
        } catch (IOException e) {
          return failures.report(ExitCode.OUTPUT_FAILED, "outputs cannot be stored under the context's root: " + e.getMessage());
        }
        try {
          body.call(io);
        } catch (InputException e) {
          return failures.report(ExitCode.BAD_INPUT, e.getMessage());
        } catch (Throwable e) {
          // Errors too (AssertionError, StackOverflowError, ExceptionInInitializerError): they are the user's.
          failures.trace(e);
          return failures.report(ExitCode.COMPONENT_FAILED, "failed in " + component.method() + ": " + describe(e, component));
        }
        RunContext updated;
        try {
          updated = io.storeOutputs(task);
        } catch (IOException | ContextException e) {
          return failures.report(ExitCode.OUTPUT_FAILED, "could not store outputs: " + e.getMessage());
        }
        try {
          if (args.outputContext().isPresent()) {
            AtomicFiles.write(Path.of(args.outputContext().get()), updated.toJson() + "\n");
          } else {
            out.println(updated.toJson());
            out.flush();
            // PrintStream swallows write errors; without this a closed stdout would look like success.
            if (out.checkError()) {
              throw new IOException("standard output is not writable");
            }
          }
        } catch (IOException e) {
          io.discardOutputs(e);
          return failures.report(ExitCode.OUTPUT_FAILED, "could not write the output context to "
              + args.outputContext().orElse("standard output") + ": " + e);
        }
        return ExitCode.OK;
      } finally {
        io.cleanUp(); // downloaded input artifacts
      }
    } catch (IOException e) {
      return failures.report(ExitCode.OUTPUT_FAILED, e.getMessage());
    }
  }

  private static RunContext loadContext(EntrypointArgs args) throws ContextException, IOException {
    List<String> texts = new ArrayList<>();
    if (args.context().isPresent()) {
      texts.add(args.context().get());
    }
    if (args.contextFile().isPresent()) {
      texts.add(readContextFile(args.contextFile().get()));
    }
    if (args.contextsArray().isPresent()) {
      Object array;
      try {
        array = JsonTree.parse(args.contextsArray().get());
      } catch (JsonProcessingException e) {
        throw new ContextException("--contexts is not valid JSON: " + e.getOriginalMessage());
      }
      if (!(array instanceof List<?> list)) {
        throw new ContextException("--contexts must be a JSON array of contexts");
      }
      flatten(list, texts);
    }
    List<RunContext> contexts = new ArrayList<>();
    for (String text : texts) {
      contexts.add(RunContext.parse(text));
    }
    return RunContext.merge(contexts);
  }

  /** Nested arrays are flattened: a nested pipeline passes on the array it received plus its own tasks' contexts. */
  static void flatten(List<?> array, List<String> into) throws ContextException {
    for (Object element : array) {
      if (element instanceof List<?> nested) {
        flatten(nested, into);
      } else if (element instanceof Map<?, ?>) {
        into.add(JsonTree.write(element));
      } else {
        throw new ContextException("--contexts: every element must be a context object, found " + JsonTree.kind(element));
      }
    }
  }

  private static Map<String, InputBinding> bindings(EntrypointArgs args, ComponentDescriptor component)
      throws EntrypointArgs.UsageException {
    Map<String, InputBinding> bindings = new TreeMap<>();
    if (args.inputsJson().isPresent()) {
      bindings.putAll(InputBinding.parse(args.inputsJson().get()));
      for (String param : bindings.keySet()) {
        if (!component.inputs().contains(param)) {
          throw new EntrypointArgs.UsageException("--inputs: the component has no input '" + param + "' (inputs: "
              + (component.inputs().isEmpty() ? "none" : String.join(", ", component.inputs())) + ")");
        }
      }
    }
    for (Map.Entry<String, String> binding : args.inputBindings().entrySet()) { // a loop, not a lambda: see RunContext.isName
      bindings.put(binding.getKey(), new InputBinding.From(binding.getValue()));
    }
    return bindings;
  }

  private static String readContextFile(String file) throws IOException {
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IOException("context file " + file + " does not exist");
    } catch (IOException e) {
      throw new IOException("cannot read context file " + file + ": " + e);
    }
  }

  /**
   * The roots every address must lie under: {@code --roots}, else {@value #ROOTS_ENV}. Never the
   * context's own root: whoever writes the context would then decide what the step may read.
   */
  private static List<URI> roots(EntrypointArgs args, StorageSettings settings) throws AddressRefusedException {
    if (!args.roots().isEmpty()) {
      for (URI root : args.roots()) {
        Addresses.check(root);
      }
      return args.roots();
    }
    return settings.configuredRoots();
  }

  /**
   * A component's stderr carries only kfp4j's lines: a logging facade that some storage SDKs bring
   * (SLF4J 2) would otherwise print its own warnings ("No SLF4J providers were found") before them.
   * A provider the user puts on the classpath still works; an explicit setting is kept.
   */
  static void quietLibraryLogging() {
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    }
  }

  /**
   * The exception as one line: type, first line of its message, and the frame where it happened in
   * the user's code (the component's class if it is on the stack, else the first frame outside the
   * JDK and kfp4j).
   */
  static String describe(Throwable e, ComponentDescriptor component) {
    StringBuilder text = new StringBuilder(e.getClass().getName());
    if (e.getMessage() != null) {
      text.append(": ").append(e.getMessage().lines().findFirst().orElse(""));
    }
    StackTraceElement frame = userFrame(e.getStackTrace(), component);
    if (frame != null) {
      text.append(" (at ").append(frame).append(')');
    }
    return text.toString();
  }

  private static StackTraceElement userFrame(StackTraceElement[] stack, ComponentDescriptor component) {
    if (component != null) {
      int dot = component.method().lastIndexOf('.');
      String userClass = dot < 0 ? component.method() : component.method().substring(0, dot);
      for (StackTraceElement frame : stack) {
        // The descriptor may name a nested class canonically (Outer.Inner), frames use Outer$Inner.
        String name = frame.getClassName().replace('$', '.');
        if (name.equals(userClass) || name.startsWith(userClass + ".")) {
          return frame;
        }
      }
    }
    for (StackTraceElement frame : stack) {
      String name = frame.getClassName();
      if (!name.startsWith("java.") && !name.startsWith("javax.") && !name.startsWith("jdk.")
          && !name.startsWith("sun.") && !name.startsWith("dev.kfp4j.runtime.")) {
        return frame;
      }
    }
    return stack.length == 0 ? null : stack[0];
  }

  /** Prints each failure as exactly one stderr line, whatever line breaks its parts carry. */
  static final class Failures {
    private final PrintStream err;
    private final String prefix;
    private final boolean stackTrace;

    Failures(PrintStream err, String prefix, boolean stackTrace) {
      this.err = err;
      this.prefix = prefix;
      this.stackTrace = stackTrace;
    }

    /** The user's exception with its stack trace, when asked for: for the task's log, before the error line. */
    void trace(Throwable e) {
      if (stackTrace) {
        e.printStackTrace(err);
      }
    }

    int report(int exitCode, String message) {
      err.println((prefix + message).replaceAll("\\s*\\R\\s*", " "));
      err.flush();
      return exitCode;
    }
  }
}
