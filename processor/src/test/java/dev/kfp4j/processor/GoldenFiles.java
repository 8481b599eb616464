package dev.kfp4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The golden files under {@code src/test/resources/golden/}: generated output compared byte for byte, or, with
 * {@code -Dkfp4j.updateGolden=true}, written there instead (review the diff before committing it).
 */
final class GoldenFiles {

  /** The system property that rewrites the golden files instead of comparing with them. */
  static final String UPDATE_PROPERTY = "kfp4j.updateGolden";

  private GoldenFiles() {}

  /** Whether this run rewrites the golden files. */
  static boolean updating() {
    return Boolean.getBoolean(UPDATE_PROPERTY);
  }

  /**
   * Asserts that {@code actual} is the golden file {@code golden/<folder><name>}; when {@link #updating}, writes
   * it there instead (the copy on the test class path stays the old one until the next build).
   */
  static void assertMatches(String folder, String name, byte[] actual) throws IOException {
    String resource = "golden/" + folder + name;
    if (updating()) {
      // Surefire runs in the module folder and sets basedir to it.
      Path golden = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "src/test/resources", resource);
      Files.createDirectories(golden.getParent());
      Files.write(golden, actual);
      System.out.println("rewrote " + golden);
      return;
    }
    byte[] expected;
    try (InputStream in = GoldenFiles.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new AssertionError("no golden file " + resource + "; create it with -D" + UPDATE_PROPERTY + "=true");
      }
      expected = in.readAllBytes();
    }
    // Compare as text first for a readable diff, then as bytes (line endings, encoding).
    assertThat(new String(actual, UTF_8)).isEqualTo(new String(expected, UTF_8));
    assertThat(actual).isEqualTo(expected);
  }
}
