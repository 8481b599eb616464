package dev.kfp4j.local.exec;

import dev.kfp4j.local.error.LocalRunException;
import dev.kfp4j.runtime.entrypoint.ComponentDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The generated entrypoint classes of a run, each looked up once: its {@code COMPONENT} descriptor,
 * a handle on its {@code execute(ComponentIo)} for in-process runs, and its identity for caching.
 */
public final class Entrypoints {

  private final ClassLoader loader;
  private final Map<String, Entrypoint> byClass = new ConcurrentHashMap<>();
  private final Map<String, String> containerDigests = new ConcurrentHashMap<>();

  public Entrypoints(ClassLoader loader) {
    this.loader = loader;
  }

  /**
   * One generated entrypoint.
   *
   * @param className its class name
   * @param descriptor its {@code COMPONENT}
   * @param execute {@code static void execute(ComponentIo)}
   * @param identity a digest of the compiled code that runs: the entrypoint's jar (or class file) and
   *     the component method's class's jar (or class file)
   */
  public record Entrypoint(String className, ComponentDescriptor descriptor, MethodHandle execute, String identity) {}

  /** The entrypoint class {@code className}. */
  public Entrypoint get(String className) {
    return byClass.computeIfAbsent(className, this::load);
  }

  private Entrypoint load(String className) {
    Class<?> type;
    try {
      type = Class.forName(className, true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new LocalRunException(LocalRunException.Kind.CLASSPATH, "entrypoint class " + className
          + " is not on the classpath (" + e + "); build the project that defines the pipeline, or pass --classpath");
    }
    ComponentDescriptor descriptor;
    MethodHandle execute;
    try {
      descriptor = (ComponentDescriptor) type.getField("COMPONENT").get(null);
      execute = MethodHandles.publicLookup().findStatic(type, "execute",
          MethodType.methodType(void.class, dev.kfp4j.runtime.entrypoint.ComponentIo.class));
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new LocalRunException(LocalRunException.Kind.CLASSPATH, "class " + className
          + " is not a kfp4j entrypoint of this kfp4j version (no COMPONENT / execute(ComponentIo)): " + e);
    }
    String identity = digest(className + "\n" + containerDigest(classFile(className), className.replace('.', '/') + ".class")
        + "\n" + methodClassDigest(descriptor.method(), className));
    return new Entrypoint(className, descriptor, execute, identity);
  }

  /** The digest of the class that declares {@code method} ({@code com.acme.Outer.Inner.add} may be {@code Outer$Inner}). */
  private String methodClassDigest(String method, String entrypoint) {
    int dot = method.lastIndexOf('.');
    String owner = dot < 0 ? method : method.substring(0, dot);
    String binary = owner;
    while (true) {
      URL url = loader.getResource(binary.replace('.', '/') + ".class");
      if (url != null) {
        return binary + ":" + containerDigest(url, binary.replace('.', '/') + ".class");
      }
      int last = binary.lastIndexOf('.');
      if (last < 0) {
        throw new LocalRunException(LocalRunException.Kind.CLASSPATH, "the class of component method " + method
            + " (entrypoint " + entrypoint + ") is not on the classpath");
      }
      binary = binary.substring(0, last) + "$" + binary.substring(last + 1);
    }
  }

  private URL classFile(String className) {
    URL url = loader.getResource(className.replace('.', '/') + ".class");
    if (url == null) {
      throw new LocalRunException(LocalRunException.Kind.CLASSPATH, "class file of " + className + " not found");
    }
    return url;
  }

  /**
   * The digest of the classpath entry that holds {@code resource}: a jar whole, a directory (a
   * project's {@code target/classes}) as every file below it. Each is digested once per run. A whole
   * entry, not the one class file: a component calls helpers of its own project, and a cached result
   * must not outlive a change to them.
   */
  private String containerDigest(URL url, String resource) {
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
