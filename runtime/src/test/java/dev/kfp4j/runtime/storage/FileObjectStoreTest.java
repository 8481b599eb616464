package dev.kfp4j.runtime.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code file://} storage: atomic writes (a failed or concurrent write never shows half an object, no temporary
 * file is left), missing objects and directories, permissions, idempotent delete, values larger than the
 * heap streamed, and copies that keep every byte.
 */
class FileObjectStoreTest {

  @TempDir Path dir;
  private final FileObjectStore store = new FileObjectStore();

  private static byte[] read(ObjectStore store, URI address) throws IOException {
    try (InputStream in = store.read(address)) {
      return in.readAllBytes();
    }
  }

  private List<Path> filesUnder(Path path) throws IOException {
    try (Stream<Path> files = Files.walk(path)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void roundTripCreatesParentsAndReplaces() throws Exception {
    URI address = dir.resolve("add/Output.json").toUri();
    store.write(address, out -> out.write("6".getBytes(StandardCharsets.UTF_8)));
    assertArrayEquals("6".getBytes(StandardCharsets.UTF_8), read(store, address));
    store.write(address, out -> out.write("7".getBytes(StandardCharsets.UTF_8)));
    assertArrayEquals("7".getBytes(StandardCharsets.UTF_8), read(store, address));
    assertEquals(List.of(dir.resolve("add/Output.json")), filesUnder(dir), "no temporary file is left");
  }

  @Test
  void aWriterThatThrowsLeavesNoObjectAndNoTemporaryFile() throws Exception {
    URI address = dir.resolve("add/Output.json").toUri();
    IOException thrown = assertThrows(IOException.class, () -> store.write(address, out -> {
      out.write(new byte[10_000]);
      throw new IOException("disk on fire");
    }));
    assertEquals("disk on fire", thrown.getMessage());
    assertFalse(store.exists(address));
    assertEquals(List.of(), filesUnder(dir));
  }

  @Test
  void aFailedOverwriteKeepsTheOldObject() throws Exception {
    URI address = dir.resolve("x.json").toUri();
    store.write(address, out -> out.write('1'));
    assertThrows(IllegalStateException.class, () -> store.write(address, out -> {
      out.write('2');
      throw new IllegalStateException("bug in the writer");
    }));
    assertArrayEquals(new byte[] {'1'}, read(store, address));
    assertEquals(List.of(dir.resolve("x.json")), filesUnder(dir));
  }

  @Test
  void aConcurrentReaderSeesTheOldOrTheNewObjectNeverAPart() throws Exception {
    URI address = dir.resolve("big.bin").toUri();
    int size = 4 << 20;
    store.write(address, out -> fill(out, (byte) 0, size));
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> reader = pool.submit(() -> {
        int reads = 0;
        while (writing.get() || reads < 5) {
          byte[] content = read(store, address);
          assertEquals(size, content.length, "a reader saw a partial object");
          byte first = content[0];
          for (byte b : content) {
            if (b != first) {
              throw new AssertionError("a reader saw a mix of two versions");
            }
          }
          reads++;
        }
        return reads;
      });
      for (int version = 1; version <= 60; version++) {
        byte value = (byte) version;
        store.write(address, out -> fill(out, value, size));
      }
      writing.set(false);
      assertTrue(reader.get() >= 5);
    } finally {
      writing.set(false);
      pool.shutdownNow();
    }
  }

  private static void fill(OutputStream out, byte value, int size) throws IOException {
    byte[] chunk = new byte[64 << 10];
    Arrays.fill(chunk, value);
    for (int written = 0; written < size; written += chunk.length) {
      out.write(chunk, 0, Math.min(chunk.length, size - written));
    }
  }

  @Test
  void missingObject() {
    URI address = dir.resolve("nothing/here.json").toUri();
    ObjectNotFoundException e = assertThrows(ObjectNotFoundException.class, () -> store.read(address));
    assertEquals(address + ": no such object", e.getMessage());
    assertEquals(address, e.address());
  }

  @Test
  void aFileUsedAsADirectoryIsNotFound() throws Exception {
    Files.writeString(dir.resolve("file"), "x");
    assertThrows(ObjectNotFoundException.class, () -> store.read(dir.resolve("file/x.json").toUri()));
  }

  @Test
  void directoriesAreNotObjects() throws Exception {
    Files.createDirectories(dir.resolve("d"));
    URI address = dir.resolve("d").toUri();
    assertTrue(assertThrows(StorageException.class, () -> store.read(address)).getMessage().endsWith("is a directory, not an object"));
    assertTrue(assertThrows(StorageException.class, () -> store.write(address, out -> out.write(1))).getMessage()
        .endsWith("is a directory, not an object"));
    assertFalse(store.exists(address));
  }

  @Test
  void aParentThatIsAFileIsNamed() throws Exception {
    Files.writeString(dir.resolve("file"), "x");
    StorageException e = assertThrows(StorageException.class,
        () -> store.write(dir.resolve("file/x.json").toUri(), out -> out.write(1)));
    assertTrue(e.getMessage().endsWith("a parent of this address is a file, not a directory"), e.getMessage());
  }

  @Test
  void remoteFileAddressesAreRefused() {
    StorageException e = assertThrows(StorageException.class, () -> store.read(URI.create("file://otherhost/x.json")));
    assertTrue(e.getMessage().contains("must be local"), e.getMessage());
  }

  @Test
  void writtenObjectsGetTheSamePermissionsAsAnyNewFile() throws Exception {
    Set<PosixFilePermission> plain = Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain")));
    store.write(dir.resolve("object.json").toUri(), out -> out.write(1));
    assertEquals(plain, Files.getPosixFilePermissions(dir.resolve("object.json")));
  }

  @Test
  void deleteIsIdempotent() throws Exception {
    URI address = dir.resolve("x.json").toUri();
    store.write(address, out -> out.write(1));
    store.delete(address);
    store.delete(address);
    assertFalse(Files.exists(dir.resolve("x.json")));
  }

  /**
   * 256 MiB is written from a generator and read back through a digest; the test JVM runs with a
   * heap far smaller than that (see the surefire argLine), so neither direction can buffer the object.
   */
  @Test
  void streamsObjectsLargerThanTheHeap() throws Exception {
    long size = 256L << 20;
    long heap = Runtime.getRuntime().maxMemory();
    assertTrue(heap < size, "the test must run with a heap smaller than the object (is " + (heap >> 20) + " MiB)");
    URI address = dir.resolve("large.bin").toUri();
    store.write(address, out -> {
      byte[] chunk = new byte[1 << 20];
      for (long offset = 0; offset < size; offset += chunk.length) {
        for (int i = 0; i < chunk.length; i++) {
          chunk[i] = pattern(offset + i);
        }
        out.write(chunk);
      }
    });
    assertEquals(size, Files.size(dir.resolve("large.bin")));
    long position = 0;
    try (InputStream in = store.read(address)) {
      byte[] buffer = new byte[1 << 20];
      for (int n; (n = in.read(buffer)) > 0; ) {
        for (int i = 0; i < n; i++, position++) {
          if (buffer[i] != pattern(position)) {
            throw new AssertionError("byte " + position + " differs");
          }
        }
      }
    }
    assertEquals(size, position);
    store.delete(address);
  }

  private static byte pattern(long position) {
    return (byte) (position * 31 >>> 3 ^ position >>> 20);
  }

  @Test
  void copyingOneObjectIntoAnotherKeepsEveryByteAndStartsWhereTheReaderIs() throws Exception {
    byte[] bytes = new byte[3 * 1024 * 1024 + 17];
    new java.util.Random(7).nextBytes(bytes);
    URI source = dir.resolve("source.bin").toUri();
    store.write(source, out -> out.write(bytes));

    URI whole = dir.resolve("copies/whole.bin").toUri();
    long[] copied = new long[1];
    try (InputStream in = store.read(source)) {
      store.write(whole, out -> copied[0] = in.transferTo(out));
    }
    assertEquals(bytes.length, copied[0]);
    assertArrayEquals(bytes, read(store, whole));

    // After a partial read, the copy holds the rest, as a plain read loop would.
    URI rest = dir.resolve("copies/rest.bin").toUri();
    try (InputStream in = store.read(source)) {
      assertEquals(1000, in.readNBytes(1000).length);
      store.write(rest, out -> copied[0] = in.transferTo(out));
    }
    assertEquals(bytes.length - 1000, copied[0]);
    assertArrayEquals(Arrays.copyOfRange(bytes, 1000, bytes.length), read(store, rest));

    // Into a stream that is not a file object, the ordinary copy is used.
    java.io.ByteArrayOutputStream memory = new java.io.ByteArrayOutputStream();
    try (InputStream in = store.read(source)) {
      assertEquals(bytes.length, in.transferTo(memory));
    }
    assertArrayEquals(bytes, memory.toByteArray());
  }
}
