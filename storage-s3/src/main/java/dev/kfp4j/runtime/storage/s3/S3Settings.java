package dev.kfp4j.runtime.storage.s3;

import dev.kfp4j.runtime.storage.StorageSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.core.SdkSystemSetting;

/**
 * The non-secret settings of the S3 backend, read through {@link StorageSettings} (explicit value,
 * then system property, then environment variable such as {@code KFP4J_S3_ENDPOINT}).
 *
 * @param endpoint the S3 API endpoint for MinIO, S3Proxy or another S3-compatible store; empty for AWS
 * @param region the signing region; empty to let the AWS SDK find it ({@code AWS_REGION}, profile, instance)
 * @param pathStyle whether to address buckets as {@code endpoint/bucket/key} rather than {@code bucket.endpoint/key}
 * @param partSize bytes per multipart-upload part, and the size below which an object is sent in one request
 * @param maxAttempts attempts per S3 request, first one included, for transient failures
 * @param checksums whether uploads carry CRC32 checksums: the AWS SDK's own setting {@code
 *     AWS_REQUEST_CHECKSUM_CALCULATION} ({@code when_required} turns them off for stores that reject them)
 */
public record S3Settings(Optional<URI> endpoint, Optional<String> region, boolean pathStyle, int partSize, int maxAttempts,
    boolean checksums) {

  /** Key of the endpoint override ({@code http://minio:9000}). */
  public static final String ENDPOINT = "kfp4j.s3.endpoint";
  /** Key of the region ({@code eu-west-1}). */
  public static final String REGION = "kfp4j.s3.region";
  /** Key of path-style addressing ({@code true} for most S3-compatible stores). */
  public static final String PATH_STYLE = "kfp4j.s3.path-style";
  /** Key of the multipart part size in MiB (5 to 512, default 8). */
  public static final String PART_SIZE_MIB = "kfp4j.s3.part-size-mib";
  /** Key of the attempts per request (1 to 10, default 4). */
  public static final String MAX_ATTEMPTS = "kfp4j.s3.max-attempts";

  static final int MIB = 1024 * 1024;
  // S3 rejects parts below 5 MiB (except the last); the ceiling keeps the one buffer we hold bounded.
  private static final int MIN_PART_MIB = 5;
  private static final int MAX_PART_MIB = 512;

  public S3Settings {
    if (partSize < MIN_PART_MIB * MIB || partSize > MAX_PART_MIB * MIB) {
      throw new IllegalArgumentException("part size must be between " + MIN_PART_MIB + " and " + MAX_PART_MIB + " MiB");
    }
    if (maxAttempts < 1 || maxAttempts > 10) {
      throw new IllegalArgumentException("max attempts must be between 1 and 10");
    }
  }

  /** Reads and checks the settings; a bad value is reported with its key and environment variable. */
  public static S3Settings from(StorageSettings settings) throws IOException {
    Optional<String> endpoint = settings.get(ENDPOINT).map(String::trim);
    Optional<URI> parsedEndpoint = Optional.empty();
    if (endpoint.isPresent()) {
      parsedEndpoint = Optional.of(endpoint(endpoint.get()));
    }
    Optional<String> region = settings.get(REGION).map(String::trim);
    boolean pathStyle = bool(settings, PATH_STYLE, parsedEndpoint.isPresent());
    int partMib = integer(settings, PART_SIZE_MIB, 8, MIN_PART_MIB, MAX_PART_MIB);
    int attempts = integer(settings, MAX_ATTEMPTS, 4, 1, 10);
    boolean checksums = !SdkSystemSetting.AWS_REQUEST_CHECKSUM_CALCULATION.getStringValue()
        .map(v -> v.trim().equalsIgnoreCase("when_required")).orElse(false);
    return new S3Settings(parsedEndpoint, region, pathStyle, partMib * MIB, attempts, checksums);
  }

  private static URI endpoint(String text) throws IOException {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw bad(ENDPOINT, "is not a valid URI (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw bad(ENDPOINT, "must be an http:// or https:// URL such as http://minio:9000");
    }
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null) {
      // Credentials come from the AWS SDK's provider chain only, never from a setting.
      throw bad(ENDPOINT, "must not carry user info or a query; give credentials through AWS_ACCESS_KEY_ID / "
          + "AWS_SECRET_ACCESS_KEY, a profile, web identity or an instance role");
    }
    return uri;
  }

  private static boolean bool(StorageSettings settings, String key, boolean fallback) throws IOException {
    Optional<String> value = settings.get(key).map(v -> v.trim().toLowerCase(Locale.ROOT));
    if (value.isEmpty()) {
      return fallback;
    }
    return switch (value.get()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw bad(key, "must be true or false, not '" + value.get() + "'");
    };
  }

  private static int integer(StorageSettings settings, String key, int fallback, int min, int max) throws IOException {
    Optional<String> value = settings.get(key).map(String::trim);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.get());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below, with the allowed range
    }
    throw bad(key, "must be a whole number from " + min + " to " + max + ", not '" + value.get() + "'");
  }

  private static IOException bad(String key, String reason) {
    return new IOException("s3 storage setting " + key + " (env " + StorageSettings.environmentName(key) + ") " + reason);
  }
}
