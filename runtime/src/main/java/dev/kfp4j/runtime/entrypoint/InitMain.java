package dev.kfp4j.runtime.entrypoint;

import static dev.kfp4j.wire.StepArguments.OUTPUT_CONTEXT;
import static dev.kfp4j.wire.StepArguments.PARAM;
import static dev.kfp4j.wire.StepArguments.ROOT;
import static dev.kfp4j.wire.StepArguments.ROOTS;
import static dev.kfp4j.wire.StepArguments.RUN_ID;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kfp4j.runtime.context.ContextException;
import dev.kfp4j.runtime.context.RunContext;
import dev.kfp4j.runtime.storage.AddressRefusedException;
import dev.kfp4j.runtime.storage.Addresses;
import dev.kfp4j.runtime.storage.ObjectWriter;
import dev.kfp4j.runtime.storage.Storage;
import dev.kfp4j.runtime.storage.StorageSettings;
import dev.kfp4j.runtime.value.JsonTree;
import dev.kfp4j.runtime.value.ParameterValues;
import dev.kfp4j.wire.ParameterKind;
import dev.kfp4j.wire.WorkflowNames;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first step of a cluster run: stores each pipeline parameter under {@code <root>/inputs/<name>.json}
 * and writes the run's first context. Parameters arrive as text (Argo substitutes them into the
 * command line): a STRING parameter is taken as is, every other kind as JSON of that kind.
 *
 * <p>The step reads and writes JSON with jackson-core alone ({@link JsonTree}), as a component's JVM does. No method of
 * this class names a jackson-databind type: the {@code java} launcher resolves the types of a main class's public
 * methods, which would load it. The tools' calls with {@code JsonNode}s are in {@link InitStep}.
 *
 * <pre>
 * InitMain --run-id ID --root URI --output-context FILE [--roots URI,...] [--param NAME KIND VALUE]...
 * </pre>
 */
public final class InitMain {

  /** A parameter's value until the submitter sets it (the Argo Workflow's placeholder). */
  public static final String REQUIRED = WorkflowNames.REQUIRED;

  private InitMain() {}

  public static void main(String[] args) {
    int code = run(args, System.err, StorageSettings.fromEnvironment());
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs the init step; returns the exit code. */
  public static int run(String[] args, PrintStream err, StorageSettings settings) {
    String prefix = "kfp4j: init: ";
    String runId = null;
    String root = null;
    String output = null;
    List<URI> roots = new ArrayList<>();
    Map<String, String[]> params = new LinkedHashMap<>();
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case RUN_ID -> runId = next(args, ++i, RUN_ID);
          case ROOT -> root = next(args, ++i, ROOT);
          case OUTPUT_CONTEXT -> output = next(args, ++i, OUTPUT_CONTEXT);
          case ROOTS -> {
            for (String r : next(args, ++i, ROOTS).split(",")) {
              if (!r.isBlank()) {
                roots.add(Addresses.parse(r.trim()));
              }
            }
          }
          case PARAM -> {
            String name = next(args, ++i, "--param NAME");
            String kind = next(args, ++i, "--param NAME KIND");
            String value = next(args, ++i, "--param NAME KIND VALUE");
            params.put(name, new String[] {kind, value});
          }
          default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
        }
      }
      if (runId == null || root == null || output == null) {
        throw new IllegalArgumentException("--run-id, --root and --output-context are required");
      }
    } catch (IllegalArgumentException | AddressRefusedException e) {
      err.println(prefix + e.getMessage());
      return ExitCode.USAGE;
    }
    try {
      AtomicFiles.checkTarget(Path.of(output));
    } catch (IOException | java.nio.file.InvalidPathException e) {
      err.println(prefix + "--output-context: " + e.getMessage());
      return ExitCode.USAGE;
    }
    try {
      Map<String, Object> values = new LinkedHashMap<>();
      for (Map.Entry<String, String[]> param : params.entrySet()) {
        values.put(param.getKey(), value(param.getKey(), param.getValue()[0], param.getValue()[1]));
      }
      java.util.Set<String> imports = new java.util.TreeSet<>();
      for (Map.Entry<String, String[]> param : params.entrySet()) {
        if (ARTIFACT.equals(param.getValue()[0])) {
          imports.add(param.getKey());
        }
      }
      init(runId, Addresses.parse(root), values, imports, roots, settings, Path.of(output));
      return ExitCode.OK;
    } catch (ContextException | InputException e) {
      err.println(prefix + e.getMessage());
      return ExitCode.BAD_INPUT;
    } catch (IOException e) {
      err.println(prefix + e.getMessage());
      return ExitCode.OUTPUT_FAILED;
    }
  }

  /** The kind of a {@code java.nio.file.Path} parameter: the address of an object to import as an artifact. */
  public static final String ARTIFACT = WorkflowNames.ARTIFACT_KIND;

  /**
   * The address of an imported artifact. One under the storage roots is checked (an artifact with kfp4j's
   * manifest, or at least an object) and used where it is, not copied, as KFP's importer does. A local
   * file or directory outside the roots (a {@code file:} URI, on a laptop) is uploaded into the run as
   * {@code <root>/inputs/<name>}, so the run does not change when the original does; any other address
   * outside the roots is refused.
   */
  public static URI importAddress(Storage storage, URI root, String name, String text) throws InputException {
    String subject = "pipeline parameter '" + name + "' (an artifact to import)";
    try {
      URI address = Addresses.parse(text);
      boolean underRoots = false;
      for (URI r : storage.roots()) {
        underRoots |= Addresses.isUnder(address, r);
      }
      if ("file".equalsIgnoreCase(address.getScheme()) && !underRoots) {
        Path local = Path.of(address);
        if (!java.nio.file.Files.exists(local)) {
          throw new InputException(subject + ": " + local + " does not exist", null);
        }
        URI copy = Addresses.resolve(root, RunContext.PARAMETERS_FOLDER + "/" + name);
        dev.kfp4j.runtime.artifact.Artifacts.upload(storage, copy, local, "system.Artifact", Map.of());
        return copy;
      }
      storage.permit(address);
      dev.kfp4j.runtime.artifact.Artifacts.manifest(storage, address);
      return address;
    } catch (IOException | IllegalArgumentException e) {
      throw new InputException(subject + ": " + e.getMessage(), e);
    }
  }

  /**
   * The init step as a typed call (what {@link #run} does once it has read its command line; the local runner calls it
   * through {@link InitStep}): stores each value under {@code <root>/inputs/<name>.json}, writes the run's first context
   * to {@code outputContext} atomically, and returns it. Each value named in {@code imports} is an address (a text
   * value) that goes into the context as {@link #importAddress} says, instead of a stored JSON value.
   *
   * @param values the pipeline parameters' values as {@link JsonTree} nodes, read with {@link #value}
   * @param roots where storage may write; empty means the configured roots, else {@code root}
   */
  public static RunContext init(String runId, URI root, Map<String, Object> values, java.util.Set<String> imports,
      List<URI> roots, StorageSettings settings, Path outputContext) throws ContextException, IOException {
    RunContext context = RunContext.create(runId, root);
    List<URI> allowed = new ArrayList<>(roots);
    if (allowed.isEmpty()) {
      allowed.addAll(settings.configuredRoots());
    }
    if (allowed.isEmpty()) {
      allowed.add(context.root());
    }
    try (Storage storage = Storage.create(allowed, settings)) {
      for (Map.Entry<String, Object> value : values.entrySet()) {
        if (imports.contains(value.getKey())) {
          if (!(value.getValue() instanceof String address)) {
            throw new ContextException("pipeline parameter '" + value.getKey() + "' (an artifact to import) must be an"
                + " address, got " + JsonTree.kind(value.getValue()));
          }
          try {
            context = context.with(value.getKey(), importAddress(storage, context.root(), value.getKey(), address));
          } catch (InputException e) {
            throw new ContextException(e.getMessage());
          }
          continue;
        }
        URI address = Addresses.resolve(context.root(), RunContext.PARAMETERS_FOLDER + "/" + value.getKey() + ".json");
        storage.write(address, ObjectWriter.of(ParameterValues.canonicalJson(value.getValue())
            .getBytes(StandardCharsets.UTF_8)));
        context = context.with(value.getKey(), address);
      }
    }
    AtomicFiles.write(outputContext, (context.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
    return context;
  }

  /**
   * Parses a parameter's text per its KFP kind ({@code STRING} as is, every other kind as JSON of that kind) into a
   * {@link JsonTree} node: a {@code String} for a {@code STRING} parameter or an artifact's address, else the JSON value,
   * which must be of {@code kind}. The local runner validates {@code --param} with it ({@link InitStep#parse}) exactly
   * as a cluster run's init step does.
   */
  public static Object value(String name, String kind, String text) throws InputException {
    if (REQUIRED.equals(text)) {
      throw new InputException("pipeline parameter '" + name + "' was not given; submit with -p " + name + "=<value>", null);
    }
    if (kind.equals(ParameterKind.STRING.name()) || kind.equals(ARTIFACT)) {
      return text;
    }
    Object json;
    try {
      json = JsonTree.parse(text);
    } catch (JsonProcessingException e) {
      throw new InputException("pipeline parameter '" + name + "' (" + kind + ") is not valid JSON"
          + JsonTree.problem(e), e);
    } catch (IOException e) {
      throw new InputException("pipeline parameter '" + name + "' (" + kind + ") cannot be read: " + e.getMessage(), e);
    }
    java.util.Optional<ParameterKind> known = ParameterKind.find(kind);
    if (known.isEmpty()) {
      throw new InputException("pipeline parameter '" + name + "' has unknown kind " + kind, null);
    }
    if (!ParameterValues.fitsTree(known.get(), json)) {
      throw new InputException("pipeline parameter '" + name + "' must be " + kind + ", got " + text, null);
    }
    String outOfRange = ParameterValues.numberOutOfRange(json);
    if (outOfRange != null) {
      throw new InputException("pipeline parameter '" + name + "' (" + kind + ") has a number beyond the range of a"
          + " double at " + outOfRange + "; give a smaller one", null);
    }
    return json;
  }

  private static String next(String[] args, int i, String what) {
    if (i >= args.length) {
      throw new IllegalArgumentException(what + " needs a value");
    }
    return args[i];
  }
}
