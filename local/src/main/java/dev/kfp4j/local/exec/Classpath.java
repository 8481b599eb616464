package dev.kfp4j.local.exec;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Where a run finds compiled pipelines and their entrypoints: directories and jars. A task's JVM gets
 * the same classpath, so what the runner found is what the task runs.
 */
public final class Classpath {

  private final List<Path> entries;
  private final boolean own;
  private ClassLoader loader;

  private Classpath(List<Path> entries, boolean own) {
    this.entries = List.copyOf(entries);
    this.own = own;
  }

  /** This JVM's classpath ({@code java.class.path}). */
  public static Classpath current() {
    return new Classpath(split(System.getProperty("java.class.path", "")), true);
  }

  /** A classpath in the platform's form ({@code a.jar:classes/}). */
  public static Classpath of(String path) {
    return new Classpath(split(path), false);
  }

  /** A classpath of these entries. */
  public static Classpath of(List<Path> entries) {
    return new Classpath(entries.stream().map(Path::toAbsolutePath).toList(), false);
  }

  /** The entries as given. */
  public List<Path> entries() {
    return entries;
  }

  /** The entries as a {@code -cp} argument. */
  public String asArgument() {
    return String.join(File.pathSeparator, entries.stream().map(Path::toString).toList());
  }

  /** The entries plus those named by jar manifests' {@code Class-Path} (test runners launch through such a jar). */
  public List<Path> expanded() {
    Set<Path> seen = new LinkedHashSet<>();
    for (Path entry : entries) {
      expand(entry, seen);
    }
    return new ArrayList<>(seen);
  }

  /** A class loader over this classpath: the runner's own loader for {@link #current()}. */
  public synchronized ClassLoader loader() {
    if (loader == null) {
      loader = newLoader();
    }
    return loader;
  }

  private ClassLoader newLoader() {
    ClassLoader runner = Classpath.class.getClassLoader();
    if (own) {
      ClassLoader context = Thread.currentThread().getContextClassLoader();
      return context != null ? context : runner;
    }
    List<URL> urls = new ArrayList<>();
    for (Path entry : entries) {
      try {
        urls.add(entry.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new UncheckedIOException(e);
      }
    }
    // Parent first: the kfp4j runtime classes the runner itself uses are the ones the tasks see in-process.
    return new URLClassLoader(urls.toArray(URL[]::new), runner);
  }

  private static void expand(Path entry, Set<Path> seen) {
    Path absolute = entry.toAbsolutePath().normalize();
    if (!seen.add(absolute) || !Files.isRegularFile(absolute) || !absolute.toString().endsWith(".jar")) {
      return;
    }
    try (JarFile jar = new JarFile(absolute.toFile())) {
      Manifest manifest = jar.getManifest();
      String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
      if (classPath == null) {
        return;
      }
      for (String item : classPath.trim().split("\\s+")) {
        if (!item.isEmpty()) {
          URI resolved = absolute.getParent().toUri().resolve(item);
          if ("file".equals(resolved.getScheme())) {
            expand(Path.of(resolved), seen);
          }
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      // An unreadable jar holds no pipelines we could run; the JVM would skip it the same way.
    }
  }

  private static List<Path> split(String path) {
    List<Path> entries = new ArrayList<>();
    for (String item : path.split(File.pathSeparator)) {
      if (!item.isBlank()) {
        entries.add(Path.of(item).toAbsolutePath());
      }
    }
    return entries;
  }

  @Override
  public String toString() {
    return asArgument();
  }
}
