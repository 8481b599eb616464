package dev.kfp4j.e2e;

import java.net.URI;
import java.util.Map;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server (S3Proxy over an in-memory blob store) on 127.0.0.1 and a random port, started the
 * way kfp4j-storage-s3's tests start theirs (copied, minimal). It accepts the credentials surefire gives the AWS
 * SDK as the system properties {@code aws.accessKeyId} / {@code aws.secretAccessKey}; kfp4j finds them through
 * the SDK's default chain, never through its own settings.
 */
final class S3TestServer implements AutoCloseable {

  static final String REGION = "us-east-1";

  private final S3Proxy proxy;

  private S3TestServer(S3Proxy proxy) {
    this.proxy = proxy;
  }

  static S3TestServer start() throws Exception {
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(new TransientNio2BlobStore())
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, property("aws.accessKeyId"), property("aws.secretAccessKey"))
        .build();
    proxy.start();
    while (!proxy.getState().equals("STARTED")) {
      Thread.sleep(10);
    }
    return new S3TestServer(proxy);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  /** kfp4j's non-secret S3 settings for this server: endpoint, region, path-style addressing. */
  Map<String, String> settings() {
    return Map.of("kfp4j.s3.endpoint", endpoint().toString(), "kfp4j.s3.region", REGION, "kfp4j.s3.path-style", "true");
  }

  /** A plain SDK client (default credentials chain: the system properties), to set up and inspect the bucket. */
  S3Client client() {
    return S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).endpointOverride(endpoint())
        .region(Region.of(REGION)).forcePathStyle(true).credentialsProvider(DefaultCredentialsProvider.builder().build())
        .build();
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
      throw new IllegalStateException("system property " + name + " is not set; run the tests through Maven");
    }
    return value;
  }
}
