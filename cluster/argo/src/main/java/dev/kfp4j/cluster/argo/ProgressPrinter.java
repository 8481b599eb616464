package dev.kfp4j.cluster.argo;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Prints a watched workflow's progress, one line per step change:
 * <pre>
 * [add] Running
 * [add] Succeeded in 3.2s
 * [div] Failed in 1.0s: Error (exit code 5)
 * workflow calculate-average-x7k2p Failed in 12.4s: child 'x' failed
 * </pre>
 * Steps are the pod nodes, plus nodes Argo skipped; DAG and retry wrappers only when they fail.
 */
public final class ProgressPrinter implements WorkflowListener {

  private final PrintWriter out;

  /** Prints to {@code out}, flushing each line. */
  public ProgressPrinter(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void onNode(WorkflowRun run, NodeRun node, Optional<String> previousPhase) {
    boolean step = node.isPod() || node.type().equals("Skipped") || node.type().equals("Suspend");
    if (!step && !(node.failed() && !node.id().equals(run.name()))) {
      return;
    }
    StringBuilder line = new StringBuilder("[").append(node.displayName()).append("] ").append(node.phase());
    node.duration().ifPresent(d -> line.append(" in ").append(format(d)));
    if (node.finished() && !node.message().isEmpty()) {
      line.append(": ").append(node.message());
    }
    out.println(line);
    out.flush();
  }

  @Override
  public void onPhase(WorkflowRun run) {
    if (run.phase().isEmpty()) {
      out.println("workflow " + run.name() + " submitted to namespace " + run.namespace());
    } else if (run.finished()) {
      StringBuilder line = new StringBuilder("workflow ").append(run.name()).append(' ').append(run.phase());
      run.duration().ifPresent(d -> line.append(" in ").append(format(d)));
      if (!run.message().isEmpty()) {
        line.append(": ").append(run.message());
      }
      out.println(line);
    } else {
      out.println("workflow " + run.name() + " " + run.phase());
    }
    out.flush();
  }

  /** A duration as people read it: {@code 3.2s}, {@code 4m05s}, {@code 1h02m}. */
  static String format(Duration d) {
    long seconds = d.getSeconds();
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
  }
}
