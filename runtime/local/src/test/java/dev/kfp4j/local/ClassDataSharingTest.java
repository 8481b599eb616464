package dev.kfp4j.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.local.exec.Classpath;
import dev.kfp4j.local.fixtures.Average;
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

/**
 * With an all-jar classpath, task JVMs record and then share an AppCDS archive; runs work the same. Task JVMs
 * run with CDS logging off, so whether a later JVM really mapped the archive is read from its class-loading
 * log ({@code -Xlog:class+load}, given as a task JVM option): a class from the archive's top layer is logged
 * as {@code source: shared objects file (top)}.
 */
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
    Path classLoading = Files.createDirectories(work.resolve("class-loading"));
    RunResult second = Runners.subprocess(work).classpath(jars).noCache(true)
        .jvmOptions(List.of("-Xlog:class+load=info:file=" + classLoading.resolve("task-%p.log")))
        .build().run("calculate-average", Map.of("numbers", List.of(1, 2, 3)));
    assertEquals(2.0, second.output("Output", Double.class));
    assertTrue(!Files.readString(second.task("add").log()).contains("[cds]"), "the archive is used quietly");
    // The first run's add task recorded the archive, so the second run's add task maps its entrypoint class from it.
    String entrypoint = Average.class.getName() + "_AddEntrypoint source: shared objects file (top)";
    List<String> logs = new ArrayList<>();
    try (Stream<Path> files = Files.list(classLoading)) {
      for (Path log : files.toList()) {
        logs.add(Files.readString(log));
      }
    }
    assertEquals(2, logs.size(), "one class-loading log per task JVM");
    assertTrue(logs.stream().anyMatch(log -> log.contains(entrypoint)),
        "no task JVM loaded '" + entrypoint + "'; the archive was not used");
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
