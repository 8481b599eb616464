package dev.kfp4j.local;

import dev.kfp4j.local.exec.Classpath;
import dev.kfp4j.runtime.entrypoint.ComponentDescriptor;
import dev.kfp4j.wire.ComponentAddress;
import dev.kfp4j.wire.ResourceLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * This module's test pipelines and the shared ones ({@code test-pipelines}) as a project compiled with
 * {@code -Akfp4j.entrypoints=shared} has them: copies of their class folders without any generated entrypoint
 * class, whose specs end each Java step's command with the runtime's shared entrypoint and the component's
 * address ({@code … dev.kfp4j.runtime.entrypoint.SharedEntrypoint com.acme.loops.Loops#prepare}) where the
 * generated-mode spec names {@code com.acme.loops.Loops_PrepareEntrypoint}. The rest of the spec, the component
 * descriptors and the component classes are the processor's own output, unchanged. The runtime's classpath entry
 * is copied too, so that a test can change it.
 */
final class SharedProject {

  /** The runtime's shared entrypoint, whose classpath entry is copied too (to see a changed runtime). */
  static final String SHARED_CLASS_FILE = ComponentAddress.SHARED_ENTRYPOINT.replace('.', '/') + ".class";

  private final List<Path> copies;
  private final Classpath classpath;

  private SharedProject(List<Path> copies, Classpath classpath) {
    this.copies = copies;
    this.classpath = classpath;
  }

  /** The copies, made under {@code folder}. */
  static SharedProject create(Path folder) throws IOException {
    List<Path> entries = new ArrayList<>();
    List<Path> copies = new ArrayList<>();
    for (Path entry : Classpath.current().expanded()) {
      if (!holdsPipelines(entry) && !holds(entry, SHARED_CLASS_FILE)) {
        entries.add(entry);
        continue;
      }
      Path copy = folder.resolve(String.valueOf(copies.size()));
      Map<String, String> addresses = copy(entry, copy);
      rewriteSpecs(copy, addresses);
      copies.add(copy);
      entries.add(copy);
    }
    if (copies.isEmpty()) {
      throw new IllegalStateException("no compiled pipelines on the test classpath " + Classpath.current().expanded());
    }
    return new SharedProject(List.copyOf(copies), Classpath.of(entries));
  }

  /** The test classpath with the copies in place of the class folders and jars they were made from. */
  Classpath classpath() {
    return classpath;
  }

  /** The shared-mode spec of {@code pipeline}, to run by its path. */
  String spec(String pipeline) {
    for (Path copy : copies) {
      Path spec = copy.resolve(ResourceLayout.pipelineSpec(pipeline));
      if (Files.isRegularFile(spec)) {
        return spec.toString();
      }
    }
    throw new IllegalArgumentException("no pipeline " + pipeline + " in " + copies);
  }

  /** The copy that holds {@code resource} ({@code com/acme/loops/Loops.class}). */
  Path holding(String resource) {
    return copies.stream().filter(copy -> Files.exists(copy.resolve(resource))).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no " + resource + " in " + copies));
  }

  private static boolean holds(Path entry, String resource) throws IOException {
    if (Files.isDirectory(entry)) {
      return Files.isRegularFile(entry.resolve(resource));
    }
    if (!entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
      return false;
    }
    try (JarFile jar = new JarFile(entry.toFile())) {
      return jar.getEntry(resource) != null;
    }
  }

  private static boolean holdsPipelines(Path entry) throws IOException {
    if (Files.isDirectory(entry)) {
      return Files.isDirectory(entry.resolve(ResourceLayout.ROOT));
    }
    if (!entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
      return false;
    }
    try (JarFile jar = new JarFile(entry.toFile())) {
      return jar.stream().anyMatch(e -> e.getName().startsWith(ResourceLayout.ROOT) && e.getName()
          .endsWith("/" + ResourceLayout.PIPELINE_SPEC));
    }
  }

  /**
   * Copies {@code entry} (a folder or a jar) to {@code copy}, leaving out the generated entrypoint classes.
   *
   * @return the component address of each generated entrypoint class left out, by class name
   */
  private static Map<String, String> copy(Path entry, Path copy) throws IOException {
    Map<String, byte[]> files = new HashMap<>();
    if (Files.isDirectory(entry)) {
      try (Stream<Path> walk = Files.walk(entry)) {
        for (Path file : walk.filter(Files::isRegularFile).toList()) {
          files.put(entry.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
        }
      }
    } else {
      try (JarFile jar = new JarFile(entry.toFile())) {
        for (JarEntry file : jar.stream().filter(e -> !e.isDirectory()).toList()) {
          try (InputStream in = jar.getInputStream(file)) {
            files.put(file.getName(), in.readAllBytes());
          }
        }
      }
    }
    Map<String, String> addresses = new HashMap<>();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      String name = file.getKey();
      if (name.endsWith("Entrypoint.class")) {
        String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
        String address = address(className);
        if (address != null) {
          addresses.put(className, address);
          continue;
        }
      }
      Path target = copy.resolve(name);
      Files.createDirectories(target.getParent());
      Files.write(target, file.getValue());
    }
    return addresses;
  }

  /** The address of the component a generated entrypoint class runs, or null if the class is not one. */
  private static String address(String className) {
    try {
      Class<?> type = Class.forName(className, false, SharedProject.class.getClassLoader());
      if (!(type.getField("COMPONENT").get(null) instanceof ComponentDescriptor descriptor)) {
        return null;
      }
      String method = descriptor.method();
      String owner = method.substring(0, method.lastIndexOf('.'));
      // The descriptor names nested classes canonically (Outer.Inner); the address has the binary name.
      while (SharedProject.class.getClassLoader().getResource(owner.replace('.', '/') + ".class") == null) {
        int last = owner.lastIndexOf('.');
        owner = owner.substring(0, last) + "$" + owner.substring(last + 1);
      }
      return new ComponentAddress(owner, method.substring(method.lastIndexOf('.') + 1)).text();
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }

  /** Each spec's command line naming a generated entrypoint class now names the shared entrypoint and the address. */
  private static void rewriteSpecs(Path copy, Map<String, String> addresses) throws IOException {
    if (!Files.isDirectory(copy.resolve(ResourceLayout.ROOT))) {
      return;
    }
    List<Path> specs;
    try (Stream<Path> walk = Files.walk(copy.resolve(ResourceLayout.ROOT))) {
      specs = walk.filter(file -> file.getFileName().toString().equals(ResourceLayout.PIPELINE_SPEC)).toList();
    }
    for (Path spec : specs) {
      StringBuilder text = new StringBuilder();
      for (String line : Files.readAllLines(spec, StandardCharsets.UTF_8)) {
        String word = line.strip();
        String className = word.startsWith("- \"") && word.endsWith("\"") ? word.substring(3, word.length() - 1) : "";
        if (addresses.containsKey(className)) {
          String indent = line.substring(0, line.indexOf('-'));
          text.append(indent).append("- \"").append(ComponentAddress.SHARED_ENTRYPOINT).append("\"\n");
          text.append(indent).append("- \"").append(addresses.get(className)).append("\"\n");
        } else {
          text.append(line).append('\n');
        }
      }
      Files.writeString(spec, text, StandardCharsets.UTF_8);
    }
  }
}
