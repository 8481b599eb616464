package dev.kfp4j.runtime.entrypoint;

import dev.kfp4j.runtime.storage.StorageSettings;
import dev.kfp4j.runtime.value.Codecs;
import dev.kfp4j.wire.ComponentAddress;
import dev.kfp4j.wire.ComponentDescriptorFile;
import dev.kfp4j.wire.ResourceLayout;
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
import java.util.Optional;
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
 * folder, and KFP's executor input), with values of every kind the codecs read and write, once as a generated
 * entrypoint runs it and once through the {@link SharedEntrypoint} (a record's components as outputs, one of them
 * an artifact, then that artifact as an input), then loads (without initializing) each entrypoint named on the
 * command line or found by {@code --scan DIR_OR_JAR} (every {@code *Entrypoint} class there that is a
 * {@link ComponentBody}), and loads every component whose descriptor {@code --scan} finds there
 * ({@code META-INF/kfp4j/components/*.component}) and whose generated entrypoint it does not find as the shared
 * entrypoint loads it (its class, method, descriptor and codecs: what a step of a project compiled with
 * {@code -Akfp4j.entrypoints=shared} loads before it calls the method). No user code runs. Exits 0 when the sample ran and every named class and found component loaded, else
 * prints why on stderr and exits 1.
 */
public final class TrainingMain {

  /** Kinds of value the sample passes, so the enum codec is trained as well. */
  public enum Kind { SMALL, LARGE }

  /** A record value, so the record codec is trained as well. */
  public record Sample(String name, double score, List<Integer> counts, Map<String, Boolean> flags, Kind kind, long total) {}

  static final ComponentDescriptor SAMPLE = new ComponentDescriptor("kfp4j-training",
      TrainingMain.class.getName() + ".sample", List.of("numbers", "sample", "label"), List.of("sum", "summary"));

  /** The sample as a component method returns it, for the shared entrypoint: a record's components as outputs. */
  public record SampleOutputs(int sum, Sample summary, Path report) {}

  /** What the processor would write for {@link #sample}: the report is a Markdown artifact. */
  static final ComponentDescriptorFile SAMPLE_FILE = new ComponentDescriptorFile("kfp4j-training-shared", "sample",
      List.of("numbers", "sample", "label"), List.of("sum", "summary", "report"), Map.of("report", "system.Markdown"));

  /** What the processor would write for {@link #read}: an artifact in, a value out. */
  static final ComponentDescriptorFile READ_FILE = new ComponentDescriptorFile("kfp4j-training-read", "read",
      List.of("report"), List.of("Output"), Map.of("report", "system.Markdown"));

  /** Where {@link #sample} writes its report: the training run's temporary folder. */
  private static Path reports;

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
    List<ComponentAddress> components = new ArrayList<>();
    try {
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals("--scan") && i + 1 < args.length) {
          Path location = Path.of(args[++i]);
          List<String> entrypoints = scan(location);
          classes.addAll(entrypoints);
          for (ComponentAddress component : components(location)) {
            // A component with its generated entrypoint runs through that (generated mode): only the others are
            // loaded as the shared entrypoint loads them (shared mode; and container steps, which load fine).
            if (!entrypoints.contains(entrypointName(component))) {
              components.add(component);
            }
          }
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
    for (ComponentAddress address : components) {
      try {
        SharedEntrypoint.load(TrainingMain.class.getClassLoader(), address);
      } catch (IllegalArgumentException e) {
        err.println("kfp4j: training: cannot load component " + address.text() + " as the shared entrypoint does: "
            + e.getMessage());
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
    StorageSettings.environmentName(StorageSettings.ROOTS); // how a setting is named in the environment
    Path work = Files.createTempDirectory("kfp4j-training-");
    try {
      Path root = Files.createDirectories(work.resolve("run"));
      Files.writeString(root.resolve("numbers.json"), "[1,2,3]");
      Files.writeString(root.resolve("sample.json"), "{\"counts\":[1,2],\"flags\":{\"a\":true},\"kind\":\"SMALL\","
          + "\"name\":\"s\",\"score\":0.5,\"total\":7}");
      String context = "{\"runId\":\"training\",\"root\":\"" + root.toUri() + "\",\"values\":{\"numbers\":\""
          + root.resolve("numbers.json").toUri() + "\",\"sample\":\"" + root.resolve("sample.json").toUri() + "\"}}";
      PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
      // The process's environment as a step reads it (the explicit roots win over any it names).
      StorageSettings settings = StorageSettings.of(Map.of(StorageSettings.ROOTS, root.toUri().toString()),
          System.getenv());
      check(ComponentMain.run(SAMPLE, new String[] {context, "--inputs", "{\"label\":{\"value\":\"x\"}}",
          "--output-context", work.resolve("out.json").toString()}, new SampleBody(), quiet, quiet, settings, false));
      String executorInput = "{\"inputs\":{\"parameterValues\":{\"numbers\":[1,2.0],\"label\":\"x\","
          + "\"sample\":{\"counts\":[],\"flags\":{},\"kind\":\"LARGE\",\"name\":\"k\",\"score\":1,\"total\":2}}},"
          + "\"outputs\":{\"parameters\":{\"sum\":{\"outputFile\":\"" + json(work.resolve("sum")) + "\"},"
          + "\"summary\":{\"outputFile\":\"" + json(work.resolve("summary")) + "\"}}}}";
      check(ComponentMain.run(SAMPLE, new String[] {"--executor_input", executorInput}, new SampleBody(), quiet, quiet,
          settings, false));
      runShared(work, root, context, quiet, settings);
    } finally {
      reports = null;
      try (Stream<Path> files = Files.walk(work)) {
        for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  /**
   * The sample through the shared entrypoint (reflection, a record's components, an artifact out and back in), in
   * both protocols, as a step of a project compiled with {@code -Akfp4j.entrypoints=shared} runs.
   */
  private static void runShared(Path work, Path root, String context, PrintStream quiet, StorageSettings settings)
      throws IOException {
    reports = Files.createDirectories(work.resolve("reports"));
    SharedEntrypoint sample;
    SharedEntrypoint read;
    try {
      sample = SharedEntrypoint.of(TrainingMain.class.getDeclaredMethod("sample", List.class, Sample.class,
          String.class), SAMPLE_FILE);
      read = SharedEntrypoint.of(TrainingMain.class.getDeclaredMethod("read", Path.class), READ_FILE);
    } catch (NoSuchMethodException e) {
      throw new IOException(e);
    }
    Path out = work.resolve("shared-out.json");
    check(ComponentMain.run(sample.descriptor(), new String[] {context, "--inputs", "{\"label\":{\"value\":\"y\"}}",
        "--task", "shared", "--output-context", out.toString()}, sample, quiet, quiet, settings, false));
    check(ComponentMain.run(read.descriptor(), new String[] {"--context-file", out.toString(), "--input",
        "report=shared.report", "--task", "read", "--output-context", work.resolve("read-out.json").toString()}, read,
        quiet, quiet, settings, false));
    String executorInput = "{\"inputs\":{\"parameterValues\":{\"numbers\":[4],\"label\":\"z\","
        + "\"sample\":{\"counts\":[3],\"flags\":{\"b\":false},\"kind\":\"SMALL\",\"name\":\"n\",\"score\":2,"
        + "\"total\":1}}},\"outputs\":{\"parameters\":{\"sum\":{\"outputFile\":\"" + json(work.resolve("kfp/sum"))
        + "\"},\"summary\":{\"outputFile\":\"" + json(work.resolve("kfp/summary")) + "\"}},\"artifacts\":{\"report\":"
        + "{\"artifacts\":[{\"name\":\"report\",\"uri\":\"" + work.resolve("kfp/report").toUri() + "\"}]}}}}";
    check(ComponentMain.run(sample.descriptor(), new String[] {"--executor_input", executorInput}, sample, quiet, quiet,
        settings, false));
    String readInput = "{\"inputs\":{\"artifacts\":{\"report\":{\"artifacts\":[{\"name\":\"report\",\"uri\":\""
        + work.resolve("kfp/report").toUri() + "\"}]}}},\"outputs\":{\"parameters\":{\"Output\":{\"outputFile\":\""
        + json(work.resolve("kfp/Output")) + "\"}}}}";
    check(ComponentMain.run(read.descriptor(), new String[] {"--executor_input", readInput}, read, quiet, quiet,
        settings, false));
  }

  /** The sample as a component method, for the shared entrypoint. */
  static SampleOutputs sample(List<Integer> numbers, Sample sample, String label) throws IOException {
    int sum = 0;
    for (int number : numbers) {
      sum += number;
    }
    Path report = Files.writeString(Files.createTempFile(reports, "report", ".md"), "# ".concat(label));
    return new SampleOutputs(sum, new Sample(label, sample.score(), numbers, Map.of(label, Boolean.FALSE),
        sample.kind(), sample.total() + sum), report);
  }

  /** Reads the sample's report back: an artifact as an input. */
  static long read(Path report) throws IOException {
    return Files.size(report);
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

  /**
   * The component of every descriptor in a folder of classes or a jar ({@code META-INF/kfp4j/components/*.component}),
   * by its address: the descriptor's name spells the declaring class canonically ({@code com.acme.Outer.Inner}), so a
   * nested class is found by trying its binary name ({@code com.acme.Outer$Inner}).
   */
  static List<ComponentAddress> components(Path location) throws IOException {
    Map<String, String> descriptors = new java.util.TreeMap<>(); // entry -> text
    String prefix = ResourceLayout.DESCRIPTORS;
    if (Files.isDirectory(location)) {
      Path folder = location.resolve(prefix);
      if (Files.isDirectory(folder)) {
        try (Stream<Path> files = Files.list(folder)) {
          for (Path file : files.filter(f -> f.getFileName().toString().endsWith(ResourceLayout.DESCRIPTOR_SUFFIX))
              .toList()) {
            descriptors.put(prefix + file.getFileName(), Files.readString(file, StandardCharsets.UTF_8));
          }
        }
      }
    } else {
      try (JarFile jar = new JarFile(location.toFile())) {
        for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
          JarEntry entry = entries.nextElement();
          String name = entry.getName();
          if (name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0
              && name.endsWith(ResourceLayout.DESCRIPTOR_SUFFIX)) {
            try (java.io.InputStream in = jar.getInputStream(entry)) {
              descriptors.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
          }
        }
      }
    }
    List<ComponentAddress> addresses = new ArrayList<>();
    for (Map.Entry<String, String> descriptor : descriptors.entrySet()) {
      String entry = descriptor.getKey();
      ComponentDescriptorFile file = ComponentDescriptorFile.read(descriptor.getValue()).orElseThrow(
          () -> new IOException(entry + " in " + location + " is not a component descriptor this kfp4j version reads"));
      String qualified = ResourceLayout.componentOfDescriptor(entry).orElseThrow();
      if (!qualified.endsWith("." + file.method())) {
        throw new IOException(entry + " in " + location + " does not end with its method's name, " + file.method());
      }
      String owner = qualified.substring(0, qualified.length() - file.method().length() - 1);
      addresses.add(new ComponentAddress(binaryName(owner, entry, location), file.method()));
    }
    return addresses;
  }

  /** The generated entrypoint class of a component, as the processor names it: {@code com.acme.Outer_Inner_AddEntrypoint}. */
  static String entrypointName(ComponentAddress component) {
    String owner = component.owner();
    int dot = owner.lastIndexOf('.');
    String simple = ComponentAddress.generatedEntrypointName(List.of(owner.substring(dot + 1).split("\\$", -1)),
        component.method());
    return dot < 0 ? simple : owner.substring(0, dot + 1) + simple;
  }

  /** The binary name of the class whose canonical name is {@code canonical}: itself, or with '$' for nesting. */
  private static String binaryName(String canonical, String entry, Path location) throws IOException {
    try {
      Optional<Class<?>> type = CanonicalNames.load(canonical, TrainingMain.class.getClassLoader());
      if (type.isPresent()) {
        return type.get().getName();
      }
      throw new IOException("the class of " + entry + " in " + location + ", " + canonical
          + ", is not on the classpath");
    } catch (LinkageError e) {
      throw new IOException("the class of " + entry + " in " + location + ", " + canonical + ", cannot be loaded: "
          + e, e);
    }
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
