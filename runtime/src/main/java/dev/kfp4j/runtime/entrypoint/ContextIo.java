package dev.kfp4j.runtime.entrypoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kfp4j.runtime.artifact.ArtifactManifest;
import dev.kfp4j.runtime.artifact.Artifacts;
import dev.kfp4j.runtime.context.ContextException;
import dev.kfp4j.runtime.context.RunContext;
import dev.kfp4j.runtime.storage.Addresses;
import dev.kfp4j.runtime.storage.ObjectWriter;
import dev.kfp4j.runtime.storage.Storage;
import dev.kfp4j.runtime.value.Codec;
import dev.kfp4j.runtime.value.JsonTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Component I/O through the context: inputs by address from storage, outputs to {@code <root>/<task>/<output>.json}. */
final class ContextIo implements ComponentIo {

  private final ComponentDescriptor component;
  private final RunContext context;
  private final Map<String, InputBinding> bindings;
  private final Storage storage;
  private final Map<String, Stored> outputs = new LinkedHashMap<>();
  private final List<URI> written = new ArrayList<>();
  private final Map<URI, ArtifactManifest> writtenArtifacts = new LinkedHashMap<>();
  private Path scratch;

  ContextIo(ComponentDescriptor component, RunContext context, Map<String, InputBinding> bindings, Storage storage) {
    this.component = component;
    this.context = context;
    this.bindings = bindings;
    this.storage = storage;
  }

  @Override
  public <T> T input(String name, Codec<T> codec) throws InputException {
    InputBinding binding = bindings.getOrDefault(name, new InputBinding.From(name));
    List<Object> path = new ArrayList<>();
    while (binding instanceof InputBinding.Selected selected) {
      path.addAll(0, selected.path());
      binding = selected.of();
    }
    if (binding instanceof InputBinding.Constant constant) {
      try {
        return codec.decode(constant.json(), path);
      } catch (IOException e) {
        throw new InputException("input '" + name + "' (constant " + constant.json() + "): " + e.getMessage(), e);
      }
    }
    String valueName = ((InputBinding.From) binding).name();
    String subject = "input '" + name + "'" + (valueName.equals(name) ? "" : " (value '" + valueName + "')");
    URI address = context.values().get(valueName);
    if (address == null) {
      throw new InputException(subject + ": the context has no value '" + valueName + "' (it has: "
          + (context.values().isEmpty() ? "none" : String.join(", ", context.values().keySet()))
          + "); bind it with --input " + name + "=<value name>", null);
    }
    try (InputStream in = storage.read(address)) {
      return codec.decode(in, path);
    } catch (IOException e) {
      throw new InputException(subject + " at " + Addresses.redact(address) + ": " + stripAddress(e.getMessage(), address), e);
    } catch (OutOfMemoryError e) {
      // The half-built value is garbage by now; what is left of the heap is enough for one line.
      throw new InputException(subject + " at " + Addresses.redact(address) + ": " + tooLarge(address, codec), null);
    }
  }

  /** The JSON value (a {@link JsonTree}) a binding names in {@code context}, read from {@code storage}. */
  static Object json(String name, InputBinding binding, RunContext context, Storage storage) throws InputException {
    if (binding instanceof InputBinding.Constant constant) {
      try {
        return JsonTree.parse(constant.json());
      } catch (IOException e) {
        throw new InputException("input '" + name + "' (constant): " + e.getMessage(), e);
      }
    }
    if (binding instanceof InputBinding.Selected selected) {
      return InputBinding.select(json(name, selected.of(), context, storage), selected.path(), "input '" + name + "'");
    }
    String valueName = ((InputBinding.From) binding).name();
    URI address = context.values().get(valueName);
    if (address == null) {
      throw new InputException("input '" + name + "': the context has no value '" + valueName + "' (it has: "
          + (context.values().isEmpty() ? "none" : String.join(", ", context.values().keySet())) + ")", null);
    }
    String subject = "input '" + name + "' (value '" + valueName + "') at " + Addresses.redact(address) + ": ";
    try (InputStream in = storage.read(address)) {
      return JsonTree.parse(in);
    } catch (JsonProcessingException e) {
      // Its location only: the parser's message would quote the value's text.
      throw new InputException(subject + "malformed JSON" + (e.getLocation() == null ? ""
          : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"), e);
    } catch (IOException e) {
      throw new InputException(subject + stripAddress(e.getMessage(), address), e);
    }
  }

  @Override
  public Path inputArtifact(String name) throws InputException {
    InputBinding binding = bindings.getOrDefault(name, new InputBinding.From(name));
    if (!(binding instanceof InputBinding.From from)) {
      throw new InputException("input artifact '" + name + "': a constant cannot be an artifact; pass a task's"
          + " output or a pipeline parameter holding an address", null);
    }
    String valueName = from.name();
    String subject = "input artifact '" + name + "'" + (valueName.equals(name) ? "" : " (value '" + valueName + "')");
    URI address = context.values().get(valueName);
    if (address == null) {
      throw new InputException(subject + ": the context has no value '" + valueName + "' (it has: "
          + (context.values().isEmpty() ? "none" : String.join(", ", context.values().keySet())) + ")", null);
    }
    try {
      Path folder = Files.createDirectories(scratch().resolve("inputs").resolve(name));
      ArtifactManifest manifest = Artifacts.manifest(storage, address);
      Path local = folder.resolve(manifest.name());
      Artifacts.download(storage, address, manifest, local);
      return local;
    } catch (IOException e) {
      throw new InputException(subject + " at " + Addresses.redact(address) + ": " + stripAddress(e.getMessage(), address), e);
    }
  }

  @Override
  public void outputArtifact(String name, Path path, String schemaTitle) {
    if (!component.outputs().contains(name)) {
      throw new IllegalArgumentException("component '" + component.name() + "' has no output '" + name + "'");
    }
    outputs.put(name, new PendingArtifact(path, schemaTitle));
  }

  /** A private folder for this execution's downloaded inputs, removed by {@link #cleanUp}. */
  private Path scratch() throws IOException {
    if (scratch == null) {
      scratch = Files.createTempDirectory("kfp4j-" + component.name() + "-");
    }
    return scratch;
  }

  /** Removes the downloaded input artifacts once the outputs are stored (or the run failed). */
  void cleanUp() {
    if (scratch != null) {
      try {
        Artifacts.deleteTree(scratch);
      } catch (IOException e) {
        System.err.println("kfp4j: component '" + component.name() + "': could not remove " + scratch + ": " + e);
      }
      scratch = null;
    }
  }

  @Override
  public <T> void output(String name, T value, Codec<T> codec) {
    if (!component.outputs().contains(name)) {
      throw new IllegalArgumentException("component '" + component.name() + "' has no output '" + name + "'");
    }
    outputs.put(name, new Pending<>(value, codec));
  }

  /**
   * Where output {@code name} of {@code task} is stored: {@code <root>/<task>/<name>.json} for a JSON
   * value, {@code <root>/<task>/<name>} for an artifact (its manifest beside it).
   */
  URI outputAddress(String task, String name) {
    return Addresses.resolve(context.root(), task + "/" + name + (component.isArtifact(name) ? "" : ".json"));
  }

  /** Refuses up front, before the user's method runs, outputs that could not be stored where they go. */
  void checkOutputAddresses(String task) throws IOException {
    for (String name : component.outputs()) {
      storage.checkWritable(storage.permit(outputAddress(task, name)));
    }
  }

  /** Stores every recorded output and returns the context with their addresses; on failure removes what it wrote. */
  RunContext storeOutputs(String task) throws IOException, ContextException {
    // Checked before anything is written, so a missing value leaves no partial set of outputs.
    for (String name : component.outputs()) {
      Stored pending = outputs.get(name);
      if (pending == null) {
        throw new IOException("the component produced no value for output '" + name + "'");
      }
      if (pending.value() == null) {
        throw new IOException(component.method() + " returned null for output '" + name
            + "'; an output needs a value (a missing value cannot be passed to the next step)");
      }
    }
    for (Map.Entry<String, Stored> entry : outputs.entrySet()) {
      if (entry.getValue() instanceof PendingArtifact artifact) {
        artifact.check(component, entry.getKey());
      }
    }
    RunContext updated = context;
    try {
      for (Map.Entry<String, Stored> entry : outputs.entrySet()) {
        URI address = outputAddress(task, entry.getKey());
        if (entry.getValue() instanceof PendingArtifact artifact) {
          writtenArtifacts.put(address, artifact.store(storage, address, entry.getKey()));
        } else {
          entry.getValue().store(storage, address);
          written.add(address);
        }
        updated = updated.with(task + "." + entry.getKey(), address);
      }
    } catch (IOException | ContextException e) {
      discardOutputs(e);
      throw e;
    }
    return updated;
  }

  /** Deletes the outputs already stored by this execution (their context was never published). */
  void discardOutputs(Exception cause) {
    for (URI address : written) {
      try {
        storage.delete(address);
      } catch (IOException e) {
        // No output context names this object, so no later step can find it; keep the detail.
        cause.addSuppressed(e);
      }
    }
    written.clear();
    for (Map.Entry<URI, ArtifactManifest> artifact : writtenArtifacts.entrySet()) {
      try {
        Artifacts.delete(storage, artifact.getKey(), artifact.getValue());
      } catch (IOException e) {
        cause.addSuppressed(e);
      }
    }
    writtenArtifacts.clear();
  }

  private String tooLarge(URI address, Codec<?> type) {
    java.util.OptionalLong size = storage.size(address);
    return "the value " + (size.isPresent() ? "(" + size.getAsLong() + " bytes of JSON) " : "")
        + "does not fit in memory as " + type + " (maximum heap " + (Runtime.getRuntime().maxMemory() >> 20)
        + " MiB); give the step more memory (e.g. -Xmx) or pass a smaller value";
  }

  private static String stripAddress(String message, URI address) {
    String prefix = Addresses.redact(address) + ": ";
    return message != null && message.startsWith(prefix) ? message.substring(prefix.length()) : String.valueOf(message);
  }

  /** An output waiting to be stored. */
  private interface Stored {
    Object value();

    void store(Storage storage, URI address) throws IOException;
  }

  /** A file or directory the method returned, uploaded as an artifact. */
  private record PendingArtifact(Path value, String schemaTitle) implements Stored {
    /** Refuses, before anything is uploaded, a path that is missing or not a file or directory. */
    void check(ComponentDescriptor component, String name) throws IOException {
      if (Files.isSymbolicLink(value)) {
        throw new IOException(component.method() + " returned " + value + " for output artifact '" + name
            + "', which is a symbolic link; return the file or directory itself");
      }
      if (!Files.exists(value)) {
        throw new IOException(component.method() + " returned " + value + " for output artifact '" + name
            + "', which does not exist; write the file before returning its path");
      }
      if (!Files.isRegularFile(value) && !Files.isDirectory(value)) {
        throw new IOException(component.method() + " returned " + value + " for output artifact '" + name
            + "', which is neither a regular file nor a directory");
      }
    }

    ArtifactManifest store(Storage storage, URI address, String name) throws IOException {
      try {
        return Artifacts.upload(storage, address, value, schemaTitle, Metrics.read(value, schemaTitle));
      } catch (IOException e) {
        throw new IOException("output artifact '" + name + "': " + e.getMessage(), e);
      }
    }

    @Override
    public void store(Storage storage, URI address) {
      throw new UnsupportedOperationException("artifacts are stored with their name");
    }
  }

  // A class, not a lambda: no invokedynamic bootstrap on the start-up path of every entrypoint.
  private record Pending<T>(T value, Codec<T> codec) implements ObjectWriter, Stored {
    @Override
    public void store(Storage storage, URI address) throws IOException {
      storage.write(address, this);
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
      codec.encode(value, out);
    }
  }
}
