package dev.kfp4j.runtime.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.runtime.storage.Storage;
import dev.kfp4j.runtime.storage.StorageException;
import dev.kfp4j.runtime.storage.StorageSettings;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** The server goes away in the middle of a multipart upload: the write fails clearly and no object appears. */
class S3ServerDiesTest {

  private static final long MIB = 1024 * 1024;

  @Test
  void serverStoppedMidUploadLeavesNoObject() throws Exception {
    try (S3TestServer server = S3TestServer.start(new TransientNio2BlobStore())) {
      server.createBucket("fragile");
      URI address = URI.create("s3://fragile/run-1/big.bin");
      StorageSettings settings = server.settings(Map.of(S3Settings.PART_SIZE_MIB, "5", S3Settings.MAX_ATTEMPTS, "2"));

      StorageException failure;
      try (Storage storage = Storage.create(List.of(URI.create("s3://fragile/")), settings)) {
        failure = assertThrows(StorageException.class, () -> storage.write(address, out -> {
          GeneratedBytes.write(12 * MIB, 5, out); // two parts uploaded, the third being filled
          try {
            server.stop();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          GeneratedBytes.write(8 * MIB, 6, out); // the third part cannot be sent
        }));
      }

      String message = failure.getMessage();
      assertTrue(message.startsWith("s3://fragile/run-1/big.bin: write failed after 2 attempts: could not talk to the S3 endpoint "
          + settings.get(S3Settings.ENDPOINT).orElseThrow()), message);
      assertEquals(1, message.lines().count(), "one line: " + message);
      assertEquals(1, failure.getSuppressed().length, "the abort could not reach the server either");

      server.restart(); // same blob store, new port
      try (S3Client s3 = server.rawClient()) {
        assertTrue(s3.listObjectsV2(b -> b.bucket("fragile")).contents().isEmpty(), "no object, not even a partial one");
        assertFalse(s3.listMultipartUploads(b -> b.bucket("fragile")).uploads().isEmpty(),
            "the unfinished upload stays invisible until a lifecycle rule reclaims it");
      }
    }
  }
}
