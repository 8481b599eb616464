package dev.kfp4j.runtime.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.runtime.artifact.ArtifactException;
import dev.kfp4j.runtime.artifact.ArtifactManifest;
import dev.kfp4j.runtime.artifact.Artifacts;
import dev.kfp4j.runtime.storage.Storage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Artifacts (a file, a directory tree with empty parts) through a real S3-compatible server: exact round trips and damage detected. */
class S3ArtifactTest {

  private static final String BUCKET = "artifacts";
  private static S3TestServer server;
  private static Storage storage;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    server = S3TestServer.shared();
    server.createBucket(BUCKET);
    storage = Storage.create(List.of(URI.create("s3://" + BUCKET + "/run-1/")), server.settings());
  }

  @AfterAll
  static void closeStorage() throws Exception {
    storage.close();
  }

  @Test
  void aDirectoryTreeRoundTripsThroughS3() throws Exception {
    Path model = Files.createDirectories(dir.resolve("model"));
    Files.writeString(model.resolve("weights.bin"), "0123456789");
    Files.createDirectories(model.resolve("assets/vocab"));
    Files.writeString(model.resolve("assets/vocab/wörds a+b.txt"), "hello\n");
    Files.createFile(model.resolve("assets/EMPTY"));
    Files.createDirectories(model.resolve("logs/empty"));
    URI address = URI.create("s3://" + BUCKET + "/run-1/train/model");

    ArtifactManifest stored = Artifacts.upload(storage, address, model, "system.Model", Map.of());
    Path back = dir.resolve("back");
    assertEquals(stored, Artifacts.download(storage, address, back));
    assertEquals(listing(model), listing(back));
    assertEquals("hello\n", Files.readString(back.resolve("assets/vocab/wörds a+b.txt")));
  }

  @Test
  void anObjectChangedBehindTheManifestIsRefused() throws Exception {
    Path file = Files.writeString(dir.resolve("data.csv"), "a,b\n1,2\n");
    URI address = URI.create("s3://" + BUCKET + "/run-1/prepare/data");
    Artifacts.upload(storage, address, file, "system.Dataset", Map.of());
    try (S3Client s3 = server.rawClient()) {
      s3.putObject(b -> b.bucket(BUCKET).key("run-1/prepare/data"), RequestBody.fromString("a,b\n9,9\n"));
    }
    Path back = dir.resolve("in.csv");
    ArtifactException e = assertThrows(ArtifactException.class, () -> Artifacts.download(storage, address, back));
    assertTrue(e.getMessage().contains("does not match its manifest"), e.getMessage());
    assertFalse(Files.exists(back));
  }

  private static List<String> listing(Path tree) throws Exception {
    try (Stream<Path> walk = Files.walk(tree)) {
      return walk.map(p -> tree.relativize(p) + (Files.isDirectory(p) ? "/" : ":" + p.toFile().length())).sorted().toList();
    }
  }
}
