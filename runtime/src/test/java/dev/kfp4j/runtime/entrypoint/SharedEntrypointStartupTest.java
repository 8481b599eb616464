package dev.kfp4j.runtime.entrypoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.runtime.entrypoint.shared.Adder_AddEntrypoint;
import dev.kfp4j.wire.ComponentAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared entrypoint's start-up path loads no machinery a generated entrypoint avoids: the same component
 * ({@code shared/Adder}) runs in two child JVMs, once through its entrypoint as the processor generates it and once
 * through {@code SharedEntrypoint OWNER#add}, each with {@code -Xlog:class+load}. The classes only the shared run
 * loads must include no method-handle or lambda machinery ({@code java.lang.invoke}: an invokedynamic bootstrap from
 * a lambda or a {@code +} concatenation), no regular expression, no service lookup, no proxy class (an annotation
 * read), no stream; and stay few (reflection and the descriptor). Compared with the generated run's list rather
 * than with a fixed one, so that a JDK that loads more at boot does not matter (on JDK 18+ both runs use native
 * reflection accessors, as Method.invoke's method-handle accessors there are the JDK's cost). No timing assertion:
 * what it costs in time is in docs/benchmarks-entrypoint.md.
 */
class SharedEntrypointStartupTest {

  /** Class-name fragments that show a bootstrap, a pattern compile, a service lookup, a proxy or a stream. */
  private static final List<String> FORBIDDEN = List.of("java.lang.invoke.", "Lambda", "java.util.regex.",
      "java.util.ServiceLoader", "jdk.proxy", "com.sun.proxy", "java.lang.reflect.Proxy", "sun.reflect.annotation.",
      "java.util.stream.", "sun.invoke.");

  /** More than this many classes beyond the generated run's would be a start-up cost worth a look. */
  private static final int MAX_EXTRA = 60;

  @TempDir Path dir;

  @Test
  void theSharedPathLoadsNothingTheGeneratedOneAvoids() throws Exception {
    Path root = Files.createDirectories(dir.resolve("run"));
    Files.writeString(root.resolve("numbers.json"), "[1,2,3]");
    String context = "{\"runId\":\"r1\",\"root\":\"" + root.toUri() + "\",\"values\":{\"up.numbers\":\""
        + root.toUri() + "numbers.json\"}}";
    Set<String> generated = classesLoaded("generated", root, List.of(Adder_AddEntrypoint.class.getName(), context,
        "--input", "numbers=up.numbers"));
    String generatedContext = Files.readString(dir.resolve("generated.json"));
    assertEquals("6", Files.readString(root.resolve("add/Output.json")));
    Files.delete(root.resolve("add/Output.json"));
    Files.delete(root.resolve("add"));
    Set<String> shared = classesLoaded("shared", root, List.of(ComponentAddress.SHARED_ENTRYPOINT,
        "dev.kfp4j.runtime.entrypoint.shared.Adder#add", context, "--input", "numbers=up.numbers"));
    assertEquals(generatedContext, Files.readString(dir.resolve("shared.json")), "the same output context");
    assertEquals("6", Files.readString(root.resolve("add/Output.json")));

    assertTrue(generated.contains(Adder_AddEntrypoint.class.getName()), "the log lists the classes: " + generated);
    assertTrue(shared.contains("dev.kfp4j.runtime.entrypoint.SharedEntrypoint"), "the log lists the classes");
    Set<String> extra = new TreeSet<>(shared);
    extra.removeAll(generated);
    List<String> forbidden = new ArrayList<>();
    for (String name : extra) {
      for (String fragment : FORBIDDEN) {
        if (name.contains(fragment)) {
          forbidden.add(name);
        }
      }
    }
    assertEquals(List.of(), forbidden, "classes only the shared entrypoint loads: " + extra);
    assertTrue(extra.size() <= MAX_EXTRA, extra.size() + " classes more than the generated entrypoint: " + extra);
  }

  /** Runs {@code command} (main class and arguments) in a child JVM; the names of the classes it loaded. */
  private Set<String> classesLoaded(String name, Path root, List<String> command) throws IOException,
      InterruptedException {
    Path log = dir.resolve(name + ".log");
    List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xlog:class+load=info:file=" + log,
        "-cp", System.getProperty("java.class.path")));
    if (Runtime.version().feature() >= 18) {
      // JDK 18+ calls Method.invoke through method handles (JEP 416): lambda forms that are the JDK's cost of
      // reflection, not kfp4j's (measured in docs/benchmarks-entrypoint.md); native accessors keep this check on
      // what the shared entrypoint itself loads.
      java.add("-Djdk.reflect.useNativeAccessorOnly=true");
    }
    java.addAll(command);
    java.add("--output-context");
    java.add(dir.resolve(name + ".json").toString());
    ProcessBuilder builder = new ProcessBuilder(java).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".out").toFile());
    builder.environment().put(ComponentMain.ROOTS_ENV, root.toUri().toString());
    builder.environment().remove(ComponentMain.STACK_TRACE_ENV);
    Process process = builder.start();
    assertTrue(process.waitFor(2, TimeUnit.MINUTES), name + " did not finish");
    assertEquals(0, process.exitValue(), Files.readString(dir.resolve(name + ".out")));
    Set<String> classes = new TreeSet<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      // [0.012s][info][class,load] java.lang.Object source: shared objects file
      int tag = line.indexOf("] ", line.indexOf("[class,load"));
      if (tag > 0) {
        String rest = line.substring(tag + 2);
        int space = rest.indexOf(' ');
        String loaded = space < 0 ? rest : rest.substring(0, space);
        // A hidden class's name ends with its address (Foo$$Lambda/0x…), which differs between two JVMs.
        int slash = loaded.indexOf("/0x");
        classes.add(slash < 0 ? loaded : loaded.substring(0, slash));
      }
    }
    return classes;
  }
}
