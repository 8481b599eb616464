package dev.kfp4j.runtime.entrypoint;

import dev.kfp4j.runtime.storage.StorageSettings;
import dev.kfp4j.runtime.value.Codecs;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The training run of a start-up archive for component images: what every step's JVM loads, in one
 * JVM, so that {@code -XX:ArchiveClassesAtExit} (AppCDS, JDK 17+) or {@code -XX:AOTCacheOutput}
 * (JDK 25) records it, or {@code -XX:DumpLoadedClassList} for a static archive ({@code -Xshare:dump}). Run it on the
 * image's own JDK and with the exact classpath of the specs' command, jars only (JDK 17 records no archive with a
 * non-empty folder on the classpath):
 *
 * <pre>
 * java -XX:ArchiveClassesAtExit=/app/kfp4j.jsa -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
 *      -cp /app/classpath/app.jar dev.kfp4j.runtime.entrypoint.TrainingMain --scan /app/classpath/app.jar
 * </pre>
 *
 * <p>The example's image build ({@code example-avg/src/image/cds-archive.sh}) records its archive this way.
 *
 * It runs a built-in sample component through both protocols (a context with file storage in a temporary
 * folder, and KFP's executor input), with values of every kind the codecs read and write, then loads
 * (without initializing) each entrypoint named on the command line or found by {@code --scan DIR_OR_JAR}
 * (every {@code *Entrypoint} class there that is a {@link ComponentBody}). No user code runs. Exits 0
 * when the sample ran and every named class loaded, else prints why on stderr and exits 1.
 */
public final class TrainingMain {

  /** Kinds of value the sample passes, so the enum codec is trained as well. */
  public enum Kind { SMALL, LARGE }

  /** A record value, so the record codec is trained as well. */
  public record Sample(String name, double score, List<Integer> counts, Map<String, Boolean> flags, Kind kind, long total) {}

  static final ComponentDescriptor SAMPLE = new ComponentDescriptor("kfp4j-training",
      TrainingMain.class.getName() + ".sample", List.of("numbers", "sample", "label"), List.of("sum", "summary"));

  private TrainingMain() {}

  public static void main(String[] args) {
    int code = run(args, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs the training; returns the exit code. */
  static int run(String[] args, PrintStream err) {
    List<String> classes = new ArrayList<>();
    try {
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals("--scan") && i + 1 < args.length) {
          classes.addAll(scan(Path.of(args[++i])));
        } else if (args[i].startsWith("-")) {
          err.println("kfp4j: training: unknown option '" + args[i] + "'; usage: TrainingMain [ENTRYPOINT_CLASS]..."
              + " [--scan DIR_OR_JAR]...");
          return 1;
        } else {
          classes.add(args[i]);
        }
      }
      runSample();
    } catch (IOException | RuntimeException e) {
      err.println("kfp4j: training: " + e);
      return 1;
    }
    for (String name : classes) {
      try {
        Class.forName(name, false, TrainingMain.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        err.println("kfp4j: training: cannot load entrypoint " + name + ": " + e);
        return 1;
      }
    }
    return 0;
  }

  /** The sample component, through the context protocol and then KFP's executor input. */
  private static void runSample() throws IOException {
    // A step reads its environment (storage roots, credentials, the stack-trace switch) through System.getenv():
    // the same classes, so that they come from the archive too.
    System.getenv().getOrDefault(ComponentMain.STACK_TRACE_ENV, "");
    Path work = Files.createTempDirectory("kfp4j-training-");
    try {
      Path root = Files.createDirectories(work.resolve("run"));
      Files.writeString(root.resolve("numbers.json"), "[1,2,3]");
      Files.writeString(root.resolve("sample.json"), "{\"counts\":[1,2],\"flags\":{\"a\":true},\"kind\":\"SMALL\","
          + "\"name\":\"s\",\"score\":0.5,\"total\":7}");
      String context = "{\"runId\":\"training\",\"root\":\"" + root.toUri() + "\",\"values\":{\"numbers\":\""
          + root.resolve("numbers.json").toUri() + "\",\"sample\":\"" + root.resolve("sample.json").toUri() + "\"}}";
      PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
      StorageSettings settings = StorageSettings.of(Map.of(StorageSettings.ROOTS, root.toUri().toString()), Map.of());
      check(ComponentMain.run(SAMPLE, new String[] {context, "--inputs", "{\"label\":{\"value\":\"x\"}}",
          "--output-context", work.resolve("out.json").toString()}, new SampleBody(), quiet, quiet, settings, false));
      String executorInput = "{\"inputs\":{\"parameterValues\":{\"numbers\":[1,2.0],\"label\":\"x\","
          + "\"sample\":{\"counts\":[],\"flags\":{},\"kind\":\"LARGE\",\"name\":\"k\",\"score\":1,\"total\":2}}},"
          + "\"outputs\":{\"parameters\":{\"sum\":{\"outputFile\":\"" + json(work.resolve("sum")) + "\"},"
          + "\"summary\":{\"outputFile\":\"" + json(work.resolve("summary")) + "\"}}}}";
      check(ComponentMain.run(SAMPLE, new String[] {"--executor_input", executorInput}, new SampleBody(), quiet, quiet,
          settings, false));
    } finally {
      try (Stream<Path> files = Files.walk(work)) {
        for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  private static String json(Path path) {
    return path.toString().replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static void check(int exitCode) throws IOException {
    if (exitCode != 0) {
      throw new IOException("the sample component failed with exit code " + exitCode);
    }
  }

  /** Every {@code *Entrypoint} class in a folder of classes or a jar that is a {@link ComponentBody}. */
  static List<String> scan(Path location) throws IOException {
    List<String> names = new ArrayList<>();
    if (Files.isDirectory(location)) {
      try (Stream<Path> files = Files.walk(location)) {
        for (Path file : files.filter(f -> f.getFileName().toString().endsWith("Entrypoint.class")).sorted().toList()) {
          names.add(className(location.relativize(file).toString().replace(java.io.File.separatorChar, '/')));
        }
      }
    } else {
      try (JarFile jar = new JarFile(location.toFile())) {
        for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
          String entry = entries.nextElement().getName();
          if (entry.endsWith("Entrypoint.class")) {
            names.add(className(entry));
          }
        }
      }
    }
    List<String> bodies = new ArrayList<>();
    for (String name : names) {
      try {
        if (ComponentBody.class.isAssignableFrom(Class.forName(name, false, TrainingMain.class.getClassLoader()))) {
          bodies.add(name);
        }
      } catch (ClassNotFoundException | LinkageError e) {
        throw new IOException(name + " in " + location + " is not on the classpath: " + e, e);
      }
    }
    return bodies;
  }

  private static String className(String entry) {
    return entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
  }

  /** The sample's body, as the processor generates one: a class, not a lambda. */
  private static final class SampleBody implements ComponentBody {
    @Override
    public void call(ComponentIo io) throws Exception {
      List<Integer> numbers = io.input("numbers", Codecs.list(Codecs.INT_BOX));
      Sample sample = io.input("sample", Codecs.of(Sample.class));
      String label = io.input("label", Codecs.STRING);
      int sum = 0;
      for (int number : numbers) {
        sum += number;
      }
      io.output("sum", sum, Codecs.INT);
      io.output("summary", new Sample(label, sample.score() / 2, numbers, Map.of(label, Boolean.TRUE),
          sum > 10 ? Kind.LARGE : Kind.SMALL, sum + sample.total()), Codecs.of(Sample.class));
    }
  }
}
