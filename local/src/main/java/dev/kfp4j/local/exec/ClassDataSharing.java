package dev.kfp4j.local.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * An AppCDS archive for task JVMs: the first task JVM of a classpath records the classes it loads
 * ({@code -XX:ArchiveClassesAtExit}), later ones map them ({@code -XX:SharedArchiveFile}) and start
 * faster. The archive is kept per JDK and classpath (jar sizes and times included) under the cache
 * folder, written to a temporary name and renamed, so concurrent runs never see half an archive.
 *
 * <p>The JVM archives classes from jars only, and refuses a non-empty directory on the classpath of an
 * archive. So each directory of the classpath ({@code target/classes}) is packed into a jar in the cache
 * folder (again only when its files change), and task JVMs run on that classpath: the archive works on
 * the normal {@code mvn compile} path too.
 *
 * <p>A task JVM that cannot use the archive says so on its stderr ({@code [warning][cds…]}, kept in the
 * task's log: JVM warnings are not silenced); the executor then {@linkplain #discard discards} the
 * archive, so it is recorded again.
 */
public final class ClassDataSharing {

  /** Logging of the task JVMs that map the archive: JVM warnings (an unusable archive) to stderr, never stdout. */
  static final List<String> MAPPING = List.of("-Xshare:auto", "-Xlog:disable", "-Xlog:all=warning:stderr");
  // Recording warns about every class it skips (those of other class loaders, …): noise, not a failure;
  // a recording that fails leaves no archive, which is checked.
  private static final List<String> RECORDING = List.of("-Xshare:auto", "-Xlog:disable", "-Xlog:all=error:stderr");

  private final Path archive;
  private final Classpath classpath;
  private final AtomicBoolean recording = new AtomicBoolean();
  private final AtomicBoolean discarded = new AtomicBoolean();

  private ClassDataSharing(Path archive, Classpath classpath) {
    this.archive = archive;
    this.classpath = classpath;
  }

  /** The archive for task JVMs on {@code classpath}, if one can be kept under {@code directory}. */
  public static Optional<ClassDataSharing> forClasspath(Classpath classpath, Path directory) {
    List<Path> entries = classpath.expanded();
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    try {
      List<Path> jars = new ArrayList<>();
      for (Path entry : entries) {
        if (Files.isDirectory(entry)) {
          jars.add(jarred(entry, directory.resolve("jars")));
        } else if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
          jars.add(entry);
        } else if (Files.exists(entry)) {
          return Optional.empty(); // a zip or something else the JVM cannot archive from
        }
      }
      Classpath archived = Classpath.of(jars);
      MessageDigest digest = sha256();
      digest.update((System.getProperty("java.home") + "\n" + System.getProperty("java.vm.version") + "\n"
          + archived.asArgument() + "\n").getBytes(StandardCharsets.UTF_8));
      for (Path jar : jars) {
        digest.update((jar + ":" + Files.size(jar) + ":" + Files.getLastModifiedTime(jar).toMillis() + "\n")
            .getBytes(StandardCharsets.UTF_8));
      }
      return Optional.of(new ClassDataSharing(directory.resolve(HexFormat.of().formatHex(digest.digest()) + ".jsa"),
          archived));
    } catch (IOException e) {
      return Optional.empty(); // no archive only costs start-up time
    }
  }

  /** The classpath task JVMs run on: the run's classpath with its directories packed into jars. */
  public Classpath classpath() {
    return classpath;
  }

  /** The archive file (present once recorded). */
  Path archive() {
    return archive;
  }

  /**
   * {@code directory} packed into a jar named by a digest of its files' names, sizes and times; built
   * once per change, atomically. Entries in name order with a fixed time, so the jar's bytes (and with
   * them the archive's validity) depend only on the files.
   */
  static Path jarred(Path directory, Path jars) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(directory)) {
      files = new ArrayList<>(walk.filter(Files::isRegularFile).toList());
    }
    files.sort(null);
    MessageDigest digest = sha256();
    digest.update((directory.toAbsolutePath() + "\n").getBytes(StandardCharsets.UTF_8));
    for (Path file : files) {
      digest.update((directory.relativize(file) + ":" + Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis()
          + "\n").getBytes(StandardCharsets.UTF_8));
    }
    Path jar = jars.resolve(HexFormat.of().formatHex(digest.digest()) + ".jar");
    if (Files.isRegularFile(jar)) {
      return jar;
    }
    Files.createDirectories(jars);
    Path temp = jars.resolve(jar.getFileName() + "." + UUID.randomUUID() + ".tmp");
    FileTime epoch = FileTime.fromMillis(0);
    try (OutputStream file = Files.newOutputStream(temp); JarOutputStream out = new JarOutputStream(file)) {
      for (Path source : files) {
        JarEntry entry = new JarEntry(directory.relativize(source).toString().replace('\\', '/'));
        entry.setLastModifiedTime(epoch);
        out.putNextEntry(entry);
        try (InputStream in = Files.newInputStream(source)) {
          in.transferTo(out);
        }
        out.closeEntry();
      }
    } catch (IOException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    Files.move(temp, jar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return jar;
  }

  /** How one task JVM takes part: the options to start it with, and what to do once it has ended. */
  public interface Use {
    /** No archive. */
    Use NONE = new Fixed(List.of(), false);

    /** The JVM options. */
    List<String> options();

    /** Whether the JVM maps an existing archive (so a warning about it means the archive is unusable). */
    boolean mapped();

    /** Called once the JVM has ended. */
    void done(boolean succeeded);
  }

  /** A use with nothing to do afterwards. */
  private record Fixed(List<String> options, boolean mapped) implements Use {
    @Override
    public void done(boolean succeeded) {}
  }

  /** Maps the archive if it exists; else lets one task JVM at a time record it. */
  Use use() {
    if (Files.isRegularFile(archive)) {
      List<String> options = new ArrayList<>();
      options.add("-XX:SharedArchiveFile=" + archive);
      options.addAll(MAPPING);
      return new Fixed(List.copyOf(options), true);
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
    List<String> options = new ArrayList<>();
    options.add("-XX:ArchiveClassesAtExit=" + temp);
    options.addAll(RECORDING);
    return new Use() {
      @Override
      public List<String> options() {
        return options;
      }

      @Override
      public boolean mapped() {
        return false;
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

  /**
   * The archive could not be used by a task JVM (it said so in {@code warning}): deletes it so that a
   * later task records it again; once per executor, so an archive that never works costs one recording.
   *
   * @return whether it was discarded now
   */
  boolean discard() {
    if (!discarded.compareAndSet(false, true)) {
      return false;
    }
    try {
      Files.deleteIfExists(archive);
    } catch (IOException e) {
      return false;
    }
    recording.set(false);
    return true;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
