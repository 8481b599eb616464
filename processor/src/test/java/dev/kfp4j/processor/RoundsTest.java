package dev.kfp4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/** Components and pipelines whose types another processor generates in a later round: deferred, then written once. */
class RoundsTest {

  /** The marker that makes {@link StatsGenerator} write {@code test.GeneratedStats}. */
  private static final JavaFileObject MARKER = JavaFileObjects.forSourceString("test.GenerateStats", """
      package test;

      public @interface GenerateStats {}
      """);

  private static final JavaFileObject STEPS = JavaFileObjects.forSourceString("test.Steps", """
      package test;

      import dev.kfp4j.annotations.Component;
      import dev.kfp4j.annotations.Pipeline;
      import java.util.List;
      import java.util.Map;

      @GenerateStats
      public final class Steps {
        /** A record of this compilation whose component has the generated type: deferred through the nesting. */
        public record Report(GeneratedStats stats, String label) {}

        @Component
        public static GeneratedStats summarize(List<Double> xs) {
          return new GeneratedStats(0, xs.size());
        }

        @Component
        public static Report report(Map<String, GeneratedStats> byName, String label) {
          return new Report(byName.get("a"), label);
        }

        /** Its only unresolved type is inside the record it returns. */
        @Component
        public static Report blank(String label) {
          return new Report(null, label);
        }

        @Component
        public static double scale(double mean, int count) {
          return mean * count;
        }

        @Pipeline
        public static double inner(List<Double> xs) {
          GeneratedStats s = summarize(xs);
          return scale(s.mean(), s.count());
        }

        @Pipeline
        public static double outer(List<Double> xs) {
          double first = inner(xs);
          return scale(first, 2);
        }

        @Component
        public static double meanOf(GeneratedStats stats) {
          return stats.mean();
        }

        @Pipeline
        public static void takesStats(GeneratedStats stats) {
          meanOf(stats);
        }
      }
      """);

  /** Writes {@code test.GeneratedStats} in the first round that sees {@code @GenerateStats}, like any generator. */
  static final class StatsGenerator extends AbstractProcessor {
    private boolean written;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("test.GenerateStats");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (written || annotations.isEmpty()) {
        return false;
      }
      written = true;
      try (Writer out = processingEnv.getFiler().createSourceFile("test.GeneratedStats").openWriter()) {
        out.write("package test;\n\npublic record GeneratedStats(double mean, int count) {}\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return true;
    }
  }

  private static Compilation compile(List<Processor> processors, JavaFileObject... sources) {
    return Compiler.javac().withProcessors(processors).withOptions("-Akfp4j.image=registry.example/app:1")
        .compile(sources);
  }

  private static long generated(Compilation compilation, String suffix) {
    return compilation.generatedFiles().stream().filter(f -> f.toUri().getPath().endsWith(suffix)).count();
  }

  @Test
  void typesGeneratedInALaterRoundAreWaitedFor() {
    for (List<Processor> processors : List.of(List.<Processor>of(new Kfp4jProcessor(), new StatsGenerator()),
        List.<Processor>of(new StatsGenerator(), new Kfp4jProcessor()))) {
      Compilation compilation = compile(processors, MARKER, STEPS);
      assertThat(compilation).succeededWithoutWarnings();
      assertThat(compilation).generatedSourceFile("test.Steps_SummarizeEntrypoint").contentsAsUtf8String()
          .contains("GeneratedStats");
      assertThat(compilation).generatedSourceFile("test.Steps_ReportEntrypoint").contentsAsUtf8String()
          .contains("Map<String, GeneratedStats>");
      for (String file : List.of("test/Steps_SummarizeEntrypoint.java", "test/Steps_ReportEntrypoint.java",
          "test/Steps_ScaleEntrypoint.java",
          "test/Steps_MeanOfEntrypoint.java",
          "test/Steps_BlankEntrypoint.java", "META-INF/kfp4j/inner/workflow.yaml", "META-INF/kfp4j/inner/pipeline.yaml",
          "META-INF/kfp4j/outer/workflow.yaml", "META-INF/kfp4j/outer/pipeline.yaml",
          "META-INF/kfp4j/takes-stats/workflow.yaml")) {
        assertThat(generated(compilation, file)).isEqualTo(1);
      }
      // The nested pipeline was deferred with its caller and is still part of the caller's workflow.
      assertThat(compilation).generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/kfp4j/outer/workflow.yaml")
          .contentsAsUtf8String().contains("summarize");
    }
  }

  @Test
  void aTypeNoProcessorGeneratesIsReportedInTheLastRound() {
    JavaFileObject src = JavaFileObjects.forSourceString("test.Lost", """
        package test;

        import dev.kfp4j.annotations.Component;
        import dev.kfp4j.annotations.Pipeline;
        import java.util.List;

        public final class Lost {
          @Component
          public static Missing find(List<Double> xs) {
            return null;
          }

          @Pipeline
          public static void run(List<Double> xs) {
            find(xs);
          }
        }
        """);
    Compilation compilation = compile(List.of(new Kfp4jProcessor()), src);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(src).onLineContaining("Missing find(");
    assertThat(compilation).hadErrorContaining("[kfp4j:UnsupportedReturnType] @Component method 'find' returns"
        + " Missing, which cannot be passed between steps (the type could not be resolved)")
        .inFile(src).onLineContaining("Missing find(");
    assertThat(compilation).hadErrorCount(2);
    assertThat(messages(compilation)).doesNotContain("WriteFailed");
  }

  @Test
  void aPipelineParameterOfAMissingTypeIsReportedOnceInTheLastRound() {
    JavaFileObject src = JavaFileObjects.forSourceString("test.Lost", """
        package test;

        import dev.kfp4j.annotations.Component;
        import dev.kfp4j.annotations.Pipeline;
        import java.util.List;

        public final class Lost {
          @Component
          public static int count(List<Double> xs) {
            return xs.size();
          }

          @Pipeline
          public static void run(List<Missing> xs) {
            count(List.of());
          }
        }
        """);
    Compilation compilation = compile(List.of(new Kfp4jProcessor(), new StatsGenerator()), src);
    assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(src).onLineContaining("List<Missing> xs");
    assertThat(compilation).hadErrorContaining("[kfp4j:UnsupportedPipelineParameterType] parameter 'xs' of @Pipeline"
        + " method 'run' has type List<Missing>, which cannot be a pipeline input (its element type Missing is not"
        + " supported: the type could not be resolved)").inFile(src).onLineContaining("List<Missing> xs");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void aMissingTypeAddsNoMessageOfOursWhenSomethingElseFailed() {
    JavaFileObject src = JavaFileObjects.forSourceString("test.Lost", """
        package test;

        import dev.kfp4j.annotations.Component;

        public final class Lost {
          @Component
          public static void find(Missing what) {}

          @Component
          public int notStatic(int x) {
            return x;
          }
        }
        """);
    Compilation compilation = compile(List.of(new Kfp4jProcessor()), src);
    assertThat(compilation).hadErrorContaining("[kfp4j:ComponentNotStatic]").inFile(src)
        .onLineContaining("public int notStatic(");
    assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(src).onLineContaining("Missing what");
    assertThat(compilation).hadErrorCount(2);
  }

  private static String messages(Compilation compilation) {
    StringBuilder all = new StringBuilder();
    for (Diagnostic<? extends JavaFileObject> diagnostic : compilation.diagnostics()) {
      all.append(diagnostic.getMessage(Locale.ROOT)).append('\n');
    }
    return all.toString();
  }
}
