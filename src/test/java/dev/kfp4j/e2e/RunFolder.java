package dev.kfp4j.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A local run folder as the example launcher lays it out: values under {@code values/} (the context's root),
 * contexts under {@code contexts/}.
 */
final class RunFolder {

  /** A plain mapper: the tests read what the runtime wrote without going through the runtime's codec. */
  static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final URI root;

  private RunFolder(Path dir) {
    this.dir = dir;
    // Spelled out: Path.toUri adds the directory's trailing slash only if it already exists.
    String base = dir.toUri().toString();
    this.root = URI.create(base + (base.endsWith("/") ? "" : "/") + "values/");
  }

  static RunFolder in(Path dir) throws IOException {
    RunFolder run = new RunFolder(dir.toRealPath());
    Files.createDirectories(Path.of(run.root));
    Files.createDirectories(run.dir.resolve("contexts"));
    return run;
  }

  Path dir() {
    return dir;
  }

  /** The context's root, {@code file:///…/values/}. */
  URI root() {
    return root;
  }

  /** The address of {@code relative} below the root. */
  URI address(String relative) {
    // Not URI.resolve, which would shorten file:///x to file:/x; the runtime writes file:///x.
    return URI.create(root + relative);
  }

  /** Stores {@code text} below the root as an input value; returns its address. */
  URI put(String relative, String text) throws IOException {
    URI address = address(relative);
    Path file = Path.of(address);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return address;
  }

  /** A file below {@code contexts/}. */
  Path context(String name) {
    return dir.resolve("contexts").resolve(name);
  }

  /** The JSON stored at an address below the root. */
  JsonNode value(String relative) throws IOException {
    return JSON.readTree(Path.of(address(relative)).toFile());
  }

  /** Every file in the run folder, relative to it, to see what a step left behind. */
  Set<String> files() {
    try (Stream<Path> walk = Files.walk(dir)) {
      Set<String> files = new TreeSet<>();
      walk.filter(Files::isRegularFile).forEach(path -> files.add(dir.relativize(path).toString()));
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
