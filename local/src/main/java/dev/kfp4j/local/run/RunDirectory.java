package dev.kfp4j.local.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kfp4j.local.error.LocalRunException;
import dev.kfp4j.wire.WorkflowNames;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One run's folder, {@code <work>/runs/<run-id>/}: {@code run.json}, {@code events.jsonl}, the
 * contexts ({@code contexts/kfp4j-init.json}, {@code contexts/<task>.json}), the logs
 * ({@code logs/<task>.log}) and, with the default root, the values ({@code values/}).
 */
public final class RunDirectory implements AutoCloseable {

  /** The name of the init step's context, as the Argo Workflow names that step. */
  public static final String INIT = WorkflowNames.INIT_TASK;
  static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String runId;
  private final Path dir;
  private BufferedWriter events;

  private RunDirectory(String runId, Path dir) {
    this.runId = runId;
    this.dir = dir;
  }

  /** A new run folder under {@code runs} with a fresh id ({@code <pipeline>-<yyyyMMdd-HHmmss>-<hex>}). */
  public static RunDirectory create(Path runs, String pipeline) {
    try {
      Files.createDirectories(runs);
      String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(STAMP);
      for (int tries = 0; ; tries++) {
        byte[] random = new byte[3];
        RANDOM.nextBytes(random);
        String id = pipeline + "-" + stamp + "-" + HexFormat.of().formatHex(random);
        try {
          // createDirectory is atomic: two runners started in the same second never share a folder.
          Path dir = Files.createDirectory(runs.resolve(id));
          return new RunDirectory(id, dir.toAbsolutePath());
        } catch (FileAlreadyExistsException e) {
          if (tries > 100) {
            throw e;
          }
        }
      }
    } catch (IOException e) {
      throw new LocalRunException(LocalRunException.Kind.IO, "cannot create a run folder under " + runs + ": " + e, e);
    }
  }

  /** The existing run folder of {@code runId}. */
  public static RunDirectory open(Path runs, String runId) {
    Path dir = runs.resolve(runId).toAbsolutePath();
    if (runId.contains("/") || runId.contains("\\") || runId.startsWith(".") || !Files.isRegularFile(dir.resolve("run.json"))) {
      throw new LocalRunException(LocalRunException.Kind.NOT_FOUND, "no run '" + runId + "' under " + runs.toAbsolutePath()
          + " (see kfp4j runs)");
    }
    return new RunDirectory(runId, dir);
  }

  /** Every run folder under {@code runs}, newest first. */
  public static List<RunRecord> list(Path runs) {
    List<RunRecord> records = new ArrayList<>();
    if (!Files.isDirectory(runs)) {
      return records;
    }
    try (Stream<Path> children = Files.list(runs)) {
      for (Path child : children.toList()) {
        Path file = child.resolve("run.json");
        if (Files.isRegularFile(file)) {
          try {
            records.add(JSON.readValue(file.toFile(), RunRecord.class));
          } catch (IOException e) {
            // A folder whose run.json is unreadable is not a run we can show; it is listed by ls all the same.
          }
        }
      }
    } catch (IOException e) {
      throw new LocalRunException(LocalRunException.Kind.IO, "cannot list runs in " + runs + ": " + e, e);
    }
    records.sort((a, b) -> String.valueOf(b.startedAt()).compareTo(String.valueOf(a.startedAt())));
    return records;
  }

  public String runId() {
    return runId;
  }

  public Path path() {
    return dir;
  }

  /** The default storage root: {@code values/} in this folder. */
  public Path values() {
    return dir.resolve("values");
  }

  public Path contexts() {
    return dir.resolve("contexts");
  }

  /** Where a task's output context goes ({@code contexts/inner/summarize.json}). */
  public Path context(String task) {
    return contexts().resolve(task + ".json");
  }

  public Path logs() {
    return dir.resolve("logs");
  }

  /** A task's log file. */
  public Path log(String task) {
    return logs().resolve(task + ".log");
  }

  /** The run's record, if written. */
  public Optional<RunRecord> record() {
    try {
      return Optional.of(JSON.readValue(dir.resolve("run.json").toFile(), RunRecord.class));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new LocalRunException(LocalRunException.Kind.IO, "cannot read " + dir.resolve("run.json") + ": " + e.getMessage(), e);
    }
  }

  /** Writes {@code run.json} whole (temporary file, then an atomic move). */
  public void write(RunRecord record) {
    try {
      writeAtomically(dir.resolve("run.json"), JSON.writeValueAsBytes(record));
    } catch (IOException e) {
      throw new LocalRunException(LocalRunException.Kind.IO, "cannot write " + dir.resolve("run.json") + ": " + e, e);
    }
  }

  /** Appends an event to {@code events.jsonl} (buffered; complete once the run has ended). */
  public synchronized void append(RunEvent event) {
    try {
      if (events == null) {
        events = Files.newBufferedWriter(dir.resolve("events.jsonl"), StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
      var node = JSON.createObjectNode();
      node.put("time", event.time().toString());
      node.put("task", event.task());
      node.put("state", event.state().label());
      node.put("attempt", event.attempt());
      if (!event.detail().isEmpty()) {
        node.put("detail", event.detail());
      }
      events.write(node.toString());
      events.newLine(); // flushed when the buffer fills and at the end of the run: a flush per event costs more than the task
    } catch (IOException e) {
      throw new LocalRunException(LocalRunException.Kind.IO, "cannot write " + dir.resolve("events.jsonl") + ": " + e, e);
    }
  }

  @Override
  public synchronized void close() {
    if (events != null) {
      try {
        events.close();
      } catch (IOException e) {
        // Every event was flushed when appended; a failing close loses nothing.
      }
      events = null;
    }
  }

  /** Writes a file whole or not at all. */
  public static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Files.createDirectories(target.getParent());
    Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".partial");
    try {
      Files.write(temp, bytes);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
