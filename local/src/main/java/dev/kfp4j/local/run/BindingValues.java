package dev.kfp4j.local.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kfp4j.local.plan.Source;
import dev.kfp4j.runtime.context.RunContext;
import dev.kfp4j.runtime.storage.Storage;
import dev.kfp4j.runtime.value.ValueCodec;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

/** The JSON value a binding reads, as the entrypoint would read it: a loop's items, an item for a cache key. */
final class BindingValues {

  private BindingValues() {}

  /** The value, or empty when the context has no such value (the entrypoint then says what is missing). */
  static Optional<JsonNode> read(Source binding, RunContext context, Storage storage) throws IOException {
    if (binding instanceof Source.Constant constant) {
      return Optional.of(constant.value());
    }
    if (binding instanceof Source.Selected selected) {
      Optional<JsonNode> whole = read(selected.of(), context, storage);
      if (whole.isEmpty()) {
        return whole;
      }
      JsonNode current = whole.get();
      for (Object step : selected.path()) {
        current = step instanceof Integer index ? current.path(index) : current.path(step.toString());
        if (current.isMissingNode()) {
          return Optional.empty();
        }
      }
      return Optional.of(current);
    }
    Optional<URI> address = context.address(((Source.From) binding).valueName());
    if (address.isEmpty()) {
      return Optional.empty();
    }
    try (InputStream in = storage.read(address.get())) {
      return Optional.of(ValueCodec.get().mapper().readTree(in));
    }
  }
}
