package dev.kfp4j.runtime.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.runtime.storage.ObjectNotFoundException;
import dev.kfp4j.runtime.storage.Storage;
import dev.kfp4j.runtime.storage.StorageException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Permanent failures fail at once with one line naming the address and the reason, and no credential. */
class S3ErrorTest {

  private static final String BUCKET = "errors";
  private static S3TestServer server;
  private static Storage storage;

  @BeforeAll
  static void start() throws Exception {
    server = S3TestServer.shared();
    server.createBucket(BUCKET);
    storage = Storage.create(List.of(URI.create("s3://" + BUCKET + "/"), URI.create("s3://no-such-bucket/")),
        server.settings());
  }

  @AfterAll
  static void closeStorage() throws Exception {
    storage.close();
  }

  @Test
  void missingObject() throws Exception {
    URI address = URI.create("s3://" + BUCKET + "/run-1/nothing.json");
    ObjectNotFoundException e = assertThrows(ObjectNotFoundException.class, () -> storage.read(address));
    assertEquals("s3://errors/run-1/nothing.json: no such object", e.getMessage());
    assertFalse(storage.exists(address));
  }

  @Test
  void existsAndDelete() throws Exception {
    URI address = URI.create("s3://" + BUCKET + "/run-1/there.json");
    storage.write(address, out -> out.write('1'));
    assertTrue(storage.exists(address));
    storage.delete(address);
    assertFalse(storage.exists(address));
    storage.delete(address); // deleting what is gone is fine
  }

  @Test
  void missingBucket() {
    URI address = URI.create("s3://no-such-bucket/run-1/x.json");
    StorageException read = assertThrows(StorageException.class, () -> storage.read(address));
    assertEquals("s3://no-such-bucket/run-1/x.json: bucket 'no-such-bucket' does not exist (404 NoSuchBucket)", read.getMessage());
    StorageException write = assertThrows(StorageException.class, () -> storage.write(address, out -> out.write('1')));
    assertEquals(read.getMessage(), write.getMessage());
  }

  @Test
  void badCredentialsFailWithoutTheSecret() throws Exception {
    String secret = System.getProperty("aws.secretAccessKey");
    try (S3TestServer strict = S3TestServer.startWithCredentials("someone-else", "another-secret-0000");
        Storage other = Storage.create(List.of(URI.create("s3://" + BUCKET + "/")), strict.settings())) {
      URI address = URI.create("s3://" + BUCKET + "/run-1/x.json");

      StorageException read = assertThrows(StorageException.class, () -> other.read(address));
      StorageException write = assertThrows(StorageException.class, () -> other.write(address, out -> out.write('1')));
      // A multipart upload (parts go without "Expect: 100-continue"): refused at its start, before any part.
      StorageException multipart = assertThrows(StorageException.class,
          () -> other.write(address, out -> GeneratedBytes.write(20 * 1024 * 1024, 9, out)));

      for (StorageException e : List.of(read, write, multipart)) {
        String message = e.getMessage();
        assertTrue(message.startsWith("s3://errors/run-1/x.json: "), message);
        assertTrue(message.contains("denied (403 InvalidAccessKeyId)"), message);
        assertTrue(message.contains("credentials the AWS SDK found"), message);
        assertEquals(1, message.lines().count(), message);
        assertFalse(stackTrace(e).contains(secret), "the secret key must not appear anywhere in the failure");
      }
    }
  }

  @Test
  void noCredentialsAtAll() throws Exception {
    String access = System.clearProperty("aws.accessKeyId");
    String secret = System.clearProperty("aws.secretAccessKey");
    try (Storage bare = Storage.create(List.of(URI.create("s3://" + BUCKET + "/")), server.settings())) {
      StorageException e = assertThrows(StorageException.class, () -> bare.read(URI.create("s3://" + BUCKET + "/x.json")));
      assertTrue(e.getMessage().startsWith("s3://errors/x.json: read failed: the AWS SDK found no credentials; set "
          + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"), e.getMessage());
    } finally {
      System.setProperty("aws.accessKeyId", access);
      System.setProperty("aws.secretAccessKey", secret);
    }
  }

  @Test
  void unreachableEndpointIsRetriedThenNamed() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort(); // closed again: nothing listens there
    }
    String endpoint = "http://127.0.0.1:" + port;
    try (Storage nowhere = Storage.create(List.of(URI.create("s3://" + BUCKET + "/")),
        server.settings(Map.of(S3Settings.ENDPOINT, endpoint, S3Settings.MAX_ATTEMPTS, "3")))) {
      StorageException e = assertThrows(StorageException.class, () -> nowhere.read(URI.create("s3://" + BUCKET + "/x.json")));
      assertTrue(e.getMessage().startsWith("s3://errors/x.json: read failed after 3 attempts: could not talk to the S3 endpoint "
          + endpoint + ": "), e.getMessage());
      assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
  }

  @Test
  void transientServerErrorsAreRetried() throws Exception {
    // 500, then 503 SlowDown (throttling), then the object.
    try (ScriptedS3 flaky = new ScriptedS3(List.of(ScriptedS3.error(500, "InternalError"), ScriptedS3.error(503, "SlowDown"),
            ScriptedS3.ok("[1,2,3]")));
        Storage through = Storage.create(List.of(URI.create("s3://" + BUCKET + "/")),
            server.settings(Map.of(S3Settings.ENDPOINT, flaky.endpoint())))) {
      try (InputStream in = through.read(URI.create("s3://" + BUCKET + "/numbers.json"))) {
        assertEquals("[1,2,3]", new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      assertEquals(3, flaky.requests());
    }
  }

  @Test
  void persistentServerErrorsGiveUpAfterMaxAttempts() throws Exception {
    try (ScriptedS3 broken = new ScriptedS3(List.of(ScriptedS3.error(500, "InternalError")));
        Storage through = Storage.create(List.of(URI.create("s3://" + BUCKET + "/")),
            server.settings(Map.of(S3Settings.ENDPOINT, broken.endpoint(), S3Settings.MAX_ATTEMPTS, "3")))) {
      StorageException e = assertThrows(StorageException.class, () -> through.read(URI.create("s3://" + BUCKET + "/x.json")));
      assertEquals("s3://errors/x.json: read failed after 3 attempts (500 InternalError)", e.getMessage());
      assertEquals(3, broken.requests());
    }
  }

  @Test
  void forbiddenIsNotRetried() throws Exception {
    try (ScriptedS3 denying = new ScriptedS3(List.of(ScriptedS3.error(403, "AccessDenied")));
        Storage through = Storage.create(List.of(URI.create("s3://" + BUCKET + "/")),
            server.settings(Map.of(S3Settings.ENDPOINT, denying.endpoint())))) {
      StorageException e = assertThrows(StorageException.class, () -> through.read(URI.create("s3://" + BUCKET + "/x.json")));
      assertTrue(e.getMessage().startsWith("s3://errors/x.json: read denied (403 AccessDenied): "), e.getMessage());
      assertEquals(1, denying.requests());
    }
  }

  private static String stackTrace(Throwable e) {
    StringWriter text = new StringWriter();
    e.printStackTrace(new PrintWriter(text));
    return text.toString();
  }

}
