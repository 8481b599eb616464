package dev.kfp4j.local;

import dev.kfp4j.local.run.Logs;
import dev.kfp4j.local.run.RunEvent;
import dev.kfp4j.local.run.TaskState;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Shows a run on a terminal: a line per state change, and on a TTY a live status line with the running
 * tasks and their elapsed time; at the end a summary with each failed task's error line, log path and
 * log tail.
 */
public final class ConsoleProgress implements RunListener {

  private static final int TAIL_LINES = 12;
  private static final int TABLE_LIMIT = 40;

  private final PrintWriter out;
  private final boolean tty;
  private final Map<String, Instant> running = new ConcurrentHashMap<>();
  private final Map<String, TaskState> states = new ConcurrentHashMap<>();
  private final Map<String, Integer> loops = new ConcurrentHashMap<>();
  private Instant start = Instant.now();
  private int width;
  private int total;
  private ScheduledExecutorService ticker;

  /**
   * @param out where to print (the CLI uses stderr, keeping stdout for the pipeline's outputs)
   * @param tty whether {@code out} is a terminal: a live status line instead of plain lines only
   */
  public ConsoleProgress(PrintWriter out, boolean tty) {
    this.out = out;
    this.tty = tty;
  }

  @Override
  public synchronized void started(RunInfo run) {
    start = Instant.now();
    total = run.tasks().size();
    width = Math.min(40, run.tasks().stream().mapToInt(String::length).max().orElse(4));
    out.printf("kfp4j: %s %s as run %s (%d tasks, %s, parallelism %d)%n", run.resumed() ? "resuming" : "running",
        run.pipeline(), run.runId(), total, run.mode(), run.parallelism());
    if (tty) {
      ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "kfp4j-progress");
        thread.setDaemon(true);
        return thread;
      });
      ticker.scheduleAtFixedRate(this::status, 250, 250, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public synchronized void event(RunEvent event) {
    states.put(event.task(), event.state());
    String detail = event.detail();
    if (event.state() == TaskState.RUNNING) {
      running.putIfAbsent(event.task(), event.time());
      if (!detail.isEmpty() && detail.startsWith("attempt")) {
        line(event, "retrying", detail);
        return;
      }
    }
    Instant began = event.state().finished() ? running.remove(event.task()) : null;
    String elapsed = began == null ? "" : " (" + seconds(Duration.between(began, event.time())) + ")";
    boolean showDetail = event.state() == TaskState.FAILED || event.state() == TaskState.SKIPPED
        || event.state() == TaskState.RUNNING;
    line(event, event.state().label() + elapsed, showDetail ? detail : "");
  }

  @Override
  public synchronized void loop(String loop, int iterations) {
    loops.put(loop, iterations);
  }

  /**
   * How a task is shown while it runs: a task of a loop's iteration as its name and its place in each loop around
   * it, outermost first ({@code for-loop-1/3/train} → {@code train[4/16]}); other tasks by their path.
   */
  String display(String task) {
    String[] parts = task.split("/");
    StringBuilder path = new StringBuilder();
    StringBuilder shown = new StringBuilder();
    StringBuilder places = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      String prefix = path.length() == 0 ? parts[i] : path + "/" + parts[i];
      Integer count = loops.get(prefix);
      if (count != null && i + 2 < parts.length && parts[i + 1].chars().allMatch(Character::isDigit)) {
        places.append('[').append(Integer.parseInt(parts[i + 1]) + 1).append('/').append(count).append(']');
        path.setLength(0);
        path.append(prefix).append('/').append(parts[i + 1]);
        i++;
        continue;
      }
      path.setLength(0);
      path.append(prefix);
      shown.append(shown.length() == 0 ? "" : "/").append(parts[i]);
    }
    return places.length() == 0 ? task : shown + places.toString();
  }

  @Override
  public synchronized void warning(String message) {
    clearStatus();
    out.println("kfp4j: warning: " + message);
    out.flush();
  }

  private void line(RunEvent event, String what, String detail) {
    clearStatus();
    out.printf("  [%7s] %-" + width + "s  %s%s%n", seconds(Duration.between(start, event.time())), display(event.task()), what,
        detail.isEmpty() ? "" : "  " + detail);
  }

  private synchronized void status() {
    if (running.isEmpty()) {
      return;
    }
    Instant now = Instant.now();
    long done = states.values().stream().filter(TaskState::finished).count();
    String tasks = running.entrySet().stream().sorted(Map.Entry.comparingByKey()).limit(4)
        .map(e -> display(e.getKey()) + " " + seconds(Duration.between(e.getValue(), now))).collect(Collectors.joining(", "));
    String more = running.size() > 4 ? " +" + (running.size() - 4) : "";
    long pending = total - done - running.size();
    out.print("\r\033[K  " + done + "/" + total + " done · " + pending + " pending · running: " + tasks + more);
    out.flush();
  }

  private void clearStatus() {
    if (tty) {
      out.print("\r\033[K");
    }
  }

  @Override
  public synchronized void finished(RunResult result) {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    clearStatus();
    Map<TaskState, Integer> counts = new EnumMap<>(TaskState.class);
    result.tasks().values().forEach(task -> counts.merge(task.state(), 1, Integer::sum));
    String summary = counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().label())
        .collect(Collectors.joining(", "));
    out.printf("%nrun %s %s in %s: %s%n", result.runId(), result.state().name().toLowerCase(Locale.ROOT),
        seconds(result.elapsed()), summary);
    if (result.tasks().size() <= TABLE_LIMIT) {
      for (TaskResult task : new TreeMap<>(result.tasks()).values()) {
        String note = task.reused() ? "  (earlier attempt)" : task.attempts() > 1 ? "  (" + task.attempts() + " attempts)" : "";
        out.printf("  %-" + width + "s  %-9s %7s%s%n", task.task(), task.state().label(),
            task.elapsed().map(ConsoleProgress::seconds).orElse(""), note);
      }
    }
    for (TaskResult task : result.failed()) {
      out.printf("%nfailed: %s%n  error: %s%n  log:   %s%n", task.task(),
          task.error().orElse("exit code " + task.exitCode()), task.log());
      List<String> tail = Logs.tail(task.log(), TAIL_LINES);
      tail.forEach(line -> out.println("  | " + line));
    }
    if (!result.info().ignoredLocally().isEmpty()) {
      out.printf("%nignored locally (no meaning on one machine; honoured by Argo and Kubeflow Pipelines):%n");
      result.info().ignoredLocally().forEach(line -> out.println("  " + line));
    }
    long skipped = counts.getOrDefault(TaskState.SKIPPED, 0);
    if (skipped > 0) {
      out.printf("%n%d task(s) skipped because a task they depend on failed%n", skipped);
    }
    if (result.state() != RunResult.State.SUCCEEDED) {
      out.printf("%nresume with: kfp4j run --resume %s%n", result.runId());
    }
    out.printf("%nrun folder: %s%nvalues:     %s%ncontexts:   %s%nlogs:       %s%n", result.directory(),
        result.info().root(), result.directory().resolve("contexts"), result.directory().resolve("logs"));
    out.flush();
  }

  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.2fs", duration.toNanos() / 1e9);
  }
}
