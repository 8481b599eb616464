import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.annotation.processing.Completion;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a source folder with the kfp4j processor through javax.tools, timing the processor's own
 * calls (init and every round's process) apart from the rest of javac. Prints
 * {@code processor_ms=… processor_cpu_ms=… javac_ms=… rounds=…} (processor wall time, its CPU time on javac's
 * thread, which other processes on a busy machine do not inflate, and the whole compilation's wall time). Run from bench/processor.sh, with the processor on the class path:
 * {@code java -cp PROCESSOR_CLASSPATH bench/ProcessorTime.java SRC_DIR OUT_DIR COMPILE_CLASSPATH [REPEATS]}.
 */
public final class ProcessorTime {

  public static void main(String[] args) throws Exception {
    Path sources = Path.of(args[0]);
    Path out = Path.of(args[1]);
    String classpath = args[2];
    int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    List<File> files;
    try (Stream<Path> walk = Files.walk(sources)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toFile).sorted().toList();
    }
    for (int run = 1; run <= repeats; run++) {
      clean(out);
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      StandardJavaFileManager fileManager = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8);
      Timed timed = new Timed((Processor) Class.forName("dev.kfp4j.processor.Kfp4jProcessor")
          .getDeclaredConstructor().newInstance());
      JavaCompiler.CompilationTask task = javac.getTask(null, fileManager, null,
          List.of("-d", out.toString(), "-s", out.resolve("generated").toString(), "-cp", classpath, "-implicit:none"),
          null, fileManager.getJavaFileObjectsFromFiles(files));
      task.setProcessors(List.of(timed));
      long start = System.nanoTime();
      boolean ok = task.call();
      long total = System.nanoTime() - start;
      if (!ok) {
        throw new IllegalStateException("compilation failed");
      }
      System.out.printf("run=%d processor_ms=%.1f processor_cpu_ms=%.1f javac_ms=%.1f rounds=%d%n", run,
          timed.nanos / 1e6, timed.cpuNanos / 1e6, total / 1e6, timed.rounds);
    }
  }

  private static void clean(Path out) throws IOException {
    if (Files.exists(out)) {
      try (Stream<Path> walk = Files.walk(out)) {
        walk.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
    Files.createDirectories(out.resolve("generated"));
  }

  /** Delegates to the real processor, adding up the time spent inside it. */
  private static final class Timed implements Processor {
    private final Processor delegate;
    private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long nanos;
    long cpuNanos;
    int rounds;

    Timed(Processor delegate) {
      this.delegate = delegate;
    }

    @Override
    public void init(ProcessingEnvironment env) {
      long start = System.nanoTime();
      long cpu = threads.getCurrentThreadCpuTime();
      delegate.init(env);
      cpuNanos += threads.getCurrentThreadCpuTime() - cpu;
      nanos += System.nanoTime() - start;
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      long start = System.nanoTime();
      long cpu = threads.getCurrentThreadCpuTime();
      try {
        rounds++;
        return delegate.process(annotations, round);
      } finally {
        cpuNanos += threads.getCurrentThreadCpuTime() - cpu;
        nanos += System.nanoTime() - start;
      }
    }

    @Override
    public Set<String> getSupportedOptions() {
      return delegate.getSupportedOptions();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public Iterable<? extends Completion> getCompletions(Element element, AnnotationMirror annotation,
        ExecutableElement member, String userText) {
      return delegate.getCompletions(element, annotation, member, userText);
    }
  }
}
