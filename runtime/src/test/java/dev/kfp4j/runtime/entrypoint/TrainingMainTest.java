package dev.kfp4j.runtime.entrypoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.runtime.entrypoint.shared.Adder_AddEntrypoint;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training run of a component image's start-up archive: the sample runs, entrypoints are found and loaded. */
class TrainingMainTest {

  @TempDir
  Path dir;

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return TrainingMain.run(args, new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static Path testClasses() throws Exception {
    return Path.of(TrainingMainTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  @Test
  void theSampleRunsThroughBothProtocolsAndNamedEntrypointsLoad() {
    assertEquals(0, run(Training_SampleEntrypoint.class.getName()), err.toString(StandardCharsets.UTF_8));
    assertEquals("", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aScanFindsTheEntrypointsOfAFolderOrAJar() throws Exception {
    String name = Training_SampleEntrypoint.class.getName();
    assertEquals(List.of(name, Adder_AddEntrypoint.class.getName()), TrainingMain.scan(testClasses()));
    Path jar = dir.resolve("classes.jar");
    String entry = name.replace('.', '/') + ".class";
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry(entry));
      out.write(Files.readAllBytes(testClasses().resolve(entry)));
      out.putNextEntry(new JarEntry("other/Helper.class"));
    }
    assertEquals(List.of(name), TrainingMain.scan(jar));
    assertEquals(0, run("--scan", testClasses().toString()), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aMissingEntrypointOrAnUnknownOptionFails() {
    assertEquals(1, run("com.example.Missing_AddEntrypoint"));
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith(
        "kfp4j: training: cannot load entrypoint com.example.Missing_AddEntrypoint"), err.toString(StandardCharsets.UTF_8));
    err.reset();
    assertEquals(1, run("--archive", "x"));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown option '--archive'"), err.toString(StandardCharsets.UTF_8));
  }
}
