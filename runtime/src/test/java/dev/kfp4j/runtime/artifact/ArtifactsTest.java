package dev.kfp4j.runtime.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.runtime.storage.AddressRefusedException;
import dev.kfp4j.runtime.storage.Storage;
import dev.kfp4j.runtime.storage.StorageSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files and directory trees through {@code file://} storage: exact round trips, digests, and refusals. */
class ArtifactsTest {

  @TempDir Path dir;
  private Path root;
  private Storage storage;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(dir.resolve("runs/r1"));
    storage = Storage.create(List.of(root.toUri()), StorageSettings.of(Map.of(), Map.of()));
  }

  private URI at(String relative) {
    return root.toUri().resolve(relative);
  }

  @Test
  void aFileRoundTripsWithItsSizeAndDigest() throws Exception {
    Path file = Files.writeString(dir.resolve("data.csv"), "a,b\n1,2\n");
    ArtifactManifest stored = Artifacts.upload(storage, at("prepare/data"), file, "system.Dataset", Map.of());
    assertEquals(8, stored.size());
    assertEquals(64, stored.sha256().length());

    Path back = dir.resolve("in/data.csv");
    ArtifactManifest read = Artifacts.download(storage, at("prepare/data"), back);
    assertEquals("a,b\n1,2\n", Files.readString(back));
    assertEquals(stored, read);
    assertEquals("system.Dataset", read.schemaTitle());
    assertEquals("data.csv", read.name());
    assertTrue(Files.exists(root.resolve("prepare/data" + ArtifactManifest.SUFFIX)));
  }

  @Test
  void aDirectoryRoundTripsExactlyWithEmptyFilesAndDirectories() throws Exception {
    Path model = Files.createDirectories(dir.resolve("model"));
    Files.writeString(model.resolve("weights.bin"), "0123456789");
    Files.createDirectories(model.resolve("assets/vocab"));
    Files.writeString(model.resolve("assets/vocab/words größe.txt"), "hello\n");
    Files.createFile(model.resolve("assets/EMPTY"));
    Files.createDirectories(model.resolve("logs/empty-dir"));

    ArtifactManifest stored = Artifacts.upload(storage, at("train/model"), model, "system.Model", Map.of());
    assertTrue(stored.isDirectory());
    assertEquals(16, stored.size());
    assertEquals(List.of("assets/EMPTY", "assets/vocab/words größe.txt", "weights.bin"),
        stored.files().stream().map(ArtifactManifest.Entry::path).toList());
    assertEquals(List.of("assets", "assets/vocab", "logs", "logs/empty-dir"), stored.directories());

    Path back = dir.resolve("copy");
    Artifacts.download(storage, at("train/model"), back);
    assertEquals(listing(model), listing(back));
    assertArrayEquals(Files.readAllBytes(model.resolve("assets/vocab/words größe.txt")),
        Files.readAllBytes(back.resolve("assets/vocab/words größe.txt")));
    assertTrue(Files.isDirectory(back.resolve("logs/empty-dir")));
    assertEquals(0, Files.size(back.resolve("assets/EMPTY")));
  }

  @Test
  void theSameFilesGiveTheSameDigestWhereverTheyCameFrom() throws Exception {
    Path one = Files.createDirectories(dir.resolve("one"));
    Path two = Files.createDirectories(dir.resolve("elsewhere/two"));
    for (Path d : List.of(one, two)) {
      Files.writeString(d.resolve("a.txt"), "same");
    }
    String first = Artifacts.upload(storage, at("x/one"), one, "system.Artifact", Map.of()).sha256();
    String second = Artifacts.upload(storage, at("y/two"), two, "system.Artifact", Map.of()).sha256();
    assertEquals(first, second);
    Files.writeString(two.resolve("a.txt"), "changed");
    assertFalse(first.equals(Artifacts.upload(storage, at("y/three"), two, "system.Artifact", Map.of()).sha256()));
  }

  @Test
  void aChangedObjectIsRefusedAndNothingIsLeftBehind() throws Exception {
    Path file = Files.writeString(dir.resolve("data.csv"), "original");
    Artifacts.upload(storage, at("prepare/data"), file, "system.Dataset", Map.of());
    Files.writeString(root.resolve("prepare/data"), "tampered");

    Path back = dir.resolve("in/data.csv");
    ArtifactException e = assertThrows(ArtifactException.class, () -> Artifacts.download(storage, at("prepare/data"), back));
    assertTrue(e.getMessage().contains("does not match its manifest"), e.getMessage());
    assertFalse(Files.exists(back));
    assertFalse(Files.exists(back.resolveSibling("data.csv.partial")));
  }

  @Test
  void aDirectoryCutShortIsRefusedAndTheTargetRemoved() throws Exception {
    Path model = Files.createDirectories(dir.resolve("model"));
    Files.writeString(model.resolve("a"), "aaaa");
    Files.writeString(model.resolve("b"), "bbbb");
    Artifacts.upload(storage, at("train/model"), model, "system.Model", Map.of());
    Files.delete(root.resolve("train/model/b"));

    Path back = dir.resolve("copy");
    ArtifactException e = assertThrows(ArtifactException.class, () -> Artifacts.download(storage, at("train/model"), back));
    assertTrue(e.getMessage().contains("missing"), e.getMessage());
    assertFalse(Files.exists(back));
  }

  @Test
  void aCopyIsExactAndAChangedSourceIsNotCopied() throws Exception {
    Path model = Files.createDirectories(dir.resolve("model"));
    Files.writeString(model.resolve("w.txt"), "weights");
    Files.createDirectories(model.resolve("empty"));
    ArtifactManifest stored = Artifacts.upload(storage, at("a/model"), model, "system.Model", Map.of());
    assertEquals(stored, Artifacts.copy(storage, at("a/model"), at("b/model")));
    Path back = dir.resolve("copy");
    Artifacts.download(storage, at("b/model"), back);
    assertEquals(listing(model), listing(back));

    Files.writeString(root.resolve("a/model/w.txt"), "changed");
    ArtifactException e = assertThrows(ArtifactException.class, () -> Artifacts.copy(storage, at("a/model"), at("c/model")));
    assertTrue(e.getMessage().contains("does not match its manifest"), e.getMessage());
    assertFalse(Files.exists(root.resolve("c/model/w.txt")));
    assertFalse(Files.exists(root.resolve("c/model" + ArtifactManifest.SUFFIX)));
  }

  @Test
  void aMissingArtifactIsNamed() {
    ArtifactException e = assertThrows(ArtifactException.class,
        () -> Artifacts.download(storage, at("nobody/wrote-this"), dir.resolve("x")));
    assertTrue(e.getMessage().contains("no artifact at"), e.getMessage());
  }

  @Test
  void aSymbolicLinkInsideADirectoryIsRefusedBeforeAnythingIsWritten() throws Exception {
    Path model = Files.createDirectories(dir.resolve("model"));
    Files.writeString(model.resolve("ok.txt"), "fine");
    Path secret = Files.writeString(dir.resolve("secret.txt"), "do not ship");
    Files.createSymbolicLink(model.resolve("leak"), secret);

    ArtifactException e = assertThrows(ArtifactException.class,
        () -> Artifacts.upload(storage, at("train/model"), model, "system.Model", Map.of()));
    assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    assertFalse(Files.exists(root.resolve("train/model" + ArtifactManifest.SUFFIX)));
  }

  @Test
  void aReturnedLinkOrMissingPathIsRefused() throws Exception {
    Path target = Files.writeString(dir.resolve("t.txt"), "x");
    Path link = Files.createSymbolicLink(dir.resolve("link.txt"), target);
    assertThrows(ArtifactException.class, () -> Artifacts.upload(storage, at("a/b"), link, "system.Artifact", Map.of()));
    ArtifactException missing = assertThrows(ArtifactException.class,
        () -> Artifacts.upload(storage, at("a/c"), dir.resolve("nope"), "system.Artifact", Map.of()));
    assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
  }

  @Test
  void aManifestNamingAPathOutsideTheArtifactIsRefused() throws Exception {
    Files.createDirectories(root.resolve("evil"));
    Files.writeString(root.resolve("evil" + ArtifactManifest.SUFFIX),
        "{\"kind\":\"directory\",\"schemaTitle\":\"system.Artifact\",\"size\":1,\"sha256\":\"x\",\"directories\":[],"
            + "\"files\":[{\"path\":\"../../escape\",\"size\":1,\"sha256\":\"x\"}]}");
    Path back = dir.resolve("copy");
    ArtifactException e = assertThrows(ArtifactException.class, () -> Artifacts.download(storage, at("evil"), back));
    assertTrue(e.getMessage().contains("not a path inside the artifact"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("escape")));
  }

  @Test
  void addressesOutsideTheRootsAreRefused() throws Exception {
    Path file = Files.writeString(dir.resolve("data.csv"), "x");
    assertThrows(AddressRefusedException.class,
        () -> Artifacts.upload(storage, dir.resolve("other/data").toUri(), file, "system.Dataset", Map.of()));
  }

  @Test
  void anObjectWithoutManifestIsImportedAsAFile() throws Exception {
    Files.createDirectories(root.resolve("external"));
    Files.writeString(root.resolve("external/raw.csv"), "x,y\n", StandardCharsets.UTF_8);
    Path back = dir.resolve("raw.csv");
    ArtifactManifest manifest = Artifacts.download(storage, at("external/raw.csv"), back);
    assertEquals(ArtifactManifest.FILE, manifest.kind());
    assertEquals("x,y\n", Files.readString(back));
  }

  @Test
  void metadataRoundTripsThroughTheManifest() throws Exception {
    ArtifactManifest manifest = new ArtifactManifest(ArtifactManifest.FILE, "metrics.json", "system.Metrics", 3, "abc", List.of(),
        List.of(), Map.of("accuracy", 0.9, "note", "ok"));
    assertEquals(manifest, ArtifactManifest.parse(manifest.toJson()));
    assertThrows(java.io.IOException.class, () -> ArtifactManifest.parse("{\"kind\":\"tarball\",\"size\":1,\"sha256\":\"a\"}"));
  }

  private static List<String> listing(Path tree) throws Exception {
    try (Stream<Path> walk = Files.walk(tree)) {
      return walk.map(p -> tree.relativize(p) + (Files.isDirectory(p) ? "/" : ":" + size(p))).sorted().toList();
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
