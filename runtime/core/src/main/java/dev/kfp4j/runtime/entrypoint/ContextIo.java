package dev.kfp4j.runtime.entrypoint;

import dev.kfp4j.runtime.context.ContextException;
import dev.kfp4j.runtime.context.RunContext;
import dev.kfp4j.runtime.storage.Addresses;
import dev.kfp4j.runtime.storage.ObjectWriter;
import dev.kfp4j.runtime.storage.Storage;
import dev.kfp4j.runtime.value.ValueCodec;
import dev.kfp4j.runtime.value.ValueType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
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
  private final Map<String, Pending<?>> outputs = new LinkedHashMap<>();
  private final List<URI> written = new ArrayList<>();

  ContextIo(ComponentDescriptor component, RunContext context, Map<String, InputBinding> bindings, Storage storage) {
    this.component = component;
    this.context = context;
    this.bindings = bindings;
    this.storage = storage;
  }

  @Override
  public <T> T input(String name, ValueType<T> type) throws InputException {
    InputBinding binding = bindings.getOrDefault(name, new InputBinding.From(name));
    if (binding instanceof InputBinding.Constant constant) {
      try {
        return ValueCodec.get().decode(constant.value(), type);
      } catch (IOException e) {
        throw new InputException("input '" + name + "' (constant " + constant.value() + "): " + e.getMessage(), e);
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
      return ValueCodec.get().decode(in, type);
    } catch (IOException e) {
      throw new InputException(subject + " at " + Addresses.redact(address) + ": " + stripAddress(e.getMessage(), address), e);
    } catch (OutOfMemoryError e) {
      // The half-built value is garbage by now; what is left of the heap is enough for one line.
      throw new InputException(subject + " at " + Addresses.redact(address) + ": " + tooLarge(address, type), null);
    }
  }

  @Override
  public <T> void output(String name, T value, ValueType<T> type) {
    if (!component.outputs().contains(name)) {
      throw new IllegalArgumentException("component '" + component.name() + "' has no output '" + name + "'");
    }
    outputs.put(name, new Pending<>(value, type));
  }

  /** Where output {@code name} of {@code task} is stored: {@code <root>/<task>/<name>.json}. */
  URI outputAddress(String task, String name) {
    return Addresses.resolve(context.root(), task + "/" + name + ".json");
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
      Pending<?> pending = outputs.get(name);
      if (pending == null) {
        throw new IOException("the component produced no value for output '" + name + "'");
      }
      if (pending.value() == null) {
        throw new IOException(component.method() + " returned null for output '" + name
            + "'; an output needs a value (a missing value cannot be passed to the next step)");
      }
    }
    RunContext updated = context;
    try {
      for (Map.Entry<String, Pending<?>> entry : outputs.entrySet()) {
        URI address = outputAddress(task, entry.getKey());
        entry.getValue().store(storage, address);
        written.add(address);
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
  }

  private String tooLarge(URI address, ValueType<?> type) {
    java.util.OptionalLong size = storage.size(address);
    return "the value " + (size.isPresent() ? "(" + size.getAsLong() + " bytes of JSON) " : "")
        + "does not fit in memory as " + type + " (maximum heap " + (Runtime.getRuntime().maxMemory() >> 20)
        + " MiB); give the step more memory (e.g. -Xmx) or pass a smaller value";
  }

  private static String stripAddress(String message, URI address) {
    String prefix = Addresses.redact(address) + ": ";
    return message != null && message.startsWith(prefix) ? message.substring(prefix.length()) : String.valueOf(message);
  }

  // A class, not a lambda: no invokedynamic bootstrap on the start-up path of every entrypoint.
  private record Pending<T>(T value, ValueType<T> type) implements ObjectWriter {
    void store(Storage storage, URI address) throws IOException {
      storage.write(address, this);
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
      ValueCodec.get().encode(value, type, out);
    }
  }
}
