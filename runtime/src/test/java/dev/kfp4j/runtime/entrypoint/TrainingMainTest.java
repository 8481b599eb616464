package dev.kfp4j.runtime.entrypoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.runtime.entrypoint.shared.Adder_AddEntrypoint;
import dev.kfp4j.wire.ComponentAddress;
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

/**
 * The training run of a component image's start-up archive: the sample runs (as a generated entrypoint and through
 * the shared entrypoint), entrypoints are found and loaded, components are found by their descriptors and loaded as
 * the shared entrypoint loads them.
 */
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
    assertEquals(0, run("--scan", jar.toString()), err.toString(StandardCharsets.UTF_8));
  }

  private static final String DESCRIPTORS = "META-INF/kfp4j/components/";
  private static final String CASES = "dev.kfp4j.runtime.entrypoint.shared.SharedCases";

  /** A jar with these entries of the test classes (classes and descriptors), as a project's jar holds them. */
  private Path jar(String name, String... entries) throws Exception {
    Path jar = dir.resolve(name);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (String entry : entries) {
        out.putNextEntry(new JarEntry(entry));
        out.write(Files.readAllBytes(testClasses().resolve(entry)));
      }
    }
    return jar;
  }

  @Test
  void aScanFindsTheComponentsOfAFolderOrAJarByTheirDescriptors() throws Exception {
    Path jar = jar("components.jar", "dev/kfp4j/runtime/entrypoint/shared/Adder.class",
        DESCRIPTORS + "dev.kfp4j.runtime.entrypoint.shared.Adder.add.component",
        DESCRIPTORS + CASES + ".Inner.twice.component", DESCRIPTORS + CASES + ".chosen.component");
    List<ComponentAddress> expected = List.of(ComponentAddress.parse("dev.kfp4j.runtime.entrypoint.shared.Adder#add")
        .orElseThrow(), ComponentAddress.parse(CASES + "$Inner#twice").orElseThrow(),
        ComponentAddress.parse(CASES + "#chosen").orElseThrow());
    assertEquals(expected, TrainingMain.components(jar));
    assertEquals(0, run("--scan", jar.toString()), err.toString(StandardCharsets.UTF_8));
    assertEquals("", err.toString(StandardCharsets.UTF_8));

    Path folder = dir.resolve("classes");
    for (String descriptor : List.of("dev.kfp4j.runtime.entrypoint.shared.Adder.add.component",
        CASES + ".Inner.twice.component", CASES + ".chosen.component")) {
      Files.createDirectories(folder.resolve(DESCRIPTORS));
      Files.copy(testClasses().resolve(DESCRIPTORS + descriptor), folder.resolve(DESCRIPTORS + descriptor));
    }
    assertEquals(expected, TrainingMain.components(folder));
    assertEquals(List.of(), TrainingMain.components(Files.createDirectories(dir.resolve("no-descriptors"))));
  }

  @Test
  void aComponentWithItsGeneratedEntrypointIsTrainedThroughThat() throws Exception {
    // Generated mode: the entrypoint is in the jar, so the (here stale) descriptor is not loaded the shared way.
    String adder = "dev.kfp4j.runtime.entrypoint.shared.Adder";
    assertEquals(Adder_AddEntrypoint.class.getName(),
        TrainingMain.entrypointName(ComponentAddress.parse(adder + "#add").orElseThrow()));
    assertEquals(CASES + "_Inner_TwiceEntrypoint",
        TrainingMain.entrypointName(ComponentAddress.parse(CASES + "$Inner#twice").orElseThrow()));
    Path jar = dir.resolve("generated.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      String entry = Adder_AddEntrypoint.class.getName().replace('.', '/') + ".class";
      out.putNextEntry(new JarEntry(entry));
      out.write(Files.readAllBytes(testClasses().resolve(entry)));
      out.putNextEntry(new JarEntry(DESCRIPTORS + adder + ".add.component"));
      out.write("# kfp4j component descriptor\nformat=1\nname=add\nmethod=add\ninput=numbers\n"
          .getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(0, run("--scan", jar.toString()), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aComponentTheSharedEntrypointCannotLoadFailsTheTraining() throws Exception {
    assertEquals(1, run("--scan", jar("stale.jar", DESCRIPTORS + CASES + ".count.component").toString()));
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("kfp4j: training: cannot load component " + CASES
        + "#count as the shared entrypoint does: component " + CASES + "#count: its descriptor"),
        err.toString(StandardCharsets.UTF_8));
    err.reset();
    assertEquals(1, run("--scan", jar("future.jar", DESCRIPTORS + CASES + ".future.component").toString()));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains(CASES + ".future.component in "), err.toString(
        StandardCharsets.UTF_8));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("is not a component descriptor this kfp4j version reads"),
        err.toString(StandardCharsets.UTF_8));
    err.reset();
    Path missing = dir.resolve("missing.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(missing))) {
      out.putNextEntry(new JarEntry(DESCRIPTORS + "com.acme.Gone.add.component"));
      out.write("# kfp4j component descriptor\nformat=1\nname=add\nmethod=add\noutput=Output\n"
          .getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(1, run("--scan", missing.toString()));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("the class of " + DESCRIPTORS
        + "com.acme.Gone.add.component in " + missing + ", com.acme.Gone, is not on the classpath"),
        err.toString(StandardCharsets.UTF_8));
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
