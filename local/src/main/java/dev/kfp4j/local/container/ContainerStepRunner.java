package dev.kfp4j.local.container;

import static dev.kfp4j.wire.StepArguments.CONTEXTS;
import static dev.kfp4j.wire.StepArguments.INPUTS;
import static dev.kfp4j.wire.StepArguments.OUTPUT_CONTEXT;
import static dev.kfp4j.wire.StepArguments.ROOTS;
import static dev.kfp4j.wire.StepArguments.TASK;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kfp4j.local.exec.LocalSecrets;
import dev.kfp4j.local.exec.RunControl;
import dev.kfp4j.local.exec.TaskExecutor;
import dev.kfp4j.local.plan.ContainerTask;
import dev.kfp4j.local.plan.PlannedTask;
import dev.kfp4j.local.plan.Planner;
import dev.kfp4j.local.plan.TaskOptions;
import dev.kfp4j.runtime.container.ContainerValues;
import dev.kfp4j.runtime.context.ContextException;
import dev.kfp4j.runtime.context.RunContext;
import dev.kfp4j.runtime.entrypoint.ComponentMain;
import dev.kfp4j.runtime.storage.Storage;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one attempt of a container step: its image with podman or docker, or its command on this
 * machine in host mode. A context-protocol program gets the run's contexts and writes its output
 * context itself; for a plain (KFP-protocol) program the runner puts the input values into the
 * command line, gives it output files in a scratch folder, and stores what it wrote.
 */
public final class ContainerStepRunner {

  private static final Pattern INPUT = Pattern.compile("\\{\\{\\$\\.inputs\\.parameters\\['([^']+)']}}");
  private static final Pattern OUTPUT = Pattern.compile("\\{\\{\\$\\.outputs\\.parameters\\['([^']+)']\\.output_file}}");
  private static final Pattern ARTIFACT =
      Pattern.compile("\\{\\{\\$\\.(inputs|outputs)\\.artifacts\\['([^']+)']\\.(path|uri|metadata)}}");
  private static final String OUTPUTS_IN_CONTAINER = "/tmp/kfp4j/outputs/";
  private static final String INPUTS_IN_CONTAINER = "/tmp/kfp4j/inputs/";

  private final ContainerRuntime runtime;
  private final RunControl control;
  private final Path workingDirectory;
  private Optional<String> engine;
  private String engineProblem;
  private final Map<String, Optional<String>> imageIds = new java.util.HashMap<>();

  public ContainerStepRunner(ContainerRuntime runtime, RunControl control, Path workingDirectory) {
    this.runtime = runtime;
    this.control = control;
    this.workingDirectory = workingDirectory;
  }

  /**
   * What identifies the code a container task runs, for the cache: the image and the command line, and under
   * podman or docker the image's id as the engine has it, so that an image rebuilt under the same name is a new
   * key. In host mode (no image runs) and for an image the engine does not have (the run will say so) its name.
   */
  public String identity(ContainerTask container) throws InterruptedException {
    Optional<String> engine = engine();
    if (engine == null || engine.isEmpty()) {
      return container.identity();
    }
    Optional<String> id;
    synchronized (imageIds) {
      id = imageIds.get(container.image());
    }
    if (id == null) {
      id = imageId(engine.get(), container.image());
      synchronized (imageIds) {
        imageIds.put(container.image(), id);
      }
    }
    return id.map(value -> container.identity() + "\nimage " + value).orElse(container.identity());
  }

  /** {@code <engine> image inspect --format {{.Id}} IMAGE}, or empty when the engine has no such image. */
  private static Optional<String> imageId(String engine, String image) throws InterruptedException {
    try {
      Process inspect = new ProcessBuilder(engine, "image", "inspect", "--format", "{{.Id}}", image)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      inspect.getOutputStream().close();
      String out = new String(inspect.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!inspect.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        inspect.destroyForcibly();
        return Optional.empty();
      }
      return inspect.exitValue() == 0 && !out.isEmpty() && !out.contains("\n") ? Optional.of(out) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // the engine answered 'info' a moment ago; without an id the key keeps the name
    }
  }

  /** A one-line description for the log header: the image and how it runs. */
  public String describe(ContainerTask container) {
    return container.image() + ", " + (runtime.mode() == ContainerRuntime.Mode.HOST ? "host" : "container");
  }

  /**
   * Runs one attempt; its output and any error line go to {@code log}. Returns the exit code (0 when the
   * output context was written), {@link TaskExecutor#TIMED_OUT} when it ran out of time (it is then stopped).
   *
   * @param scratch a folder of this task for output files (emptied first)
   * @param limits the program's environment variables (its only ones in a container; values never on a command line),
   *     its timeout, and its memory limit (a container's {@code --memory}; the JVM options are not used)
   */
  public int run(PlannedTask task, List<String> inputContexts, Path contextFile, Path scratch, Storage storage,
      Path log, String header, TaskExecutor.Limits limits) throws IOException, InterruptedException {
    ContainerTask container = task.container().orElseThrow();
    Files.writeString(log, header + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    Optional<String> engine = engine();
    if (engine == null) {
      return fail(log, task, "it runs image " + container.image() + ", but " + engineProblem, 125);
    }
    String contexts = "[" + String.join(",", inputContexts) + "]";
    if (container.contextProtocol()) {
      List<String> args = new ArrayList<>(container.args());
      args.addAll(List.of(CONTEXTS, contexts, TASK, task.path(), INPUTS, task.inputsJson(),
          OUTPUT_CONTEXT, contextFile.toAbsolutePath().toString()));
      if (container.entrypoint()) {
        // A generated entrypoint reads and writes only under the roots it is given: the run's own.
        try {
          args.addAll(List.of(ROOTS, RunContext.parse(inputContexts.get(0)).root().toString()));
        } catch (ContextException e) {
          return fail(log, task, e.getMessage(), 4);
        }
      }
      List<Path> mounts = new ArrayList<>(List.of(contextFile.toAbsolutePath().getParent()));
      fileRoot(inputContexts).ifPresent(mounts::add);
      return execute(engine, container, container.command(), args, mounts, null, log, task, limits);
    }
    RunContext merged;
    Map<String, String> inputs;
    deleteTree(scratch);
    Path outputFolder = Files.createDirectories(scratch.resolve("outputs"));
    Map<String, String> inputArtifacts = new LinkedHashMap<>(); // "name.path" / "name.uri" / "name.metadata" → text
    try {
      merged = ContainerValues.contexts(contexts);
      List<String> artifactNames = inputArtifacts(container);
      inputs = ContainerValues.inputTexts(merged, task.inputsJson(), storage, name -> !artifactNames.contains(name));
      for (int i = 0; i < artifactNames.size(); i++) {
        String name = artifactNames.get(i);
        Path local = scratch.resolve("inputs").resolve(String.valueOf(i));
        Files.createDirectories(local.getParent());
        String metadata = ContainerValues.inputArtifact(merged, task.inputsJson(), name, storage, local);
        // The file or folder as the program sees it: its path, and (outside KFP) its URI is that path too.
        String path = engine.isPresent() ? INPUTS_IN_CONTAINER + i : local.toAbsolutePath().toString();
        inputArtifacts.put(name + ".path", path);
        inputArtifacts.put(name + ".uri", path);
        inputArtifacts.put(name + ".metadata", metadata);
      }
    } catch (ContextException | ContainerValues.ValueException e) {
      return fail(log, task, e.getMessage(), 4);
    }
    List<String> outputs = List.copyOf(container.outputKinds().keySet());
    String outputDir = engine.isPresent() ? OUTPUTS_IN_CONTAINER : outputFolder.toAbsolutePath() + "/";
    List<String> command = substitute(container.command(), inputs, inputArtifacts, outputs, outputDir);
    List<String> args = substitute(container.args(), inputs, inputArtifacts, outputs, outputDir);
    int code = execute(engine, container, command, args, List.of(), scratch.toAbsolutePath(), log, task, limits);
    if (code != 0) {
      return code;
    }
    Map<String, JsonNode> values = new LinkedHashMap<>();
    Map<String, Path> artifacts = new LinkedHashMap<>();
    for (int i = 0; i < outputs.size(); i++) {
      Path file = outputFolder.resolve(String.valueOf(i));
      String kind = container.outputKinds().get(outputs.get(i));
      if (kind.startsWith(Planner.ARTIFACT_KIND_PREFIX)) {
        artifacts.put(outputs.get(i), file);
        continue;
      }
      if (!Files.isRegularFile(file)) {
        return fail(log, task, "the program did not write output '" + outputs.get(i) + "' to its file", 6);
      }
      try {
        values.put(outputs.get(i), ContainerValues.parse(outputs.get(i), kind,
            Files.readString(file, StandardCharsets.UTF_8)));
      } catch (ContainerValues.ValueException e) {
        return fail(log, task, e.getMessage(), 4);
      }
    }
    try {
      RunContext updated = ContainerValues.store(merged, task.path(), values, storage);
      for (Map.Entry<String, Path> artifact : artifacts.entrySet()) {
        String schemaTitle = container.outputKinds().get(artifact.getKey()).substring(Planner.ARTIFACT_KIND_PREFIX.length());
        updated = ContainerValues.storeArtifact(updated, task.path(), artifact.getKey(), artifact.getValue(), schemaTitle,
            storage);
      }
      Path temp = contextFile.resolveSibling("." + contextFile.getFileName() + ".partial");
      Files.writeString(temp, updated.toJson() + "\n", StandardCharsets.UTF_8);
      Files.move(temp, contextFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (ContextException e) {
      return fail(log, task, e.getMessage(), 4);
    } catch (ContainerValues.ValueException e) {
      return fail(log, task, e.getMessage(), 6);
    }
    return 0;
  }

  /** The input artifacts the command line names ({@code {{$.inputs.artifacts['x'].path}}}, …), in order of first use. */
  private static List<String> inputArtifacts(ContainerTask container) {
    java.util.Set<String> names = new java.util.LinkedHashSet<>();
    for (String text : java.util.stream.Stream.concat(container.command().stream(), container.args().stream()).toList()) {
      Matcher matcher = ARTIFACT.matcher(text);
      while (matcher.find()) {
        if (matcher.group(1).equals("inputs")) {
          names.add(matcher.group(2));
        }
      }
    }
    return List.copyOf(names);
  }

  private synchronized Optional<String> engine() {
    if (engine == null && engineProblem == null) {
      try {
        engine = runtime.engine();
      } catch (IllegalStateException e) {
        engineProblem = e.getMessage();
      }
    }
    return engine;
  }

  /**
   * {@code {{$.inputs.parameters['x']}}} → the value's text; {@code …output_file}} → output file number i;
   * {@code {{$.inputs.artifacts['x'].path}}} ({@code .uri}, {@code .metadata}) → the downloaded artifact's;
   * {@code {{$.outputs.artifacts['y'].path}}} ({@code .uri}) → output path number i, {@code .metadata} → {@code {}}.
   */
  private static List<String> substitute(List<String> texts, Map<String, String> inputs,
      Map<String, String> inputArtifacts, List<String> outputs, String outputDir) {
    List<String> result = new ArrayList<>();
    for (String text : texts) {
      Matcher in = INPUT.matcher(text);
      String replaced = in.replaceAll(match -> Matcher.quoteReplacement(inputs.getOrDefault(match.group(1), "")));
      Matcher out = OUTPUT.matcher(replaced);
      replaced = out.replaceAll(match -> Matcher.quoteReplacement(outputDir + outputs.indexOf(match.group(1))));
      Matcher artifact = ARTIFACT.matcher(replaced);
      result.add(artifact.replaceAll(match -> Matcher.quoteReplacement(match.group(1).equals("inputs")
          ? inputArtifacts.getOrDefault(match.group(2) + "." + match.group(3), "")
          : match.group(3).equals("metadata") ? "{}" : outputDir + outputs.indexOf(match.group(2)))));
    }
    return result;
  }

  private int execute(Optional<String> engine, ContainerTask container, List<String> command, List<String> args,
      List<Path> mounts, Path outputs, Path log, PlannedTask task, TaskExecutor.Limits limits)
      throws IOException, InterruptedException {
    List<String> line = new ArrayList<>();
    String name = null;
    if (engine.isPresent()) {
      // A name of its own, so that a timed-out container can be removed (ending the client does not stop it).
      name = "kfp4j-" + java.util.UUID.randomUUID();
      line.addAll(List.of(engine.get(), "run", "--rm", "--name", name));
      // '-e NAME' without a value: the engine takes the value from its own environment, never from the command line.
      limits.env().keySet().forEach(variable -> line.addAll(List.of("-e", variable)));
      if (task.options().memoryLimitBytes() != null) {
        line.addAll(List.of("--memory", String.valueOf(task.options().memoryLimitBytes())));
      }
      if (task.options().cpuLimit() != null) {
        line.addAll(List.of("--cpus", task.options().cpuLimit()));
      }
      try {
        line.addAll(secretVolumes(task.options().secretVolumes(), LocalSecrets.folder()));
      } catch (IllegalStateException e) {
        return fail(log, task, e.getMessage(), 125);
      }
      line.addAll(runtime.runtimeOptions());
      if (container.entrypoint()) {
        // As in a task JVM on this machine: the user's stack trace goes to the task's log.
        line.addAll(List.of("-e", ComponentMain.STACK_TRACE_ENV + "=1"));
      }
      for (Path mount : mounts) {
        line.addAll(List.of("-v", mount + ":" + mount));
      }
      if (outputs != null) { // the scratch folder: outputs/ written by the program, inputs/ its downloaded artifacts
        line.addAll(List.of("-v", outputs.resolve("outputs") + ":" + OUTPUTS_IN_CONTAINER));
        if (Files.isDirectory(outputs.resolve("inputs"))) {
          line.addAll(List.of("-v", outputs.resolve("inputs") + ":" + INPUTS_IN_CONTAINER + ":ro"));
        }
      }
      if (!command.isEmpty()) {
        line.addAll(List.of("--entrypoint", command.get(0)));
      }
      line.add(container.image());
      line.addAll(command.isEmpty() ? List.of() : command.subList(1, command.size()));
      line.addAll(args);
    } else {
      if (command.isEmpty()) {
        Files.writeString(log, "kfp4j: image " + container.image() + " has no command in the spec (it uses the image's"
            + " own entrypoint), which host mode cannot run; run it with podman or docker\n", StandardCharsets.UTF_8,
            StandardOpenOption.APPEND);
        return 125;
      }
      for (String text : command) {
        line.add(hostPath(text));
      }
      for (String text : args) {
        line.add(hostPath(text));
      }
    }
    ProcessBuilder builder = new ProcessBuilder(line).directory(workingDirectory.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(limits.env());
    if (engine.isEmpty() && !runtime.hostTools().isEmpty()) {
      List<String> path = new ArrayList<>();
      runtime.hostTools().forEach(tool -> path.add(tool.toAbsolutePath().toString()));
      path.add(builder.environment().getOrDefault("PATH", ""));
      builder.environment().put("PATH", String.join(java.io.File.pathSeparator, path));
    }
    Process process = builder.start();
    control.started(process);
    process.getOutputStream().close();
    try {
      if (limits.timeout() != null
          && !process.waitFor(limits.timeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        stop(process, engine, name);
        return TaskExecutor.TIMED_OUT;
      }
      return process.waitFor();
    } catch (InterruptedException e) {
      stop(process, engine, name);
      throw e;
    } finally {
      control.ended(process);
    }
  }

  /** Ends the program: its process tree and, for a container, the container itself. */
  private static void stop(Process process, Optional<String> engine, String name) throws IOException {
    RunControl.destroyTree(process);
    if (engine.isPresent()) {
      Process remove = new ProcessBuilder(engine.get(), "rm", "-f", name).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      try {
        if (!remove.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
          remove.destroyForcibly();
        }
      } catch (InterruptedException e) {
        remove.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The engine options mounting a task's Secret volumes read-only: {@code <secrets>/<secret>} (laid out as Kubernetes
   * mounts a Secret: one file per key) at the volume's path. A missing folder of an optional Secret is left out.
   *
   * @throws IllegalStateException naming the Secret and the folder to create, when a required one is missing
   */
  public static List<String> secretVolumes(List<TaskOptions.SecretVolume> volumes, Path secrets) {
    List<String> options = new ArrayList<>();
    for (TaskOptions.SecretVolume volume : volumes) {
      Path folder = secrets.resolve(volume.secret()).toAbsolutePath();
      if (!Files.isDirectory(folder)) {
        if (volume.optional()) {
          continue;
        }
        throw new IllegalStateException("it mounts Secret '" + volume.secret() + "' at " + volume.mountPath()
            + "; locally, create the folder " + folder + " with one file per key of the Secret");
      }
      options.addAll(List.of("-v", folder + ":" + volume.mountPath() + ":ro"));
    }
    return options;
  }

  /** An image path under a mapped prefix, as the local folder it is mapped to. */
  private String hostPath(String text) {
    for (Map.Entry<String, Path> mapping : runtime.hostPaths().entrySet()) {
      String prefix = mapping.getKey().endsWith("/") ? mapping.getKey() : mapping.getKey() + "/";
      if (text.startsWith(prefix)) {
        return mapping.getValue().toAbsolutePath().resolve(text.substring(prefix.length())).toString();
      }
    }
    return text;
  }

  /** The run's storage folder, when it is a local one (mounted into the container at the same path). */
  private static Optional<Path> fileRoot(List<String> contexts) {
    try {
      URI root = RunContext.parse(contexts.get(0)).root();
      return "file".equals(root.getScheme()) ? Optional.of(Path.of(root)) : Optional.empty();
    } catch (ContextException e) {
      return Optional.empty();
    }
  }

  private static int fail(Path log, PlannedTask task, String reason, int code) throws IOException {
    Files.writeString(log, "kfp4j: container step '" + task.path() + "': " + reason + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    return code;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
