package dev.kfp4j.local.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An AppCDS archive for task JVMs: the first task JVM of a classpath records the classes it loads
 * ({@code -XX:ArchiveClassesAtExit}), later ones map them ({@code -XX:SharedArchiveFile}) and start about
 * twice as fast (Jackson's start-up dominates an entrypoint's). The archive is kept per JDK and
 * classpath (jar sizes and times included) under the cache folder, written to a temporary name and
 * renamed, so concurrent runs never see half an archive.
 *
 * <p>Only for classpaths of jars: the JVM refuses to archive from (or even start with) a non-empty
 * directory on the classpath, so a {@code target/classes} classpath runs without it.
 */
public final class ClassDataSharing {

  private static final List<String> QUIET = List.of("-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
  private final Path archive;
  private final AtomicBoolean recording = new AtomicBoolean();

  private ClassDataSharing(Path archive) {
    this.archive = archive;
  }

  /** The archive for task JVMs on {@code classpath}, if the classpath allows one. */
  public static Optional<ClassDataSharing> forClasspath(Classpath classpath, Path directory) {
    List<Path> entries = classpath.expanded();
    if (entries.isEmpty() || !entries.stream().allMatch(p -> Files.isRegularFile(p) && p.toString().endsWith(".jar"))) {
      return Optional.empty();
    }
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update((System.getProperty("java.home") + "\n" + System.getProperty("java.vm.version") + "\n"
          + classpath.asArgument() + "\n").getBytes(StandardCharsets.UTF_8));
      for (Path entry : entries) {
        digest.update((entry + ":" + Files.size(entry) + ":" + Files.getLastModifiedTime(entry).toMillis() + "\n")
            .getBytes(StandardCharsets.UTF_8));
      }
      return Optional.of(new ClassDataSharing(directory.resolve(HexFormat.of().formatHex(digest.digest()) + ".jsa")));
    } catch (IOException | NoSuchAlgorithmException e) {
      return Optional.empty(); // no archive only costs start-up time
    }
  }

  /** How one task JVM takes part: the options to start it with, and what to do once it has ended. */
  public interface Use {
    /** No archive. */
    Use NONE = new Use() {
      @Override
      public List<String> options() {
        return List.of();
      }

      @Override
      public void done(boolean succeeded) {}
    };

    List<String> options();

    void done(boolean succeeded);
  }

  /** Maps the archive if it exists; else lets one task JVM at a time record it. */
  Use use() {
    if (Files.isRegularFile(archive)) {
      return fixed(List.of("-XX:SharedArchiveFile=" + archive));
    }
    if (!recording.compareAndSet(false, true)) {
      return Use.NONE;
    }
    Path temp = archive.resolveSibling(archive.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.createDirectories(archive.getParent());
    } catch (IOException e) {
      return Use.NONE;
    }
    return new Use() {
      @Override
      public List<String> options() {
        return concat(List.of("-XX:ArchiveClassesAtExit=" + temp));
      }

      @Override
      public void done(boolean succeeded) {
        try {
          if (succeeded && Files.isRegularFile(temp)) {
            Files.move(temp, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          } else {
            recording.set(false); // let a later task try again
          }
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          recording.set(false);
        }
      }
    };
  }

  private static Use fixed(List<String> options) {
    return new Use() {
      @Override
      public List<String> options() {
        return concat(options);
      }

      @Override
      public void done(boolean succeeded) {}
    };
  }

  private static List<String> concat(List<String> options) {
    List<String> all = new java.util.ArrayList<>(options);
    all.addAll(QUIET);
    return all;
  }
}
