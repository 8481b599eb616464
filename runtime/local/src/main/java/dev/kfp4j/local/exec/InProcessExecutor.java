package dev.kfp4j.local.exec;

import dev.kfp4j.runtime.entrypoint.ComponentIo;
import dev.kfp4j.runtime.entrypoint.ComponentMain;
import dev.kfp4j.runtime.storage.StorageSettings;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs each task attempt in this JVM through the entrypoint's {@code execute(ComponentIo)} and the same
 * {@link ComponentMain} a task JVM runs, so values still go only through contexts and storage.
 */
public final class InProcessExecutor implements TaskExecutor {

  private final StorageSettings settings;

  public InProcessExecutor(StorageSettings settings) {
    this.settings = settings;
    ThreadOutput.install();
  }

  @Override
  public int execute(Entrypoints.Entrypoint entrypoint, List<String> args, Path log, String header) throws IOException, InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    try (PrintStream out = new PrintStream(new FileOutputStream(log.toFile(), true), true, StandardCharsets.UTF_8)) {
      out.println(header);
      ThreadOutput.route(out);
      try {
        return ComponentMain.run(entrypoint.descriptor(), args.toArray(String[]::new),
            io -> invoke(entrypoint, io), out, out, settings, true);
      } finally {
        ThreadOutput.clear();
      }
    }
  }

  private static void invoke(Entrypoints.Entrypoint entrypoint, ComponentIo io) throws Exception {
    try {
      entrypoint.execute().invokeExact(io);
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String mode() {
    return "in-process";
  }
}
