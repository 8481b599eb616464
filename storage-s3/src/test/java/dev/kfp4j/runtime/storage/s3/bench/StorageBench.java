package dev.kfp4j.runtime.storage.s3.bench;

import dev.kfp4j.runtime.storage.Storage;
import dev.kfp4j.runtime.storage.StorageSettings;
import dev.kfp4j.runtime.storage.s3.S3ObjectStoreProvider;
import dev.kfp4j.runtime.storage.s3.S3Settings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * One measurement of the storage benchmark (see {@code bench/storage.sh}), run in its own JVM so that
 * its heap is its own. Prints one line: {@code MODE BYTES SECONDS PEAK_HEAP_BYTES HEAP_AFTER_LAST_GC_BYTES}.
 *
 * <pre>
 * StorageBench runtime-upload|runtime-download|raw-upload|raw-multipart-upload|raw-download ENDPOINT BUCKET KEY BYTES
 * StorageBench file-copy SOURCE_FILE TARGET_FILE
 * </pre>
 *
 * The runtime modes go through {@link Storage} (ServiceLoader, roots check, {@code S3ObjectStore});
 * the raw modes are the AWS SDK's plain putObject / getObject of the same bytes with the same client
 * settings, and its multipart calls with the same part size. Credentials come from the SDK's default chain ({@code -Daws.accessKeyId=…}).
 */
public final class StorageBench {

  private static final int BLOCK = 1024 * 1024;
  private static long started;

  private StorageBench() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    long bytes = switch (mode) {
      case "runtime-upload" -> runtimeUpload(args);
      case "runtime-download" -> runtimeDownload(args);
      case "raw-upload" -> rawUpload(args);
      case "raw-multipart-upload" -> rawMultipartUpload(args);
      case "raw-download" -> rawDownload(args);
      case "file-copy" -> fileCopy(Path.of(args[1]), Path.of(args[2]));
      default -> throw new IllegalArgumentException("unknown mode " + mode);
    };
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("%s %d %.3f %d %d%n", mode, bytes, seconds, peakHeap(), liveHeapAfterGc());
  }

  /** Starts the clock once the client is built and has made one request, so only the transfer is timed. */
  private static void begin() {
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    started = System.nanoTime();
  }

  private static StorageSettings settings(String endpoint) {
    return StorageSettings.of(Map.of(S3Settings.ENDPOINT, endpoint, S3Settings.REGION, "us-east-1",
        S3Settings.PATH_STYLE, "true"), Map.of());
  }

  private static long runtimeUpload(String[] args) throws IOException {
    long size = Long.parseLong(args[4]);
    try (Storage storage = Storage.create(List.of(URI.create("s3://" + args[2] + "/")), settings(args[1]))) {
      URI address = URI.create("s3://" + args[2] + "/" + args[3]);
      storage.exists(address);
      begin();
      storage.write(address, out -> generate(size, out));
    }
    return size;
  }

  private static long runtimeDownload(String[] args) throws IOException {
    try (Storage storage = Storage.create(List.of(URI.create("s3://" + args[2] + "/")), settings(args[1]))) {
      URI address = URI.create("s3://" + args[2] + "/" + args[3]);
      storage.exists(address);
      begin();
      try (InputStream in = storage.read(address)) {
        return drain(in);
      }
    }
  }

  private static long rawUpload(String[] args) throws IOException {
    long size = Long.parseLong(args[4]);
    try (S3Client s3 = S3ObjectStoreProvider.client(S3Settings.from(settings(args[1])))) {
      s3.headBucket(b -> b.bucket(args[2]));
      begin();
      // A content provider, not fromInputStream, so the SDK streams without buffering for a retry.
      s3.putObject(b -> b.bucket(args[2]).key(args[3]), RequestBody.fromContentProvider(
          () -> new GeneratedStream(size), size, "application/octet-stream"));
    }
    return size;
  }

  /** The SDK's multipart calls with kfp4j's part size, parts made from the same bytes: the client-side cost of multipart. */
  private static long rawMultipartUpload(String[] args) throws IOException {
    long size = Long.parseLong(args[4]);
    S3Settings settings = S3Settings.from(settings(args[1]));
    int partSize = settings.partSize();
    try (S3Client s3 = S3ObjectStoreProvider.client(settings)) {
      s3.headBucket(b -> b.bucket(args[2]));
      begin();
      String id = s3.createMultipartUpload(b -> b.bucket(args[2]).key(args[3]).checksumAlgorithm(ChecksumAlgorithm.CRC32))
          .uploadId();
      List<CompletedPart> parts = new ArrayList<>();
      GeneratedStream source = new GeneratedStream(size);
      byte[] part = new byte[partSize];
      for (int number = 1; ; number++) {
        int filled = source.readNBytes(part, 0, partSize);
        if (filled == 0) {
          break;
        }
        int n = number;
        UploadPartResponse r = s3.uploadPart(b -> b.bucket(args[2]).key(args[3]).uploadId(id).partNumber(n)
            .checksumAlgorithm(ChecksumAlgorithm.CRC32), RequestBody.fromContentProvider(
                () -> new ByteArrayInputStream(part, 0, filled), filled, "application/octet-stream"));
        parts.add(CompletedPart.builder().partNumber(n).eTag(r.eTag()).checksumCRC32(r.checksumCRC32()).build());
      }
      s3.completeMultipartUpload(b -> b.bucket(args[2]).key(args[3]).uploadId(id).multipartUpload(m -> m.parts(parts)));
    }
    return size;
  }

  private static long rawDownload(String[] args) throws IOException {
    try (S3Client s3 = S3ObjectStoreProvider.client(S3Settings.from(settings(args[1])))) {
      s3.headBucket(b -> b.bucket(args[2]));
      begin();
      try (InputStream in = s3.getObject(b -> b.bucket(args[2]).key(args[3]))) {
        return drain(in);
      }
    }
  }

  private static long fileCopy(Path source, Path target) throws IOException {
    URI from = source.toAbsolutePath().toUri();
    URI to = target.toAbsolutePath().toUri();
    try (Storage storage = Storage.create(List.of(from.resolve("."), to.resolve(".")), StorageSettings.of(Map.of(), Map.of()))) {
      storage.exists(to);
      begin();
      try (InputStream in = storage.read(from)) {
        long[] copied = new long[1];
        storage.write(to, out -> copied[0] = in.transferTo(out));
        return copied[0];
      }
    }
  }

  /** The same bytes for the runtime and the raw upload: a 1 MiB pseudo-random block, repeated. */
  private static void generate(long size, OutputStream out) throws IOException {
    byte[] block = block();
    for (long left = size; left > 0; left -= BLOCK) {
      out.write(block, 0, (int) Math.min(BLOCK, left));
    }
  }

  private static byte[] block() {
    byte[] block = new byte[BLOCK];
    new SplittableRandom(42).nextBytes(block);
    return block;
  }

  private static long drain(InputStream in) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    for (int n; (n = in.read(buffer)) >= 0; ) {
      total += n;
    }
    return total;
  }

  /** Sum of the heap pools' peaks: an upper bound of the heap in use at any one moment. */
  private static long peakHeap() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
        .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }

  /** Heap still in use after the last collection of each pool: what the transfer really keeps. */
  private static long liveHeapAfterGc() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
        .filter(p -> p.getCollectionUsage() != null).mapToLong(p -> p.getCollectionUsage().getUsed()).sum();
  }

  /** {@link #generate}'s bytes as a stream, for the SDK's raw upload. */
  private static final class GeneratedStream extends InputStream {
    private final byte[] block = block();
    private long left;
    private long position;

    GeneratedStream(long size) {
      this.left = size;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) {
      if (left <= 0) {
        return -1;
      }
      int at = (int) (position % BLOCK);
      int n = (int) Math.min(Math.min(length, BLOCK - at), left);
      System.arraycopy(block, at, bytes, offset, n);
      left -= n;
      position += n;
      return n;
    }
  }
}
