package dev.kfp4j.cluster.argo;

import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Streams every step's log while a workflow is watched ({@code --logs}): a step's log is followed
 * from the moment its pod runs, each line prefixed with the step's name.
 */
public final class LogFollower implements WorkflowListener, AutoCloseable {

  private final PodLogs logs;
  private final PrintWriter out;
  private final Set<String> started = new HashSet<>();
  private final List<LogWatch> watches = new ArrayList<>();
  private final List<LinePrefixer> streams = new ArrayList<>();

  /** Follows logs through {@code logs}, printing to {@code out}. */
  public LogFollower(PodLogs logs, PrintWriter out) {
    this.logs = logs;
    this.out = out;
  }

  @Override
  public synchronized void onNode(WorkflowRun run, NodeRun node, Optional<String> previousPhase) {
    if (!node.isPod() || node.phase().equals("Pending") || !started.add(node.id())) {
      return;
    }
    String pod = logs.podName(run, node);
    LinePrefixer stream = new LinePrefixer(out, "[" + node.displayName() + "] ");
    streams.add(stream);
    watches.add(logs.follow(run.namespace(), pod, stream));
  }

  /**
   * Waits up to {@code grace} for the followed logs to reach their end (the pods have finished when
   * the workflow has), then stops following.
   */
  public void finish(Duration grace) {
    List<LogWatch> open;
    synchronized (this) {
      open = List.copyOf(watches);
    }
    long deadline = System.nanoTime() + grace.toNanos();
    for (LogWatch watch : open) {
      try {
        watch.onClose().toCompletableFuture().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException | ExecutionException e) {
        out.println("(log stream ended early: " + e.getClass().getSimpleName() + ")");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    close();
  }

  @Override
  public synchronized void close() {
    watches.forEach(LogWatch::close);
    watches.clear();
    streams.forEach(LinePrefixer::close); // a last line without a newline
    streams.clear();
    out.flush();
  }

  /** Writes whole lines to {@code out}, each with a prefix; keeps a partial line until it ends. */
  static final class LinePrefixer extends OutputStream {
    private final PrintWriter out;
    private final String prefix;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LinePrefixer(PrintWriter out, String prefix) {
      this.out = out;
      this.prefix = prefix;
    }

    @Override
    public synchronized void write(int b) {
      if (b == '\n') {
        emit();
      } else {
        line.write(b);
      }
    }

    @Override
    public synchronized void close() {
      if (line.size() > 0) {
        emit();
      }
    }

    private void emit() {
      synchronized (out) {
        out.println(prefix + line.toString(StandardCharsets.UTF_8));
        out.flush();
      }
      line.reset();
    }
  }

}
