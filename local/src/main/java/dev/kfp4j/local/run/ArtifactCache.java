package dev.kfp4j.local.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kfp4j.runtime.artifact.ArtifactException;
import dev.kfp4j.runtime.artifact.ArtifactManifest;
import dev.kfp4j.runtime.artifact.Artifacts;
import dev.kfp4j.runtime.storage.Storage;
import dev.kfp4j.runtime.storage.StorageSettings;
import dev.kfp4j.runtime.value.ValueCodec;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * How the cache treats artifacts (files and directories), which it never copies into itself: an input
 * artifact enters the cache key as its content digest, so the same bytes under another address are a
 * hit and a changed file is a miss; an output artifact is kept as a reference to where the run that
 * produced it stored it, with its digest, and a hit copies it into the new run after checking that
 * digest (streamed, in the kernel between {@code file://} addresses). A reference whose artifact is
 * gone or changed is a miss.
 */
final class ArtifactCache {

  private static final String REFERENCE = "kfp4j-artifact";

  private ArtifactCache() {}

  /** What an artifact input contributes to the cache key: its kind and content digest; empty for a JSON value. */
  static Optional<byte[]> keyBytes(Storage storage, URI address) throws IOException {
    return Artifacts.find(storage, address)
        .map(m -> ("artifact " + m.kind() + " " + m.sha256()).getBytes(StandardCharsets.UTF_8));
  }

  /** What a cache entry keeps for an artifact output: its address and digest; empty for a JSON value. */
  static Optional<byte[]> reference(Storage storage, URI address) throws IOException {
    Optional<ArtifactManifest> manifest = Artifacts.find(storage, address);
    if (manifest.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put(REFERENCE, address.toString());
    node.put("sha256", manifest.get().sha256());
    return Optional.of(ValueCodec.get().mapper().writeValueAsBytes(node));
  }

  /** The referenced artifact's address, if {@code bytes} are a reference rather than a JSON value. */
  static Optional<URI> referenced(byte[] bytes) {
    if (bytes.length == 0 || bytes[0] != '{') {
      return Optional.empty();
    }
    try {
      JsonNode node = ValueCodec.get().mapper().readTree(bytes);
      return node != null && node.has(REFERENCE) && node.size() == 2
          ? Optional.of(URI.create(node.get(REFERENCE).asText())) : Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty(); // a JSON value that only looked like a reference
    }
  }

  /**
   * Copies the referenced artifact to {@code target} under {@code root}.
   *
   * @throws ArtifactException if it is gone or no longer has the digest recorded with the reference
   */
  static void restore(byte[] reference, URI target, URI root, StorageSettings settings) throws IOException {
    JsonNode node;
    try {
      node = ValueCodec.get().mapper().readTree(reference);
    } catch (JsonProcessingException e) {
      throw new ArtifactException("the cached reference is not valid JSON");
    }
    URI from = URI.create(node.get(REFERENCE).asText());
    // The producing run's folder is readable for this copy only; tasks still see their own run's root.
    try (Storage storage = Storage.create(List.of(from.resolve("."), root), settings)) {
      ArtifactManifest manifest = Artifacts.find(storage, from)
          .orElseThrow(() -> new ArtifactException("the cached artifact " + from + " is gone"));
      if (!manifest.sha256().equals(node.path("sha256").asText())) {
        throw new ArtifactException("the cached artifact " + from + " changed after it was cached");
      }
      Artifacts.copy(storage, from, target);
    }
  }
}
