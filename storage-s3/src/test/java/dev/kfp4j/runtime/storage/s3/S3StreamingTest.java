package dev.kfp4j.runtime.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.runtime.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Large objects stream both ways in parts, and a failed write leaves no object and no upload behind. */
class S3StreamingTest {

  private static final String BUCKET = "streams";
  private static final long MIB = 1024 * 1024;
  private static S3TestServer server;
  private static Storage storage;

  @BeforeAll
  static void start() throws Exception {
    server = S3TestServer.shared();
    server.createBucket(BUCKET);
    // The smallest part S3 allows, so a multipart upload needs little data.
    storage = Storage.create(List.of(URI.create("s3://" + BUCKET + "/")),
        server.settings(Map.of(S3Settings.PART_SIZE_MIB, "5")));
  }

  @AfterAll
  static void closeStorage() throws Exception {
    storage.close();
  }

  @Test
  void largeObjectStreamsBothWaysInParts() throws Exception {
    long size = 200 * MIB + 12_345; // not a whole number of parts
    URI address = URI.create("s3://" + BUCKET + "/large/blob.bin");
    AtomicReference<String> written = new AtomicReference<>();

    storage.write(address, out -> written.set(GeneratedBytes.write(size, 7, out)));

    GeneratedBytes.Digest read;
    try (InputStream in = storage.read(address)) {
      read = GeneratedBytes.digest(in);
    }
    assertEquals(size, read.length());
    assertEquals(written.get(), read.sha256());
    try (S3Client s3 = server.rawClient()) {
      String etag = s3.headObject(b -> b.bucket(BUCKET).key("large/blob.bin")).eTag();
      assertTrue(etag.endsWith("-41\""), "a multipart object of 41 parts of 5 MiB, got ETag " + etag);
    }
  }

  @Test
  void objectIsInvisibleUntilTheUploadCompletes() throws Exception {
    URI address = URI.create("s3://" + BUCKET + "/partial/visible-at-end.bin");
    try (S3Client s3 = server.rawClient()) {
      storage.write(address, out -> {
        GeneratedBytes.write(12 * MIB, 1, out); // two parts are uploaded by now
        assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket(BUCKET).key("partial/visible-at-end.bin")));
        assertEquals(1, s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads().size(), "upload in progress");
      });
      assertEquals(12 * MIB, s3.headObject(b -> b.bucket(BUCKET).key("partial/visible-at-end.bin")).contentLength());
      assertTrue(s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads().isEmpty());
    }
  }

  @Test
  void failedWriteAbortsTheUploadAndKeepsTheOldObject() throws Exception {
    URI address = URI.create("s3://" + BUCKET + "/partial/replaced.json");
    storage.write(address, out -> out.write("\"old\"".getBytes(StandardCharsets.UTF_8)));
    IOException failure = new IOException("the producer failed");

    IOException thrown = assertThrows(IOException.class, () -> storage.write(address, out -> {
      GeneratedBytes.write(12 * MIB, 2, out);
      throw failure;
    }));

    assertSame(failure, thrown, "the writer's own failure comes out, unwrapped");
    assertEquals(0, thrown.getSuppressed().length, "the abort succeeded");
    try (InputStream in = storage.read(address)) {
      assertEquals("\"old\"", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    try (S3Client s3 = server.rawClient()) {
      assertTrue(s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads().isEmpty(), "the upload was aborted");
    }
  }

  @Test
  void failedSmallWriteSendsNothing() throws Exception {
    URI address = URI.create("s3://" + BUCKET + "/partial/small.json");
    assertThrows(IllegalStateException.class, () -> storage.write(address, out -> {
      out.write('[');
      throw new IllegalStateException("encoder bug");
    }));
    assertFalse(storage.exists(address));
  }

  @Test
  void multipartWorksWithChecksumsTurnedOff() throws Exception {
    // The AWS SDK's own switch, for S3-compatible stores that reject CRC32 checksums.
    System.setProperty("aws.requestChecksumCalculation", "when_required");
    try (Storage plain = Storage.create(List.of(URI.create("s3://" + BUCKET + "/")),
        server.settings(Map.of(S3Settings.PART_SIZE_MIB, "5")))) {
      URI address = URI.create("s3://" + BUCKET + "/plain/blob.bin");
      AtomicReference<String> written = new AtomicReference<>();
      plain.write(address, out -> written.set(GeneratedBytes.write(11 * MIB, 4, out)));
      try (InputStream in = plain.read(address)) {
        assertEquals(written.get(), GeneratedBytes.digest(in).sha256());
      }
    } finally {
      System.clearProperty("aws.requestChecksumCalculation");
    }
  }

  @Test
  void earlyCloseOfALargeReadDoesNotDrainIt() throws Exception {
    URI address = URI.create("s3://" + BUCKET + "/large/early-close.bin");
    storage.write(address, out -> GeneratedBytes.write(20 * MIB, 3, out));
    try (InputStream in = storage.read(address)) {
      assertEquals(1024, in.readNBytes(1024).length);
    }
    // The store still works after an aborted read.
    try (InputStream in = storage.read(address)) {
      assertEquals(20 * MIB, GeneratedBytes.digest(in).length());
    }
  }
}
