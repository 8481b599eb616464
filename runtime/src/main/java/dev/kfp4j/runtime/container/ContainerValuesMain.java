package dev.kfp4j.runtime.container;

import static dev.kfp4j.wire.StepArguments.ARTIFACT;
import static dev.kfp4j.wire.StepArguments.CONTEXTS;
import static dev.kfp4j.wire.StepArguments.FETCH_MODE;
import static dev.kfp4j.wire.StepArguments.INPUTS;
import static dev.kfp4j.wire.StepArguments.OUTPUT;
import static dev.kfp4j.wire.StepArguments.OUTPUTS_FOLDER;
import static dev.kfp4j.wire.StepArguments.OUTPUT_ARTIFACT;
import static dev.kfp4j.wire.StepArguments.OUTPUT_CONTEXT;
import static dev.kfp4j.wire.StepArguments.OUTPUT_FILE;
import static dev.kfp4j.wire.StepArguments.STORE_MODE;
import static dev.kfp4j.wire.StepArguments.TASK;

import dev.kfp4j.runtime.context.ContextException;
import dev.kfp4j.runtime.context.RunContext;
import dev.kfp4j.runtime.storage.AddressRefusedException;
import dev.kfp4j.runtime.storage.FileObjectStore;
import dev.kfp4j.runtime.storage.ObjectWriter;
import dev.kfp4j.runtime.storage.Storage;
import dev.kfp4j.runtime.storage.StorageSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two halves around a plain container step on Argo, run in the pipeline's own image:
 *
 * <pre>
 * ContainerValuesMain fetch --contexts JSON_ARRAY --inputs JSON [--value NAME FILE]... [--artifact NAME PATH]...
 *     [--outputs-folder DIR]
 *     writes each input's value as text to its FILE (Argo makes them output parameters), downloads each input
 *     artifact to its PATH (the file or folder itself), creates DIR for the program's outputs
 * ContainerValuesMain store --contexts JSON_ARRAY --task NAME [--output NAME KIND TEXT]... [--output-file NAME KIND FILE]...
 *     [--output-artifact NAME SCHEMA_TITLE PATH]... --output-context FILE
 *     stores each output (the step's output file's text, given or read from FILE, parsed per its KIND) and each
 *     output artifact (the file or folder the program wrote at PATH), and writes the updated context
 * </pre>
 *
 * Artifacts move in the pod of a step with artifacts (an Argo container set sharing one volume), parameter
 * texts between pods as Argo parameters.
 *
 * Exit codes: 0 done, 2 usage, 3 bad context, 4 a value that cannot be moved, 6 storage or file failure.
 */
public final class ContainerValuesMain {

  private ContainerValuesMain() {}

  public static void main(String[] args) {
    int code = run(args, System.err, StorageSettings.fromEnvironment());
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs one half; returns the exit code. */
  public static int run(String[] args, PrintStream err, StorageSettings settings) {
    String verb = args.length == 0 ? "" : args[0];
    String prefix = "kfp4j: container step values: ";
    String contexts = null;
    String inputs = null;
    String task = null;
    String outputContext = null;
    Map<String, String> valueFiles = new LinkedHashMap<>();
    Map<String, String[]> outputs = new LinkedHashMap<>();
    Map<String, String[]> outputFiles = new LinkedHashMap<>();
    Map<String, String[]> outputArtifacts = new LinkedHashMap<>();
    Map<String, String> artifacts = new LinkedHashMap<>();
    String outputsFolder = null;
    try {
      if (!verb.equals(FETCH_MODE) && !verb.equals(STORE_MODE)) {
        throw new IllegalArgumentException("the first argument must be fetch or store");
      }
      for (int i = 1; i < args.length; i++) {
        switch (args[i]) {
          case CONTEXTS -> contexts = next(args, ++i, CONTEXTS);
          case INPUTS -> inputs = next(args, ++i, INPUTS);
          case TASK -> task = next(args, ++i, TASK);
          case OUTPUT_CONTEXT -> outputContext = next(args, ++i, OUTPUT_CONTEXT);
          case "--value" -> valueFiles.put(next(args, ++i, "--value NAME"), next(args, ++i, "--value NAME FILE"));
          case OUTPUT -> {
            String name = next(args, ++i, "--output NAME");
            outputs.put(name, new String[] {next(args, ++i, "--output NAME KIND"), next(args, ++i, "--output NAME KIND TEXT")});
          }
          case ARTIFACT -> artifacts.put(next(args, ++i, ARTIFACT + " NAME"), next(args, ++i, ARTIFACT + " NAME PATH"));
          case OUTPUTS_FOLDER -> outputsFolder = next(args, ++i, OUTPUTS_FOLDER);
          case OUTPUT_FILE -> {
            String name = next(args, ++i, OUTPUT_FILE + " NAME");
            outputFiles.put(name, new String[] {next(args, ++i, OUTPUT_FILE + " NAME KIND"),
                next(args, ++i, OUTPUT_FILE + " NAME KIND FILE")});
          }
          case OUTPUT_ARTIFACT -> {
            String name = next(args, ++i, OUTPUT_ARTIFACT + " NAME");
            outputArtifacts.put(name, new String[] {next(args, ++i, OUTPUT_ARTIFACT + " NAME SCHEMA_TITLE"),
                next(args, ++i, OUTPUT_ARTIFACT + " NAME SCHEMA_TITLE PATH")});
          }
          default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
        }
      }
      if (contexts == null || (verb.equals(FETCH_MODE) && inputs == null)
          || (verb.equals(STORE_MODE) && (task == null || outputContext == null))) {
        throw new IllegalArgumentException(verb.equals(FETCH_MODE) ? "fetch needs --contexts and --inputs"
            : "store needs --contexts, --task and --output-context");
      }
    } catch (IllegalArgumentException e) {
      err.println(prefix + e.getMessage());
      return 2;
    }
    RunContext context;
    try {
      context = ContainerValues.contexts(contexts);
    } catch (ContextException e) {
      err.println(prefix + e.getMessage());
      return 3;
    }
    try (Storage storage = Storage.create(roots(context, settings), settings)) {
      if (verb.equals(FETCH_MODE)) {
        // Only the values asked for: in a step with artifacts, the pod before it fetches no artifact as text.
        Map<String, String> texts = ContainerValues.inputTexts(context, inputs, storage, new Named(valueFiles.keySet()));
        for (Map.Entry<String, String> artifact : artifacts.entrySet()) {
          Path target = Path.of(artifact.getValue());
          if (target.toAbsolutePath().getParent() != null) {
            Files.createDirectories(target.toAbsolutePath().getParent());
          }
          ContainerValues.inputArtifact(context, inputs, artifact.getKey(), storage, target);
        }
        if (outputsFolder != null) {
          Files.createDirectories(Path.of(outputsFolder));
        }
        for (Map.Entry<String, String> file : valueFiles.entrySet()) {
          String text = texts.get(file.getKey());
          if (text == null) {
            throw new ContainerValues.ValueException("--value names '" + file.getKey() + "', which --inputs does not bind");
          }
          write(Path.of(file.getValue()), text);
        }
        return 0;
      }
      Map<String, Object> values = new LinkedHashMap<>();
      for (Map.Entry<String, String[]> output : outputs.entrySet()) {
        values.put(output.getKey(), ContainerValues.value(output.getKey(), output.getValue()[0], output.getValue()[1]));
      }
      for (Map.Entry<String, String[]> output : outputFiles.entrySet()) {
        Path file = Path.of(output.getValue()[1]);
        if (!Files.isRegularFile(file)) {
          throw new ContainerValues.ValueException("the program did not write output '" + output.getKey() + "' to its"
              + " file " + file);
        }
        values.put(output.getKey(), ContainerValues.value(output.getKey(), output.getValue()[0],
            Files.readString(file, StandardCharsets.UTF_8)));
      }
      RunContext updated = ContainerValues.storeValues(context, task, values, storage);
      for (Map.Entry<String, String[]> artifact : outputArtifacts.entrySet()) {
        updated = ContainerValues.storeArtifact(updated, task, artifact.getKey(), Path.of(artifact.getValue()[1]),
            artifact.getValue()[0], storage);
      }
      write(Path.of(outputContext), updated.toJson() + "\n");
      return 0;
    } catch (ContainerValues.ValueException | ContextException e) {
      err.println(prefix + (task == null ? "" : "task '" + task + "': ") + e.getMessage());
      return 4;
    } catch (IOException e) {
      err.println(prefix + (task == null ? "" : "task '" + task + "': ") + e.getMessage());
      return 6;
    }
  }

  private static List<URI> roots(RunContext context, StorageSettings settings) throws AddressRefusedException {
    List<URI> roots = new ArrayList<>(settings.configuredRoots());
    if (roots.isEmpty()) {
      roots.add(context.root());
    }
    return roots;
  }

  private static void write(Path file, String text) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    new FileObjectStore().write(file.toUri(), ObjectWriter.of(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** The inputs named in a set (a class, not a method reference: no invokedynamic bootstrap in the step's JVM). */
  private record Named(java.util.Set<String> names) implements java.util.function.Predicate<String> {
    @Override
    public boolean test(String name) {
      return names.contains(name);
    }
  }

  private static String next(String[] args, int i, String what) {
    if (i >= args.length) {
      throw new IllegalArgumentException(what + " needs a value");
    }
    return args[i];
  }
}
