package dev.kfp4j.e2e;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.kfp4j.local.LocalRunner;
import dev.kfp4j.local.RunResult;
import dev.kfp4j.runtime.storage.StorageSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The example, compiled by the processor, run end to end by the local runner's Java API with an {@code s3://}
 * storage root on a real S3-compatible server (S3Proxy, in this JVM, on loopback): parameters, outputs and the
 * result all live in the bucket. Credentials reach the AWS SDK as its own system properties (set by surefire);
 * kfp4j's settings carry only the endpoint, region and path-style addressing.
 */
class S3EndToEndTest {

  private static final String BUCKET = "kfp4j-e2e";
  private static S3TestServer server;

  @TempDir
  Path work;

  @BeforeAll
  static void start() throws Exception {
    server = S3TestServer.start();
    try (S3Client s3 = server.client()) {
      s3.createBucket(b -> b.bucket(BUCKET));
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void inProcessTheAverageOfOneTwoThreeIsTwoAndLivesInTheBucket() {
    RunResult result = runner().inProcess(true).build().run("calculate-average", Map.of("numbers", List.of(1, 2, 3)));

    assertStoredInTheBucket(result);
  }

  @Test
  void eachTaskInItsOwnJvmReadsAndWritesTheBucket() throws IOException {
    // Task JVMs get the same settings as system properties: the endpoint, and the SDK's own credential properties.
    List<String> jvm = new ArrayList<>();
    server.settings().forEach((key, value) -> jvm.add("-D" + key + "=" + value));
    for (String property : List.of("aws.accessKeyId", "aws.secretAccessKey", "aws.disableEc2Metadata")) {
      jvm.add("-D" + property + "=" + System.getProperty(property));
    }
    RunResult result = runner().inProcess(false).classDataSharing(false).jvmOptions(jvm).build()
        .run("calculate-average", Map.of("numbers", List.of(1, 2, 3)));

    assertStoredInTheBucket(result);
    // Neither the run folder (record, contexts, logs) nor the bucket holds the secret.
    String secret = System.getProperty("aws.secretAccessKey");
    try (Stream<Path> files = Files.walk(work)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertWithMessage("%s", file).that(Files.readString(file)).doesNotContain(secret);
      }
    }
  }

  private LocalRunner.Builder runner() {
    return LocalRunner.builder().workDirectory(work).root(URI.create("s3://" + BUCKET + "/runs/"))
        .storageSettings(StorageSettings.of(server.settings(), Map.of())).noCache(true).stopOnSignal(false);
  }

  private static void assertStoredInTheBucket(RunResult result) {
    assertWithMessage("%s", result).that(result.succeeded()).isTrue();
    assertThat(result.output("Output", Double.class)).isEqualTo(2.0);
    String prefix = "runs/" + result.runId() + "/";
    assertThat(result.outputs()).containsExactly("Output", URI.create("s3://" + BUCKET + "/" + prefix + "div/Output.json"));
    try (S3Client s3 = server.client()) {
      List<String> keys = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream()
          .map(S3Object::key).toList();
      assertThat(keys).containsExactly(prefix + "inputs/numbers.json", prefix + "add/Output.json",
          prefix + "div/Output.json");
      assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(prefix + "inputs/numbers.json")).asUtf8String())
          .isEqualTo("[1,2,3]");
      assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(prefix + "add/Output.json")).asUtf8String()).isEqualTo("6");
      assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(prefix + "div/Output.json")).asUtf8String()).isEqualTo("2.0");
    }
  }
}
