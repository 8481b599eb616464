package dev.kfp4j.runtime.storage.s3;

import dev.kfp4j.runtime.storage.StorageSettings;
import java.net.URI;
import java.util.Map;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server (S3Proxy over an in-memory blob store) on 127.0.0.1 and a random port.
 *
 * <p>It accepts the credentials the test JVM gives the AWS SDK through the system properties
 * {@code aws.accessKeyId} / {@code aws.secretAccessKey} (set by surefire), unless told otherwise: the
 * code under test finds them through the SDK's default chain, never through kfp4j settings.
 */
final class S3TestServer implements AutoCloseable {

  static final String REGION = "us-east-1";
  private static S3TestServer shared;

  private final BlobStore blobs;
  private final String accessKey;
  private final String secretKey;
  private S3Proxy proxy;

  private S3TestServer(BlobStore blobs, String accessKey, String secretKey) throws Exception {
    this.blobs = blobs;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    start();
  }

  /** One server for the whole test JVM (S3Proxy takes a second or two to start). */
  static synchronized S3TestServer shared() throws Exception {
    if (shared == null) {
      shared = start(new TransientNio2BlobStore());
      Runtime.getRuntime().addShutdownHook(new Thread(() -> shared.close()));
    }
    return shared;
  }

  /** A server of its own over {@code blobs}, accepting the JVM's test credentials. */
  static S3TestServer start(BlobStore blobs) throws Exception {
    return new S3TestServer(blobs, property("aws.accessKeyId"), property("aws.secretAccessKey"));
  }

  /** A server that accepts only the given credentials. */
  static S3TestServer startWithCredentials(String accessKey, String secretKey) throws Exception {
    return new S3TestServer(new TransientNio2BlobStore(), accessKey, secretKey);
  }

  private void start() throws Exception {
    proxy = S3Proxy.builder()
        .blobStore(blobs)
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
        .build();
    proxy.start();
    while (!proxy.getState().equals("STARTED")) {
      Thread.sleep(10);
    }
  }

  /** Stops the server; the blob store keeps its content for {@link #restart}. */
  void stop() throws Exception {
    proxy.stop();
  }

  /** Starts a new server (on a new port) over the same blob store. */
  void restart() throws Exception {
    start();
  }

  BlobStore blobs() {
    return blobs;
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  /** kfp4j settings for this server: endpoint, region, path style, and nothing secret. */
  StorageSettings settings() {
    return settings(Map.of());
  }

  StorageSettings settings(Map<String, String> more) {
    Map<String, String> all = new java.util.HashMap<>(more);
    all.putIfAbsent(S3Settings.ENDPOINT, endpoint().toString());
    all.putIfAbsent(S3Settings.REGION, REGION);
    all.putIfAbsent(S3Settings.PATH_STYLE, "true");
    return StorageSettings.of(all, Map.of());
  }

  /** A plain SDK client with the server's credentials, to set up and inspect state behind kfp4j's back. */
  S3Client rawClient() {
    return S3Client.builder()
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .endpointOverride(endpoint())
        .region(Region.of(REGION))
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .build();
  }

  /** Creates a bucket (if missing) on this server. */
  void createBucket(String bucket) {
    try (S3Client s3 = rawClient()) {
      if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
        s3.createBucket(b -> b.bucket(bucket));
      }
    }
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop S3Proxy", e);
    }
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException("system property " + name + " is not set; run the tests through Maven (surefire sets it)");
    }
    return value;
  }
}
