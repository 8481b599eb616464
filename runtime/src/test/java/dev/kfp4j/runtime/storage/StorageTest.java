package dev.kfp4j.runtime.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configured storage roots: addresses inside a root pass, escapes (siblings, {@code ..}, symlinks out of the
 * root, dangling links) are refused before the file system is touched, unknown schemes are named, and settings
 * come from the explicit map, then system properties, then the environment.
 */
class StorageTest {

  @TempDir Path dir;
  private Path root;
  private Storage storage;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(dir.resolve("runs/a"));
    storage = Storage.create(List.of(root.toUri()), StorageSettings.of(Map.of(), Map.of()));
  }

  private URI under(String relative) {
    return root.toUri().resolve(relative);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private byte[] read(URI address) throws IOException {
    try (InputStream in = storage.read(address)) {
      return in.readAllBytes();
    }
  }

  @Test
  void roundTripInsideARoot() throws Exception {
    URI address = under("add/Output.json");
    storage.write(address, out -> out.write(bytes("6")));
    assertTrue(storage.exists(address));
    assertArrayEquals(bytes("6"), read(address));
    storage.delete(address);
    assertFalse(storage.exists(address));
  }

  @Test
  void siblingWithTheRootAsPrefixIsRefused() throws Exception {
    Path sibling = Files.createDirectories(dir.resolve("runs/ab"));
    Files.writeString(sibling.resolve("x.json"), "1");
    URI address = sibling.resolve("x.json").toUri();
    AddressRefusedException e = assertThrows(AddressRefusedException.class, () -> storage.read(address));
    assertTrue(e.getMessage().contains("outside the configured storage roots"), e.getMessage());
    assertTrue(e.getMessage().contains("KFP4J_STORAGE_ROOTS"), e.getMessage());
    assertThrows(AddressRefusedException.class, () -> storage.write(address, out -> out.write(1)));
    assertEquals("1", Files.readString(sibling.resolve("x.json")));
  }

  @Test
  void theRootItselfIsNotAnObject() {
    assertThrows(AddressRefusedException.class, () -> storage.write(root.toUri(), out -> out.write(1)));
  }

  @Test
  void escapesAreRefusedBeforeTouchingTheFileSystem() throws Exception {
    Files.writeString(dir.resolve("runs/secret.json"), "42");
    String base = root.toUri().toString();
    for (String escape : new String[] {base + "../secret.json", base + "%2e%2e/secret.json",
        base + "x/%2e%2E/../secret.json", base + "..%2fsecret.json", base + "%5c..%5csecret.json"}) {
      URI address = URI.create(escape);
      assertThrows(AddressRefusedException.class, () -> storage.read(address), escape);
      assertThrows(AddressRefusedException.class, () -> storage.write(address, out -> out.write(1)), escape);
    }
    assertEquals("42", Files.readString(dir.resolve("runs/secret.json")));
  }

  @Test
  void relativeFragmentAndUserInfoAreRefused() {
    for (String address : new String[] {"runs/a/x.json", "file:///runs/a/x.json#f", "file://user:pw@localhost/x"}) {
      assertThrows(AddressRefusedException.class, () -> storage.permit(URI.create(address)), address);
    }
  }

  @Test
  void aSymlinkInsideTheRootPointingOutsideIsRefused() throws Exception {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("secret.json"), "42");
    Files.createSymbolicLink(root.resolve("link"), outside);
    URI viaLink = under("link/secret.json");
    AddressRefusedException read = assertThrows(AddressRefusedException.class, () -> storage.read(viaLink));
    assertTrue(read.getMessage().contains("symbolic link"), read.getMessage());
    assertThrows(AddressRefusedException.class, () -> storage.write(viaLink, out -> out.write(bytes("0"))));
    assertThrows(AddressRefusedException.class, () -> storage.write(under("link/new/x.json"), out -> out.write(1)));
    assertEquals("42", Files.readString(outside.resolve("secret.json")));
    assertFalse(Files.exists(outside.resolve("new")));
  }

  @Test
  void aSymlinkedObjectPointingOutsideIsRefused() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.json"), "42");
    Files.createSymbolicLink(root.resolve("x.json"), secret);
    assertThrows(AddressRefusedException.class, () -> storage.read(under("x.json")));
  }

  @Test
  void aDanglingSymlinkIsRefused() throws Exception {
    Files.createSymbolicLink(root.resolve("dangling"), dir.resolve("nowhere"));
    AddressRefusedException e = assertThrows(AddressRefusedException.class,
        () -> storage.write(under("dangling/x.json"), out -> out.write(1)));
    assertTrue(e.getMessage().contains("points to nothing"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("nowhere")));
  }

  @Test
  void symlinksThatStayInsideTheRootAreFine() throws Exception {
    Files.createDirectories(root.resolve("real"));
    Files.createSymbolicLink(root.resolve("alias"), root.resolve("real"));
    storage.write(under("alias/x.json"), out -> out.write(bytes("7")));
    assertEquals("7", Files.readString(root.resolve("real/x.json")));
  }

  @Test
  void aSymlinkedRootIsResolvedToo() throws Exception {
    Path linkedRoot = Files.createSymbolicLink(dir.resolve("current"), root);
    try (Storage viaLink = Storage.create(List.of(linkedRoot.toUri()), StorageSettings.of(Map.of(), Map.of()))) {
      URI address = linkedRoot.toUri().resolve("y.json");
      viaLink.write(address, out -> out.write(bytes("8")));
      assertEquals("8", Files.readString(root.resolve("y.json")));
    }
  }

  @Test
  void aRootThatDoesNotExistYetStillWorks() throws Exception {
    Path later = dir.resolve("later/run");
    try (Storage fresh = Storage.create(List.of(later.toUri()), StorageSettings.of(Map.of(), Map.of()))) {
      fresh.write(Addresses.resolve(later.toUri(), "t/Output.json"), out -> out.write(bytes("1")));
      assertEquals("1", Files.readString(later.resolve("t/Output.json")));
    }
  }

  @Test
  void unknownSchemeInsideARootNamesTheScheme() throws Exception {
    try (Storage s = Storage.create(List.of(URI.create("gs://bucket/runs/")), StorageSettings.of(Map.of(), Map.of()))) {
      StorageException e = assertThrows(StorageException.class, () -> s.read(URI.create("gs://bucket/runs/x.json")));
      assertEquals("gs://bucket/runs/x.json: no storage backend for scheme 'gs' on the classpath (available: [file, http, https]);"
          + " add the kfp4j module that provides it", e.getMessage());
    }
  }

  @Test
  void anAddressInNoRootIsRefusedEvenWithAnUnknownScheme() {
    AddressRefusedException e = assertThrows(AddressRefusedException.class,
        () -> storage.read(URI.create("ftp://host/x.json")));
    assertTrue(e.getMessage().startsWith("ftp://host/x.json: address refused: outside the configured storage roots"),
        e.getMessage());
  }

  @Test
  void aRootWithCredentialsIsRefusedWithoutEchoingThem() {
    AddressRefusedException e = assertThrows(AddressRefusedException.class,
        () -> Storage.create(List.of(URI.create("s3://AKIA:hunter2@bucket/")), StorageSettings.of(Map.of(), Map.of())));
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
  }

  @Test
  void settingsComeFromTheExplicitMapThenPropertiesThenEnvironment() {
    StorageSettings settings = StorageSettings.of(Map.of("kfp4j.a.b", "explicit"),
        Map.of("KFP4J_A_B", "env", "KFP4J_C_D", "env-only", "KFP4J_E", " "));
    assertEquals("explicit", settings.get("kfp4j.a.b").orElseThrow());
    assertEquals("env-only", settings.get("kfp4j.c.d").orElseThrow());
    assertTrue(settings.get("kfp4j.e").isEmpty(), "blank counts as unset");
    assertEquals("KFP4J_STORAGE_ROOTS", StorageSettings.environmentName("kfp4j.storage.roots"));
  }
}
