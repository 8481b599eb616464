package dev.kfp4j.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs started at the same time in the same work folder get their own folders and share the cache safely. */
class ConcurrentRunsTest {

  @TempDir
  Path work;

  @Test
  void concurrentRunsDoNotInterfere() throws Exception {
    List<List<Integer>> inputs = List.of(List.of(1, 2, 3), List.of(2, 4), List.of(1, 2, 3), List.of(5), List.of(2, 4));
    List<Double> expected = List.of(2.0, 3.0, 2.0, 5.0, 3.0);
    ExecutorService pool = Executors.newFixedThreadPool(inputs.size());
    try {
      List<Future<RunResult>> futures = new ArrayList<>();
      for (List<Integer> numbers : inputs) {
        Callable<RunResult> run = () -> Runners.inProcess(work).build().run("calculate-average", Map.of("numbers", numbers));
        futures.add(pool.submit(run));
      }
      List<RunResult> results = new ArrayList<>();
      for (Future<RunResult> future : futures) {
        results.add(future.get());
      }
      for (int i = 0; i < results.size(); i++) {
        assertEquals(expected.get(i), results.get(i).output("Output", Double.class), results.get(i).toString());
      }
      assertEquals(inputs.size(), new HashSet<>(results.stream().map(RunResult::runId).toList()).size());
    } finally {
      pool.shutdownNow();
    }
    try (Stream<Path> files = Files.walk(work)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".partial")), "no temporary files left");
    }
    Path tmp = work.resolve("cache/tmp");
    assertTrue(!Files.exists(tmp) || tmp.toFile().list().length == 0, "no half-stored cache entries");
  }
}
