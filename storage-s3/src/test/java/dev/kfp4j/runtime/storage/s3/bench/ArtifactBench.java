package dev.kfp4j.runtime.storage.s3.bench;

import dev.kfp4j.runtime.artifact.Artifacts;
import dev.kfp4j.runtime.storage.Storage;
import dev.kfp4j.runtime.storage.StorageSettings;
import dev.kfp4j.runtime.storage.s3.S3Settings;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One artifact transfer per JVM, for {@code bench/artifacts.sh}: a file or directory uploaded to, or
 * downloaded from, {@code file://} or S3 storage through {@link Artifacts} (digests included). Prints
 * {@code mode bytes seconds peakHeapBytes}.
 */
public final class ArtifactBench {

  private ArtifactBench() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    URI root = URI.create(args[1]);
    URI address = URI.create(args[1] + args[2]);
    Path local = Path.of(args[3]);
    StorageSettings settings = args.length > 4 ? StorageSettings.of(Map.of(S3Settings.ENDPOINT, args[4],
        S3Settings.REGION, "us-east-1", S3Settings.PATH_STYLE, "true"), Map.of()) : StorageSettings.of(Map.of(), Map.of());
    try (Storage storage = Storage.create(List.of(root), settings)) {
      storage.exists(address); // the client is built and has made one request before the clock starts
      System.gc();
      ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
      long started = System.nanoTime();
      long bytes = switch (mode) {
        case "upload" -> Artifacts.upload(storage, address, local, "system.Dataset", Map.of()).size();
        case "download" -> Artifacts.download(storage, address, local).size();
        default -> throw new IllegalArgumentException("unknown mode " + mode);
      };
      double seconds = (System.nanoTime() - started) / 1e9;
      long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
          .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
      System.out.printf("%s %d %.3f %d%n", mode, bytes, seconds, peak);
    }
  }
}
