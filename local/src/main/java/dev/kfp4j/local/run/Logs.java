package dev.kfp4j.local.run;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads task logs: the error line of a failed attempt, and the tail shown in the summary. */
public final class Logs {

  /** How the runner's line before each attempt's output starts. */
  public static final String HEADER = "=== kfp4j: task ";
  private static final int MAX_READ = 64 * 1024;

  private Logs() {}

  /**
   * The line that says why an attempt failed: the last {@code kfp4j:} line the entrypoint wrote (it is
   * one line naming what and where), else the last non-blank line, in the output of the last attempt.
   */
  public static Optional<String> errorLine(Path log) {
    List<String> lines = read(log);
    int start = 0;
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).startsWith(HEADER)) {
        start = i + 1;
        break;
      }
    }
    lines = lines.subList(start, lines.size());
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).startsWith("kfp4j: ")) {
        return Optional.of(lines.get(i));
      }
    }
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (!lines.get(i).isBlank()) {
        return Optional.of(lines.get(i).strip());
      }
    }
    return Optional.empty();
  }

  /** Appends one line of the runner's own to a task's log (a timeout, say). */
  static void append(Path log, String line) throws java.io.IOException {
    java.nio.file.Files.writeString(log, line + "\n", java.nio.charset.StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
  }

  /** The last {@code count} lines of a log. */
  public static List<String> tail(Path log, int count) {
    List<String> lines = read(log);
    return lines.subList(Math.max(0, lines.size() - count), lines.size());
  }

  /** The lines of the log's last {@code MAX_READ} bytes (a partial first line dropped). */
  private static List<String> read(Path log) {
    if (!Files.isRegularFile(log)) {
      return List.of();
    }
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long start = Math.max(0, file.length() - MAX_READ);
      file.seek(start);
      byte[] bytes = new byte[(int) (file.length() - start)];
      file.readFully(bytes);
      List<String> lines = new ArrayList<>(new String(bytes, StandardCharsets.UTF_8).lines().toList());
      if (start > 0 && !lines.isEmpty()) {
        lines.remove(0); // a partial first line
      }
      return lines;
    } catch (IOException e) {
      return List.of("(log unreadable: " + e.getMessage() + ")");
    }
  }
}
