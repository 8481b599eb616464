package dev.kfp4j.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With an all-jar classpath, task JVMs record and then share an AppCDS archive; runs work the same. */
class ClassDataSharingTest {

  @TempDir
  Path work;

  @Test
  void firstTaskJvmRecordsTheArchiveLaterOnesUseIt() throws IOException {
    Classpath jars = Classpath.of(jarred(Classpath.current().expanded()));
    LocalRunner runner = Runners.subprocess(work).classpath(jars).parallelism(1).build();
    assertEquals(2.0, runner.run("calculate-average", Map.of("numbers", List.of(1, 2, 3))).output("Output", Double.class));
    List<Path> archives;
    try (Stream<Path> files = Files.list(work.resolve("cache/cds"))) {
      archives = files.toList();
    }
    assertEquals(1, archives.size(), archives.toString());
    assertTrue(archives.get(0).toString().endsWith(".jsa") && Files.size(archives.get(0)) > 0);
    RunResult second = Runners.subprocess(work).classpath(jars).noCache(true).build()
        .run("calculate-average", Map.of("numbers", List.of(1, 2, 3)));
    assertEquals(2.0, second.output("Output", Double.class));
    assertTrue(!Files.readString(second.task("add").log()).contains("[cds]"), "the archive is used quietly");
  }

  /** The classpath with each directory packed into a jar, as in a packaged application. */
  private List<Path> jarred(List<Path> entries) throws IOException {
    List<Path> jars = new ArrayList<>();
    for (Path entry : entries) {
      if (!Files.isDirectory(entry)) {
        jars.add(entry);
        continue;
      }
      Path jar = work.resolve("jars").resolve(jars.size() + ".jar");
      Files.createDirectories(jar.getParent());
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(entry)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          out.putNextEntry(new JarEntry(entry.relativize(file).toString().replace('\\', '/')));
          Files.copy(file, out);
          out.closeEntry();
        }
      }
      jars.add(jar);
    }
    return jars;
  }
}
