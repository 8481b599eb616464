package dev.kfp4j.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Default names, KFP parameter kinds, environment variable names, and JSON strings, as kfp4j writes them. */
class NamesAndKindsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "add, add",
      "addAll, add-all",
      "computeHTTPStats, compute-http-stats",
      "HTTPServer, http-server",
      "my_step, my-step",
      "__init__, init",
      "x$y, x-y",
      "getX, get-x",
      "step2Go, step2-go",
      "ABC, abc",
      "_2fast, 2fast",
  })
  void defaultNames(String javaName, String expected) {
    assertEquals(expected, DefaultNames.of(javaName));
  }

  @ParameterizedTest
  @EnumSource(ParameterKind.class)
  void kindsAreKfpsParameterTypes(ParameterKind kind) {
    assertEquals(kind, ParameterKind.of(kind.name()));
  }

  @Test
  void kindsAreExactlyKfpsSix() {
    assertEquals("[NUMBER_INTEGER, NUMBER_DOUBLE, BOOLEAN, STRING, LIST, STRUCT]",
        java.util.Arrays.toString(ParameterKind.values()));
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> ParameterKind.of("INT"));
    assertTrue(unknown.getMessage().contains("unknown parameter kind 'INT'"), unknown.getMessage());
  }

  @Test
  void environmentVariables() {
    assertEquals(EnvironmentVariables.S3_ENDPOINT, EnvironmentVariables.ofSetting("kfp4j.s3.endpoint"));
    assertEquals("KFP4J_STORAGE_ROOTS", EnvironmentVariables.ofSetting("kfp4j.storage.roots"));
    assertEquals(EnvironmentVariables.STORAGE_ROOTS, EnvironmentVariables.ofSetting("kfp4j.storage.roots"));
  }

  @Test
  void jsonStrings() {
    assertEquals("\"a\\\"b\\\\c\\n\\u0001\"", Json.string("a\"b\\c\n\u0001"));
    assertEquals("\"\\u2028\"", Json.string("\u2028"));
    assertEquals("\"é😀\"", Json.string("é😀"));
    assertEquals("\"\\ud800\"", Json.string("\ud800"));
  }
}
