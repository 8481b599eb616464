package dev.kfp4j.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No module's main code has a package cycle: the packages of each module, linked by the {@code dev.kfp4j} types
 * their sources name (imports and qualified names, comments and strings left out), form a graph without cycles.
 */
class PackageCyclesTest {

  private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
  private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
  /** A qualified reference to a type (or every type, {@code .*}) of a kfp4j package: lower-case segments, then a class. */
  private static final Pattern REFERENCE = Pattern.compile("\\b(dev\\.kfp4j(?:\\.[a-z_]\\w*)+)\\s*\\.\\s*(?:[A-Z]|\\*)");
  private static final Pattern COMMENT_OR_TEXT = Pattern.compile(
      "/\\*.*?\\*/|//[^\\n]*|\"\"\".*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])+'", Pattern.DOTALL);

  @ParameterizedTest
  @ValueSource(strings = {"annotations", "wire", "processor", "runtime", "storage-s3", "local",
      "cli", "cluster/argo", "cluster/kfp-client", "maven-plugin"})
  void packagesOfAModuleFormNoCycle(String module) {
    Map<String, Set<String>> graph = packageGraph(ROOT.resolve(module).resolve("src/main/java"));
    assertTrue(graph.size() > 0, "no packages read under " + module);
    List<String> cycle = findCycle(graph);
    assertTrue(cycle.isEmpty(), module + " has a package cycle: " + String.join(" -> ", cycle)
        + "; move the type the lower package needs down, or hand it what it needs");
  }

  @Test
  void aCycleIsFound() {
    Map<String, Set<String>> graph = new TreeMap<>();
    graph.put("a", new TreeSet<>(Set.of("b")));
    graph.put("b", new TreeSet<>(Set.of("c")));
    graph.put("c", new TreeSet<>(Set.of("a")));
    graph.put("d", new TreeSet<>(Set.of("a")));
    assertEquals(List.of("a", "b", "c", "a"), findCycle(graph));
    graph.get("c").clear();
    assertEquals(List.of(), findCycle(graph));
  }

  @Test
  void referencesInCommentsAndTextDoNotCount(@org.junit.jupiter.api.io.TempDir Path sources) throws IOException {
    write(sources.resolve("dev/kfp4j/x/A.java"), """
        package dev.kfp4j.x;

        import dev.kfp4j.x.y.B; // dev.kfp4j.z.C in a comment
        /** {@link dev.kfp4j.z.C} */
        class A { String s = "dev.kfp4j.z.C"; dev.kfp4j.w.D d; }
        """);
    write(sources.resolve("dev/kfp4j/x/y/B.java"), "package dev.kfp4j.x.y;\nclass B {}\n");
    write(sources.resolve("dev/kfp4j/z/C.java"), "package dev.kfp4j.z;\nclass C {}\n");
    write(sources.resolve("dev/kfp4j/w/D.java"), "package dev.kfp4j.w;\nimport dev.kfp4j.x.*;\nclass D {}\n");
    Map<String, Set<String>> graph = packageGraph(sources);
    assertEquals(Set.of("dev.kfp4j.x.y", "dev.kfp4j.w"), graph.get("dev.kfp4j.x"));
    assertEquals(List.of("dev.kfp4j.w", "dev.kfp4j.x", "dev.kfp4j.w"), findCycle(graph));
  }

  /** Package → the other packages of the same source tree its files name. */
  static Map<String, Set<String>> packageGraph(Path sources) {
    Map<String, String> textByFile = new TreeMap<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        textByFile.put(file.toString(), COMMENT_OR_TEXT.matcher(Files.readString(file, StandardCharsets.UTF_8))
            .replaceAll(" "));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Set<String>> graph = new TreeMap<>();
    Map<String, String> packageOf = new HashMap<>();
    textByFile.forEach((file, text) -> {
      Matcher name = PACKAGE.matcher(text);
      if (name.find()) {
        packageOf.put(file, name.group(1));
        graph.put(name.group(1), new TreeSet<>());
      }
    });
    textByFile.forEach((file, text) -> {
      String from = packageOf.get(file);
      Matcher reference = REFERENCE.matcher(text);
      while (from != null && reference.find()) {
        String to = reference.group(1);
        if (!to.equals(from) && graph.containsKey(to)) {
          graph.get(from).add(to);
        }
      }
    });
    return graph;
  }

  /** A cycle of {@code graph} as a path that ends where it starts, or an empty list; depth first, in name order. */
  static List<String> findCycle(Map<String, Set<String>> graph) {
    Map<String, Integer> state = new HashMap<>(); // 1: on the current path, 2: done
    for (String start : graph.keySet()) {
      Deque<String> path = new ArrayDeque<>();
      List<String> cycle = visit(start, graph, state, path);
      if (!cycle.isEmpty()) {
        return cycle;
      }
    }
    return List.of();
  }

  private static List<String> visit(String node, Map<String, Set<String>> graph, Map<String, Integer> state,
      Deque<String> path) {
    Integer seen = state.get(node);
    if (seen != null && seen == 2) {
      return List.of();
    }
    if (seen != null) {
      List<String> onPath = new ArrayList<>(path);
      List<String> cycle = new ArrayList<>(onPath.subList(onPath.indexOf(node), onPath.size()));
      cycle.add(node);
      return cycle;
    }
    state.put(node, 1);
    path.addLast(node);
    for (String next : graph.getOrDefault(node, Set.of())) {
      List<String> cycle = visit(next, graph, state, path);
      if (!cycle.isEmpty()) {
        return cycle;
      }
    }
    path.removeLast();
    state.put(node, 2);
    return List.of();
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
