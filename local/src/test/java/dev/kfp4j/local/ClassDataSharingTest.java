package dev.kfp4j.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.local.exec.Classpath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Task JVMs record and then share an AppCDS archive, also on a classpath of directories (as after
 * {@code mvn compile}); an archive the JVM cannot use is reported in the task log and recorded again.
 */
class ClassDataSharingTest {

  @TempDir
  Path work;

  @Test
  void onAClasspathWithDirectoriesTheFirstTaskJvmRecordsTheArchiveAndLaterOnesMapIt() throws IOException {
    assertTrue(Classpath.current().expanded().stream().anyMatch(Files::isDirectory), "the test classpath has directories");
    Path a = work.resolve("a");
    RunResult first = Runners.subprocess(a).parallelism(1).build().run("calculate-average", Map.of("numbers", List.of(1, 2, 3)));
    assertEquals(2.0, first.output("Output", Double.class));
    Path archive = onlyArchive(a);
    assertTrue(Files.size(archive) > 0);

    // Class loading logged: the task's classes come from the archive ("shared objects file (top)").
    RunResult second = Runners.subprocess(a).noCache(true).jvmOptions(List.of("-Xlog:class+load=info:stdout")).build()
        .run("calculate-average", Map.of("numbers", List.of(1, 2, 3)));
    assertEquals(2.0, second.output("Output", Double.class));
    String log = Files.readString(second.task("add").log());
    assertTrue(log.matches("(?s).*dev\\.kfp4j\\.runtime\\.entrypoint\\.ComponentMain source: shared objects file \\(top\\).*"),
        log.lines().filter(l -> l.contains("ComponentMain")).toList().toString());
    assertFalse(log.contains("[warning][cds"), log);
  }

  @Test
  void anArchiveTheJvmCannotUseIsReportedInTheTaskLogAndRecordedAgain() throws IOException {
    Path a = work.resolve("a");
    Runners.subprocess(a).parallelism(1).build().run("calculate-average", Map.of("numbers", List.of(1, 2, 3)));
    Path archive = onlyArchive(a);
    // An archive recorded for another classpath (one more jar) where this classpath's archive should be.
    List<Path> other = new ArrayList<>(Classpath.current().expanded());
    Path extra = work.resolve("extra.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(extra))) {
      out.putNextEntry(new java.util.jar.JarEntry("extra.txt"));
    }
    other.add(0, extra);
    Path b = work.resolve("b");
    Runners.subprocess(b).parallelism(1).classpath(Classpath.of(other)).build()
        .run("calculate-average", Map.of("numbers", List.of(1, 2, 3)));
    Files.copy(onlyArchive(b), archive, StandardCopyOption.REPLACE_EXISTING);

    RunResult result = Runners.subprocess(a).parallelism(1).noCache(true).build()
        .run("calculate-average", Map.of("numbers", List.of(1, 2, 3)));
    assertEquals(2.0, result.output("Output", Double.class));
    StringBuilder logs = new StringBuilder();
    for (String task : result.tasks().keySet()) {
      logs.append(Files.readString(result.task(task).log()));
    }
    assertTrue(logs.toString().contains("[warning][cds"), logs.toString());
    assertTrue(logs.toString().contains("kfp4j: this task JVM could not use the AppCDS archive"), logs.toString());
    // A later task recorded it again: the file is no longer the other classpath's archive.
    assertTrue(Files.isRegularFile(archive));
    assertFalse(java.util.Arrays.equals(Files.readAllBytes(onlyArchive(b)), Files.readAllBytes(archive)));
  }

  private static Path onlyArchive(Path work) throws IOException {
    try (Stream<Path> files = Files.list(work.resolve("cache/cds"))) {
      List<Path> archives = files.filter(f -> f.toString().endsWith(".jsa")).toList();
      assertEquals(1, archives.size(), archives.toString());
      return archives.get(0);
    }
  }
}
