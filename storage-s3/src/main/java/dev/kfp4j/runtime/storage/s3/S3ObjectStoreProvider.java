package dev.kfp4j.runtime.storage.s3;

import dev.kfp4j.runtime.storage.ObjectStore;
import dev.kfp4j.runtime.storage.ObjectStoreProvider;
import dev.kfp4j.runtime.storage.StorageSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Registers {@link S3ObjectStore} for {@code s3://}: put this module's jar on a component's classpath
 * and {@code Storage} finds it through {@link java.util.ServiceLoader}.
 *
 * <p>Credentials come only from the AWS SDK's default provider chain (system properties, environment,
 * web identity / IRSA, profile, container and instance roles), never from a setting, context or spec.
 */
public final class S3ObjectStoreProvider implements ObjectStoreProvider {

  // Region for an endpoint override when none is configured: MinIO and most S3-compatible stores accept it.
  private static final Region COMPATIBLE_DEFAULT_REGION = Region.US_EAST_1;

  @Override
  public Set<String> schemes() {
    return Set.of("s3");
  }

  @Override
  public ObjectStore create(StorageSettings settings) throws IOException {
    S3Settings s3 = S3Settings.from(settings);
    return new S3ObjectStore(client(s3), s3);
  }

  /** The S3 client for these settings, with kfp4j's timeouts and retry policy. */
  public static S3Client client(S3Settings settings) throws IOException {
    S3ClientBuilder builder = S3Client.builder()
        // The JDK's HttpURLConnection: no Netty or Apache HttpClient in a component image.
        .httpClientBuilder(UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(10))
            // Longest silence while reading or writing a body before the attempt fails and is retried.
            .socketTimeout(Duration.ofSeconds(60)))
        .credentialsProvider(DefaultCredentialsProvider.builder().build())
        .region(region(settings))
        .forcePathStyle(settings.pathStyle())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
            .maxAttempts(settings.maxAttempts()).build())
            .addExecutionInterceptor(new NoExpectContinueForParts()));
    settings.endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  /**
   * Sends parts without {@code Expect: 100-continue}. The header costs a round trip plus a delayed ACK
   * (about 40 ms measured) per request, most of a multipart upload's time on a fast network. It stays
   * on single PUTs, where a server that honours it (AWS S3) can refuse the request (bad credentials)
   * before the body is sent. A part goes to an upload the server has already accepted, at its
   * body-less CreateMultipartUpload.
   */
  private static final class NoExpectContinueForParts implements ExecutionInterceptor {
    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
      if (context.request() instanceof UploadPartRequest) {
        return context.httpRequest().toBuilder().removeHeader("Expect").build();
      }
      return context.httpRequest();
    }
  }

  private static Region region(S3Settings settings) throws IOException {
    if (settings.region().isPresent()) {
      return Region.of(settings.region().get());
    }
    String fromEnvironment = System.getProperty("aws.region", System.getenv("AWS_REGION"));
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return Region.of(fromEnvironment.trim());
    }
    if (settings.endpoint().isPresent()) {
      return COMPATIBLE_DEFAULT_REGION;
    }
    try {
      // Profile, then the instance metadata of the EC2 / EKS node the step runs on.
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkClientException e) {
      throw new IOException("s3 storage: no AWS region found; set " + S3Settings.REGION + " (env "
          + StorageSettings.environmentName(S3Settings.REGION) + ") or AWS_REGION");
    }
  }
}
