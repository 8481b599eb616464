package dev.kfp4j.cli;

import dev.kfp4j.local.run.RunDirectory;
import dev.kfp4j.local.run.RunRecord;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code kfp4j runs}: past local runs. */
@Command(mixinStandardHelpOptions = true, name = "runs", description = "Lists the local runs in the work folder, newest first.")
public final class RunsCommand implements Callable<Integer>, Kfp4jCommand {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  CommonOptions common;

  @Override
  public int order() {
    return 30;
  }

  @Override
  public Integer call() {
    List<RunRecord> runs = RunDirectory.list(common.runsDirectory());
    PrintWriter out = spec.commandLine().getOut();
    if (runs.isEmpty()) {
      out.println("No runs under " + common.runsDirectory() + " (start one with kfp4j run).");
    } else {
      int width = runs.stream().mapToInt(run -> run.runId().length()).max().orElse(6);
      out.printf("%-" + width + "s  %-10s  %-20s  %8s  %s%n", "RUN ID", "STATE", "STARTED", "TOOK", "TASKS");
      for (RunRecord run : runs) {
        out.printf("%-" + width + "s  %-10s  %-20s  %8s  %s%n", run.runId(), state(run),
            run.startedAt() == null ? "" : run.startedAt().substring(0, Math.min(19, run.startedAt().length())).replace('T', ' '),
            took(run), tasks(run));
      }
    }
    out.flush();
    return Kfp4jExitCodes.OK;
  }

  /** A run still marked running whose runner process is gone was killed hard. */
  static String state(RunRecord run) {
    if ("running".equals(run.state()) && (run.pid() == null || ProcessHandle.of(run.pid()).map(p -> !p.isAlive()).orElse(true))) {
      return "died";
    }
    return run.state();
  }

  /** How long the run's latest attempt took (a resumed run: its latest resume, not the time since its first start). */
  static String took(RunRecord run) {
    if (run.latestStart() == null || run.endedAt() == null) {
      return "";
    }
    Duration took = Duration.between(Instant.parse(run.latestStart()), Instant.parse(run.endedAt()));
    return String.format(Locale.ROOT, "%.1fs", took.toMillis() / 1000.0);
  }

  private static String tasks(RunRecord run) {
    if (run.tasks() == null || run.tasks().isEmpty()) {
      return "";
    }
    long done = run.tasks().values().stream().filter(t -> t.state().equals("succeeded") || t.state().equals("cached")).count();
    long failed = run.tasks().values().stream().filter(t -> t.state().equals("failed")).count();
    return done + "/" + run.tasks().size() + " done" + (failed > 0 ? ", " + failed + " failed" : "");
  }
}
