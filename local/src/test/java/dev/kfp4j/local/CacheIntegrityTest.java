package dev.kfp4j.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.local.exec.Classpath;
import dev.kfp4j.local.run.TaskState;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cache entry returns only what a successful execution stored: each output is checked against the
 * digest recorded with it, a damaged entry is a miss with one warning and is repaired, and the key
 * covers the code the component runs, helpers included.
 */
class CacheIntegrityTest {

  @TempDir Path work;
  private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

  private LocalRunner runner() {
    return Runners.inProcess(work).listener(new RunListener() {
      @Override
      public void warning(String message) {
        warnings.add(message);
      }
    }).build();
  }

  /** The folder of the cache entry that task {@code task} stored. */
  private Path entryOf(String task) throws IOException {
    try (Stream<Path> files = Files.walk(work.resolve("cache"))) {
      for (Path meta : files.filter(p -> p.getFileName().toString().equals("entry.json")).toList()) {
        if (Files.readString(meta).contains("\"task\":\"" + task + "\"")) {
          return meta.getParent();
        }
      }
    }
    throw new AssertionError("no cache entry for task " + task);
  }

  private void assertRecomputedAndRepaired(Path entry) throws IOException {
    RunResult second = runner().run("calculate-average", Map.of("numbers", List.of(2, 4)));
    assertEquals(TaskState.SUCCEEDED, second.task("add").state(), "a damaged entry is a miss");
    assertEquals(3.0, second.output("Output", Double.class));
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).startsWith("task 'add': cache entry "), warnings.get(0));
    assertEquals("6", Files.readString(entry.resolve("outputs/Output.json")).trim(), "the entry is repaired");

    RunResult third = runner().run("calculate-average", Map.of("numbers", List.of(2, 4)));
    assertEquals(TaskState.CACHED, third.task("add").state(), "the repaired entry is used again");
    assertEquals(1, warnings.size(), warnings.toString());
  }

  @Test
  void aHandEditedValueIsNotUsed() throws IOException {
    runner().run("calculate-average", Map.of("numbers", List.of(2, 4)));
    Path entry = entryOf("add");
    Files.writeString(entry.resolve("outputs/Output.json"), "12345");
    assertRecomputedAndRepaired(entry);
    assertTrue(warnings.get(0).contains("does not match the digest"), warnings.get(0));
  }

  @Test
  void anEntryHoldingNoJsonIsAMissNotACrash() throws IOException {
    runner().run("calculate-average", Map.of("numbers", List.of(2, 4)));
    Path entry = entryOf("add");
    Files.writeString(entry.resolve("outputs/Output.json"), "not json {");
    assertRecomputedAndRepaired(entry);
  }

  @Test
  void anEntryWhoseOutputFileIsMissingIsRepaired() throws IOException {
    runner().run("calculate-average", Map.of("numbers", List.of(2, 4)));
    Path entry = entryOf("add");
    Files.delete(entry.resolve("outputs/Output.json"));
    assertRecomputedAndRepaired(entry);
    assertTrue(warnings.get(0).contains("its output 'Output' is missing"), warnings.get(0));
  }

  @Test
  void anUnreadableEntryRecordIsRepaired() throws IOException {
    runner().run("calculate-average", Map.of("numbers", List.of(2, 4)));
    Path entry = entryOf("add");
    Files.writeString(entry.resolve("entry.json"), "{\"outputs\":[\"Output\"],");
    assertRecomputedAndRepaired(entry);
  }

  @Test
  void changingAHelperOfTheComponentIsAMiss() throws Exception {
    Path sources = Files.createDirectories(work.resolve("src/com/acme"));
    Path classes = Files.createDirectories(work.resolve("classes"));
    Files.writeString(sources.resolve("Calc.java"), """
        package com.acme;
        import dev.kfp4j.annotations.Component;
        import dev.kfp4j.annotations.Pipeline;
        public final class Calc {
          @Component public static int calc(int x) { return Helper.f(x); }
          @Pipeline(name = "calc") public static int pipeline(int x) { return calc(x); }
        }
        """);
    writeHelper(sources, "x + 1");
    compile(classes, sources.resolve("Calc.java"), sources.resolve("Helper.java"));

    assertEquals(TaskState.SUCCEEDED, run(classes).task("calc").state());
    RunResult cached = run(classes);
    assertEquals(TaskState.CACHED, cached.task("calc").state());
    assertEquals(2, cached.output("Output", Integer.class));

    writeHelper(sources, "x + 100");
    compile(classes, sources.resolve("Helper.java"));
    RunResult changed = run(classes);
    assertEquals(TaskState.SUCCEEDED, changed.task("calc").state(), "the helper changed: the cached value is stale");
    assertEquals(101, changed.output("Output", Integer.class));
  }

  private RunResult run(Path classes) {
    List<Path> entries = new ArrayList<>(List.of(classes));
    entries.addAll(Classpath.current().entries());
    return Runners.inProcess(work).classpath(Classpath.of(entries)).build().run("calc", Map.of("x", 1));
  }

  private static void writeHelper(Path sources, String body) throws IOException {
    Files.writeString(sources.resolve("Helper.java"), "package com.acme;\npublic final class Helper {\n"
        + "  public static int f(int x) { return " + body + "; }\n}\n");
  }

  /** javac with the kfp4j processor (found on this test's classpath), as a user's build runs it. */
  private static void compile(Path classes, Path... sources) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
        classes + File.pathSeparator + System.getProperty("java.class.path"), "-proc:full", "-Xlint:none"));
    for (Path source : sources) {
      args.add(source.toString());
    }
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int code = javac.run(null, null, err, args.toArray(String[]::new));
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
  }
}
