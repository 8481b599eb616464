package dev.kfp4j.local.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kfp4j.local.error.LocalRunException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Outputs of earlier successful executions, keyed like KFP's cache: the component's identity (a digest
 * of its compiled code) and the bytes of its input values. Lives under {@code <work>/cache/}.
 *
 * <p>Safe for concurrent runs: an entry is written in a private temporary folder and renamed into
 * place in one step, so a reader sees a complete entry or none; when two runs store the same key,
 * the first rename wins and the other, equivalent, entry is dropped.
 */
public final class CacheStore {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path dir;

  public CacheStore(Path dir) {
    this.dir = dir.toAbsolutePath();
  }

  /** The folder of the cache. */
  public Path directory() {
    return dir;
  }

  /** The cache key of an execution: component identity, then each input's name and value bytes, by name. */
  public static String key(String identity, Map<String, byte[]> inputs) {
    MessageDigest digest = sha256();
    digest.update(("kfp4j-cache-1\n" + identity + "\n").getBytes(StandardCharsets.UTF_8));
    for (Map.Entry<String, byte[]> input : new TreeMap<>(inputs).entrySet()) {
      digest.update((input.getKey() + "\n" + input.getValue().length + "\n").getBytes(StandardCharsets.UTF_8));
      digest.update(input.getValue());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** What a lookup found. */
  public sealed interface Lookup {
    /** No entry under the key. */
    record Miss() implements Lookup {}

    /** A complete entry whose every output matches the digest recorded when it was stored. */
    record Hit(Map<String, byte[]> outputs) implements Lookup {}

    /** An entry that cannot be trusted (edited, truncated, missing an output): a miss, repaired by the next store. */
    record Invalid(String reason) implements Lookup {}
  }

  /**
   * The stored outputs (name → value bytes) of key {@code key}. Each output is checked against the
   * SHA-256 recorded when the entry was written and must be there, so a hand-edited or damaged entry
   * is never used.
   */
  public Lookup lookup(String key) {
    Path entry = entry(key);
    JsonNode meta;
    try {
      meta = JSON.readTree(entry.resolve("entry.json").toFile());
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      return new Lookup.Miss();
    } catch (IOException e) {
      return new Lookup.Invalid("its entry.json is unreadable");
    }
    JsonNode digests = meta == null ? null : meta.get("digests");
    if (digests == null || !digests.isObject()) {
      return new Lookup.Invalid("it records no digests of its outputs");
    }
    Map<String, byte[]> outputs = new LinkedHashMap<>();
    for (JsonNode nameNode : meta.path("outputs")) {
      String name = nameNode.asText();
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(entry.resolve("outputs").resolve(name + ".json"));
      } catch (NoSuchFileException e) {
        return new Lookup.Invalid("its output '" + name + "' is missing");
      } catch (IOException e) {
        return new Lookup.Invalid("its output '" + name + "' is unreadable (" + e.getClass().getSimpleName() + ")");
      }
      if (!digest(bytes).equals(digests.path(name).asText())) {
        return new Lookup.Invalid("its output '" + name + "' does not match the digest recorded when it was stored");
      }
      outputs.put(name, bytes);
    }
    return new Lookup.Hit(outputs);
  }

  /**
   * Stores the outputs of a successful execution under {@code key}. A valid entry already there is
   * kept (an equivalent execution stored it first); an invalid one is replaced.
   */
  public void store(String key, String component, String task, String runId, Map<String, byte[]> outputs) {
    Path entry = entry(key);
    if (Files.isDirectory(entry) && lookup(key) instanceof Lookup.Hit) {
      return;
    }
    Path temp = dir.resolve("tmp").resolve(key + "-" + UUID.randomUUID());
    try {
      Files.createDirectories(temp.resolve("outputs"));
      ObjectNode digests = JSON.createObjectNode();
      for (Map.Entry<String, byte[]> output : outputs.entrySet()) {
        Files.write(temp.resolve("outputs").resolve(output.getKey() + ".json"), output.getValue());
        digests.put(output.getKey(), digest(output.getValue()));
      }
      ObjectNode meta = JSON.createObjectNode();
      meta.put("component", component);
      meta.put("task", task);
      meta.put("run", runId);
      meta.put("created", java.time.Instant.now().toString());
      outputs.keySet().forEach(meta.putArray("outputs")::add);
      meta.set("digests", digests);
      Files.write(temp.resolve("entry.json"), JSON.writeValueAsBytes(meta));
      Files.createDirectories(entry.getParent());
      if (Files.isDirectory(entry)) {
        // An invalid entry: moved aside first, so that a reader sees the old entry, none, or the new one.
        Path stale = dir.resolve("tmp").resolve(key + "-stale-" + UUID.randomUUID());
        try {
          Files.move(entry, stale, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
          // Another run repaired or removed it meanwhile.
        }
        deleteTree(stale);
      }
      try {
        Files.move(temp, entry, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        // Linux reports a lost race as ENOTEMPTY, which Java gives no subtype for: check what is there.
        if (!Files.isRegularFile(entry.resolve("entry.json"))) {
          throw e;
        }
        // Another run stored the same key first; its entry is as good as ours.
      }
    } catch (IOException e) {
      throw new LocalRunException(LocalRunException.Kind.IO, "cannot store cache entry " + entry + ": " + e, e);
    } finally {
      deleteTree(temp);
    }
  }

  /** The folder of the entry of {@code key} (for messages). */
  public Path entryDirectory(String key) {
    return entry(key);
  }

  private static String digest(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  private Path entry(String key) {
    return dir.resolve(key.substring(0, 2)).resolve(key);
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // A leftover temporary folder is never read as an entry; it only takes space.
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
