package dev.kfp4j.runtime.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.runtime.storage.StorageSettings;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Settings come from kfp4j keys or their environment variables, are checked, and never carry a secret. */
class S3SettingsTest {

  @Test
  void defaultsForAws() throws IOException {
    S3Settings s = S3Settings.from(StorageSettings.of(Map.of(), Map.of()));
    assertEquals(Optional.empty(), s.endpoint());
    assertFalse(s.pathStyle(), "virtual-hosted style on AWS");
    assertEquals(8 * S3Settings.MIB, s.partSize());
    assertEquals(4, s.maxAttempts());
    assertTrue(s.checksums(), "CRC32 checksums unless AWS_REQUEST_CHECKSUM_CALCULATION=when_required");
  }

  @Test
  void fromEnvironmentVariables() throws IOException {
    S3Settings s = S3Settings.from(StorageSettings.of(Map.of(), Map.of(
        "KFP4J_S3_ENDPOINT", "http://minio.kubeflow:9000", "KFP4J_S3_REGION", "eu-west-1",
        "KFP4J_S3_PART_SIZE_MIB", "16", "KFP4J_S3_MAX_ATTEMPTS", "2")));
    assertEquals(Optional.of(URI.create("http://minio.kubeflow:9000")), s.endpoint());
    assertEquals(Optional.of("eu-west-1"), s.region());
    assertTrue(s.pathStyle(), "path style by default with an endpoint override, as MinIO needs");
    assertEquals(16 * S3Settings.MIB, s.partSize());
    assertEquals(2, s.maxAttempts());
  }

  @Test
  void pathStyleCanBeTurnedOff() throws IOException {
    S3Settings s = S3Settings.from(StorageSettings.of(Map.of(S3Settings.ENDPOINT, "https://s3.example.com",
        S3Settings.PATH_STYLE, "FALSE"), Map.of()));
    assertFalse(s.pathStyle());
  }

  @Test
  void badValuesNameTheKeyAndVariable() {
    assertEquals("s3 storage setting kfp4j.s3.path-style (env KFP4J_S3_PATH_STYLE) must be true or false, not 'yes'",
        message(Map.of(S3Settings.PATH_STYLE, "yes")));
    assertEquals("s3 storage setting kfp4j.s3.part-size-mib (env KFP4J_S3_PART_SIZE_MIB) must be a whole number from 5 "
        + "to 512, not '4'", message(Map.of(S3Settings.PART_SIZE_MIB, "4")));
    assertEquals("s3 storage setting kfp4j.s3.endpoint (env KFP4J_S3_ENDPOINT) must be an http:// or https:// URL such "
        + "as http://minio:9000", message(Map.of(S3Settings.ENDPOINT, "minio:9000")));
  }

  @Test
  void endpointWithCredentialsIsRefusedWithoutEchoingThem() {
    String message = message(Map.of(S3Settings.ENDPOINT, "http://admin:hunter2@minio:9000"));
    assertTrue(message.contains("must not carry user info"), message);
    assertFalse(message.contains("hunter2"), message);
  }

  private static String message(Map<String, String> explicit) {
    return assertThrows(IOException.class, () -> S3Settings.from(StorageSettings.of(explicit, Map.of()))).getMessage();
  }
}
