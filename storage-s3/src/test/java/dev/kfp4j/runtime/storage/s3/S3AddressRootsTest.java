package dev.kfp4j.runtime.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.runtime.storage.AddressRefusedException;
import dev.kfp4j.runtime.storage.Storage;
import dev.kfp4j.runtime.storage.StorageException;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.S3Client;

/** An s3:// address outside the run's roots is refused before any request reaches the server. */
class S3AddressRootsTest {

  private static S3TestServer server;
  private static Storage storage;

  @BeforeAll
  static void start() throws Exception {
    server = S3TestServer.shared();
    server.createBucket("runs");
    server.createBucket("elsewhere");
    try (S3Client s3 = server.rawClient()) {
      s3.putObject(b -> b.bucket("elsewhere").key("secret.json"), software.amazon.awssdk.core.sync.RequestBody.fromString("1"));
      s3.putObject(b -> b.bucket("runs").key("run-2/x.json"), software.amazon.awssdk.core.sync.RequestBody.fromString("2"));
    }
    storage = Storage.create(List.of(URI.create("s3://runs/run-1/")), server.settings());
  }

  @AfterAll
  static void closeStorage() throws Exception {
    storage.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "s3://elsewhere/secret.json",          // another bucket
      "s3://elsewhere/run-1/x.json",         // same prefix, another bucket
      "s3://runs/run-2/x.json",              // another run in the same bucket
      "s3://runs/run-1x/x.json",             // a sibling whose name starts like the root
      "s3://runs/run-1",                     // the root itself is no object
      "s3://runs/run-1/../run-2/x.json",     // escaping with dot segments
      "s3://runs/run-1/%2e%2e/run-2/x.json", // … also when encoded
      "s3://runs/run-1/a%2Fb.json",          // encoded separators
      "file:///etc/passwd",                  // another scheme
  })
  void refusedBeforeAnyRequest(String text) {
    URI address = URI.create(text);
    AddressRefusedException read = assertThrows(AddressRefusedException.class, () -> storage.read(address));
    assertTrue(read.getMessage().contains("address refused"), read.getMessage());
    assertThrows(AddressRefusedException.class, () -> storage.write(address, out -> out.write('9')));
    assertThrows(AddressRefusedException.class, () -> storage.delete(address));
    assertThrows(AddressRefusedException.class, () -> storage.exists(address));
  }

  @Test
  void refusedWritesAndDeletesChangeNothing() throws Exception {
    try (S3Client s3 = server.rawClient()) {
      assertEquals("1", s3.getObjectAsBytes(b -> b.bucket("elsewhere").key("secret.json")).asUtf8String());
      assertEquals("2", s3.getObjectAsBytes(b -> b.bucket("runs").key("run-2/x.json")).asUtf8String());
      assertEquals(List.of("secret.json"),
          s3.listObjectsV2(b -> b.bucket("elsewhere")).contents().stream().map(o -> o.key()).toList());
    }
  }

  @Test
  void messageNamesTheAddressAndTheRoots() {
    AddressRefusedException e = assertThrows(AddressRefusedException.class,
        () -> storage.read(URI.create("s3://elsewhere/secret.json")));
    assertEquals("s3://elsewhere/secret.json: address refused: outside the configured storage roots [s3://runs/run-1/]; "
        + "add its root with --roots or KFP4J_STORAGE_ROOTS", e.getMessage());
  }

  @Test
  void addressesUnderTheRootWork() throws Exception {
    URI address = URI.create("s3://runs/run-1/deep/er/x.json");
    storage.write(address, out -> out.write('7'));
    try (var in = storage.read(address)) {
      assertEquals('7', in.read());
    }
  }

  @Test
  void s3AddressWithAPortIsNotAnEndpointOverride() {
    try (Storage wide = Storage.create(List.of(URI.create("s3://runs:9000/")), server.settings())) {
      StorageException e = assertThrows(StorageException.class, () -> wide.read(URI.create("s3://runs:9000/x.json")));
      assertTrue(e.getMessage().contains("set the endpoint with kfp4j.s3.endpoint"), e.getMessage());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
