package dev.kfp4j.local.exec;

import dev.kfp4j.local.error.LocalRunException;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;

/**
 * Digests of the code a run's tasks run, for their cache identity: the classpath entry (a jar, or a class folder as
 * a whole) that holds a class or resource, each entry digested once per run.
 */
final class CodeDigests {

  private final ClassLoader loader;
  private final Classpath taskClasspath;
  private final Map<String, String> containerDigests = new ConcurrentHashMap<>();
  private final Map<Path, Set<String>> jarEntries = new ConcurrentHashMap<>();
  private volatile List<Path> taskEntries;

  /**
   * @param loader the loader over the run's classpath
   * @param taskClasspath the classpath of task JVMs, or null when tasks run in this JVM
   */
  CodeDigests(ClassLoader loader, Classpath taskClasspath) {
    this.loader = loader;
    this.taskClasspath = taskClasspath;
  }

  /**
   * The digest of the classpath entry that holds {@code resource} as the tasks see it: the first entry of the task
   * JVMs' classpath that has it, or (tasks in this JVM) the one this JVM's loader finds.
   */
  String asTasksFind(String resource, String where, String what) {
    if (taskClasspath == null) {
      return entryHolding(loader.getResource(resource), resource);
    }
    for (Path entry : taskEntries()) {
      if (Files.isDirectory(entry) && Files.isRegularFile(entry.resolve(resource))) {
        return containerDigests.computeIfAbsent(entry.toString(), key -> treeDigest(entry));
      }
      if (jarEntries(entry).contains(resource)) {
        return containerDigests.computeIfAbsent(entry.toString(), key -> fileDigest(entry));
      }
    }
    throw new LocalRunException(LocalRunException.Kind.CLASSPATH, where + ": " + what + " is not on the classpath "
        + "of the task JVMs (" + taskClasspath + "); add it, or pass --classpath");
  }

  private List<Path> taskEntries() {
    List<Path> entries = taskEntries;
    if (entries == null) {
      entries = taskClasspath.expanded();
      taskEntries = entries;
    }
    return entries;
  }

  /** The entry names of a jar of the task classpath (none for anything else), read once. */
  private Set<String> jarEntries(Path entry) {
    if (!entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
      return Set.of();
    }
    return jarEntries.computeIfAbsent(entry, jar -> {
      try (JarFile file = new JarFile(jar.toFile())) {
        Set<String> names = new HashSet<>();
        file.stream().forEach(e -> names.add(e.getName()));
        return names;
      } catch (IOException e) {
        return Set.of(); // the JVM cannot load from it either
      }
    });
  }

  /**
   * The digest of the classpath entry that holds {@code resource}: a jar whole, a directory (a
   * project's {@code target/classes}) as every file below it. Each is digested once per run. A whole
   * entry, not the one class file: a component calls helpers of its own project, and a cached result
   * must not outlive a change to them.
   */
  String entryHolding(URL url, String resource) {
    try {
      if ("jar".equals(url.getProtocol())) {
        URL jarUrl = ((JarURLConnection) url.openConnection()).getJarFileURL();
        Path jar = Path.of(jarUrl.toURI());
        return containerDigests.computeIfAbsent(jar.toString(), key -> fileDigest(jar));
      }
      if ("file".equals(url.getProtocol())) {
        Path entry = Path.of(url.toURI());
        for (int segments = resource.split("/").length; segments > 0 && entry != null; segments--) {
          entry = entry.getParent();
        }
        if (entry != null && Files.isDirectory(entry)) {
          Path directory = entry;
          return containerDigests.computeIfAbsent(directory.toString(), key -> treeDigest(directory));
        }
      }
      try (InputStream in = url.openStream()) {
        return digest(in.readAllBytes());
      }
    } catch (IOException | URISyntaxException e) {
      throw new LocalRunException(LocalRunException.Kind.CLASSPATH, "cannot read " + url + ": " + e.getMessage(), e);
    }
  }

  /** Every regular file below {@code directory}: its path relative to it and its bytes, in path order. */
  private static String treeDigest(Path directory) {
    MessageDigest digest = sha256();
    try (java.util.stream.Stream<Path> walk = Files.walk(directory)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        byte[] name = directory.relativize(file).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        digest.update(name);
        digest.update((byte) 0);
        digest.update(fileDigest(file).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new LocalRunException(LocalRunException.Kind.CLASSPATH, "cannot read " + directory + ": " + e.getMessage(), e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static String fileDigest(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = sha256();
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new LocalRunException(LocalRunException.Kind.CLASSPATH, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  static String digest(String text) {
    return digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static String digest(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
