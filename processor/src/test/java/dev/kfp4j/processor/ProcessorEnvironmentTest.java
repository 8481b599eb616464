package dev.kfp4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor in its surroundings: options, a compiler without javac's Tree API, output folders that cannot
 * be written, an unexpected exception, and other processors reading the same annotations.
 */
class ProcessorEnvironmentTest {

  private static final JavaFileObject STEPS = JavaFileObjects.forSourceString("test.Steps", """
      package test;

      import dev.kfp4j.annotations.Component;
      import dev.kfp4j.annotations.Pipeline;
      import java.util.List;

      public final class Steps {
        @Component
        public static int add(List<Integer> numbers) { return 0; }

        @Component
        public static double div(int sum, List<Integer> numbers) { return 0; }

        @Pipeline(name = "avg")
        public static double average(List<Integer> numbers) {
          int sum = add(numbers);
          return div(sum, numbers);
        }
      }
      """);

  @Test
  void badStorageRootIsAWarningAndTheDefaultIsUsed() throws IOException {
    Compilation compilation = Compiler.javac().withProcessors(new Kfp4jProcessor())
        .withOptions("-Akfp4j.storage.root=runs/relative").compile(STEPS);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningContaining("[kfp4j:BadOption] -Akfp4j.storage.root=runs/relative is not an"
        + " absolute storage URI such as s3://bucket/prefix; using s3://kfp4j/runs");
    assertThat(compilation).hadWarningCount(1);
    String workflow = compilation.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/kfp4j/avg/workflow.yaml")
        .orElseThrow().getCharContent(true).toString();
    assertThat(workflow).contains("s3://kfp4j/runs/{{workflow.name}}/");
    assertThat(workflow).doesNotContain("runs/relative");
  }

  @Test
  void compilerWithoutTreeApiIsOneError() {
    Compilation compilation = Compiler.javac().withProcessors(new ForeignCompiler()).compile(STEPS);
    assertThat(compilation).hadErrorContaining(
        "[kfp4j:UnsupportedCompiler] kfp4j reads @Pipeline bodies with javac's Tree API; compile with javac");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void unwritableSpecFolderIsAnErrorOnThePipeline(@TempDir Path dir) throws IOException {
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Files.createDirectories(classes.resolve("META-INF/kfp4j"));
    Files.writeString(classes.resolve("META-INF/kfp4j/avg"), "a file where the pipeline's folder goes");
    List<Diagnostic<? extends JavaFileObject>> errors = javac(dir, classes, null);
    assertThat(errors).hasSize(1);
    Diagnostic<? extends JavaFileObject> error = errors.get(0);
    assertThat(error.getMessage(Locale.ROOT)).startsWith(
        "[kfp4j:WriteFailed] could not write META-INF/kfp4j/avg/pipeline.yaml: ");
    assertThat(error.getMessage(Locale.ROOT)).endsWith(
        "; check that the build's output folders are writable and have space");
    assertThat(error.getSource().getName()).endsWith("Steps.java");
    assertThat(line(error)).contains("public static double average(");
  }

  @Test
  void unwritableEntrypointIsAnErrorOnTheComponent(@TempDir Path dir) throws IOException {
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path sources = Files.createDirectories(dir.resolve("sources"));
    Files.writeString(sources.resolve("test"), "a file where the package folder goes");
    List<Diagnostic<? extends JavaFileObject>> errors = javac(dir, classes, sources);
    assertThat(errors).hasSize(2);
    assertThat(errors.get(0).getMessage(Locale.ROOT)).startsWith(
        "[kfp4j:WriteFailed] could not write test.Steps_AddEntrypoint: ");
    assertThat(line(errors.get(0))).contains("public static int add(");
    assertThat(errors.get(1).getMessage(Locale.ROOT)).startsWith(
        "[kfp4j:WriteFailed] could not write test.Steps_DivEntrypoint: ");
    assertThat(line(errors.get(1))).contains("public static double div(");
  }

  @Test
  void unexpectedExceptionIsAnErrorOnItsElementAndTheOthersAreProcessed(@TempDir Path dir) throws IOException {
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path sources = Files.createDirectories(dir.resolve("sources"));
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      standard.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
      standard.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(sources));
      JavaFileManager failing = new ForwardingJavaFileManager<>(standard) {
        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
            FileObject sibling) throws IOException {
          if (className.equals("test.Steps_AddEntrypoint")) {
            throw new IllegalStateException("the file system went away");
          }
          return super.getJavaFileForOutput(location, className, kind, sibling);
        }
      };
      JavaCompiler.CompilationTask task = javac.getTask(null, failing, diagnostics, List.of("-proc:only"), null,
          List.of(STEPS));
      task.setProcessors(List.of(new Kfp4jProcessor()));
      assertThat(task.call()).isFalse();
    }
    List<Diagnostic<? extends JavaFileObject>> errors = errors(diagnostics);
    assertThat(errors).hasSize(1);
    String message = errors.get(0).getMessage(Locale.ROOT);
    assertThat(message).startsWith("[kfp4j:InternalError] kfp4j failed on 'Steps.add' with ");
    assertThat(message).contains("the file system went away");
    assertThat(message).contains("this is a bug in kfp4j, not in your code: please report it");
    assertThat(line(errors.get(0))).contains("public static int add(");
    // The other component and the pipeline were still written.
    assertThat(Files.exists(sources.resolve("test/Steps_DivEntrypoint.java"))).isTrue();
    assertThat(Files.exists(classes.resolve("META-INF/kfp4j/avg/pipeline.yaml"))).isTrue();
  }

  @Test
  void annotationsAreLeftForOtherProcessors() {
    Recorder recorder = new Recorder();
    Compilation compilation = Compiler.javac().withProcessors(new Kfp4jProcessor(), recorder).compile(STEPS);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(recorder.seen).containsExactly("add", "div", "average");
  }

  /**
   * Not claiming has one visible cost, the same as with AutoValue: under {@code -Xlint:processing} javac lists the
   * annotations no processor claimed (it already listed the entrypoints' {@code @Generated}). Nothing else warns.
   */
  @Test
  void lintProcessingOnlyListsUnclaimedAnnotations() {
    Compilation compilation = Compiler.javac().withProcessors(new Kfp4jProcessor())
        .withOptions("-Xlint:processing").compile(STEPS);
    assertThat(compilation).succeeded();
    assertThat(compilation.warnings().stream().map(w -> w.getMessage(Locale.ROOT)).toList()).containsExactly(
        "No processor claimed any of these annotations: /dev.kfp4j.annotations.Component,/dev.kfp4j.annotations.Pipeline",
        "No processor claimed any of these annotations: java.compiler/javax.annotation.processing.Generated");
  }

  /** Compiles {@link #STEPS} with real javac into {@code classes} (and {@code sources}, if given); its errors. */
  private static List<Diagnostic<? extends JavaFileObject>> javac(Path dir, Path classes, Path sources)
      throws IOException {
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
      files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT,
          List.of(sources == null ? Files.createDirectories(dir.resolve("generated")) : sources));
      JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics, List.of("-proc:only"), null,
          List.of(STEPS));
      task.setProcessors(List.of(new Kfp4jProcessor()));
      assertThat(task.call()).isFalse();
    }
    return errors(diagnostics);
  }

  private static List<Diagnostic<? extends JavaFileObject>> errors(DiagnosticCollector<JavaFileObject> diagnostics) {
    return diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
  }

  /** The source line a diagnostic points at. */
  private static String line(Diagnostic<? extends JavaFileObject> diagnostic) throws IOException {
    return diagnostic.getSource().getCharContent(true).toString().lines().toList()
        .get((int) diagnostic.getLineNumber() - 1);
  }

  /** kfp4j as a compiler without javac's Tree API would run it: its environment is not javac's own. */
  private static final class ForeignCompiler extends AbstractProcessor {
    private final Kfp4jProcessor kfp4j = new Kfp4jProcessor();

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      kfp4j.init((ProcessingEnvironment) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {ProcessingEnvironment.class}, (proxy, method, args) -> method.invoke(env, args)));
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return kfp4j.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return kfp4j.process(annotations, round);
    }
  }

  /** Another processor of {@code @Component} and {@code @Pipeline}: it sees them only if kfp4j does not claim them. */
  private static final class Recorder extends AbstractProcessor {
    final List<String> seen = new ArrayList<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("dev.kfp4j.annotations.Component", "dev.kfp4j.annotations.Pipeline");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      for (TypeElement annotation : annotations) {
        round.getElementsAnnotatedWith(annotation).forEach(e -> seen.add(e.getSimpleName().toString()));
      }
      return true;
    }
  }
}
