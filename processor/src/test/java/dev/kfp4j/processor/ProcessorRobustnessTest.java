package dev.kfp4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Odd sources and options: whatever they hold, the processor answers with catalogue errors on the
 * right line, never with an exception escaping it ("an annotation processor threw an uncaught
 * exception") and never with a spec carrying a credential.
 */
class ProcessorRobustnessTest {

  static Compilation compile(JavaFileObject... sources) {
    return Compiler.javac().withProcessors(new Kfp4jProcessor()).compile(sources);
  }

  /** No exception escaped the processor, and every error it reported is a catalogue entry. */
  static void assertNoUncaughtException(Compilation compilation) {
    for (Diagnostic<? extends JavaFileObject> diagnostic : compilation.diagnostics()) {
      String message = diagnostic.getMessage(java.util.Locale.ROOT);
      assertThat(message).doesNotContain("threw an uncaught exception");
      assertThat(message).doesNotContain("[kfp4j:InternalError]");
      assertThat(message).doesNotContain("Exception");
    }
  }

  static JavaFileObject source(String name, String body) {
    return JavaFileObjects.forSourceString("test." + name, """
        package test;

        import dev.kfp4j.annotations.Component;
        import dev.kfp4j.annotations.Pipeline;
        import java.util.List;
        import java.util.Map;

        """ + body);
  }

  @Test
  void aNativePipelineIsAnErrorNotACrash() {
    JavaFileObject src = source("Steps", """
        public final class Steps {
          @Component public static int add(int x) { return x; }
          @Pipeline public static native int p(int x);
        }
        """);
    Compilation compilation = compile(src);
    assertNoUncaughtException(compilation);
    assertThat(compilation).hadErrorContaining("[kfp4j:PipelineWithoutBody] @Pipeline method 'p' has no body (it is"
        + " native)").inFile(src).onLineContaining("native int p(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void anAbstractPipelineInAnInterfaceIsAnErrorNotACrash() {
    JavaFileObject src = source("Steps", """
        public interface Steps {
          @Component static int add(int x) { return x; }
          @Pipeline int p(int x);
        }
        """);
    Compilation compilation = compile(src);
    assertNoUncaughtException(compilation);
    assertThat(compilation).hadErrorContaining("[kfp4j:PipelineNotStatic]").inFile(src).onLineContaining("int p(");
  }

  @Test
  void aPublicInterfaceWithStaticMethodsIsAPipelineSource() {
    JavaFileObject src = source("Steps", """
        public interface Steps {
          @Component static int add(int x) { return x + 1; }
          @Pipeline(name = "iface") static int p(int x) { return add(x); }
        }
        """);
    Compilation compilation = compile(src);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/kfp4j/iface/pipeline.yaml");
  }

  @ParameterizedTest
  @ValueSource(strings = {"record Local()", "class Local", "enum Local { ONE; }", "interface Local"})
  void aComponentInALocalClassIsReported(String declaration) {
    String body = declaration.startsWith("enum") ? declaration.replace("}", "") : declaration + " {";
    JavaFileObject src = source("Steps", """
        public final class Steps {
          @Component public static int add(int x) { return x; }
          public static void helper() {
            %s
              @Component public static int hidden(int x) { return x; }
            }
          }
        }
        """.formatted(body));
    Compilation compilation = compile(src);
    assertNoUncaughtException(compilation);
    assertThat(compilation).hadErrorContaining("[kfp4j:ComponentInLocalClass] @Component method 'hidden' is in")
        .inFile(src).onLineContaining("int hidden(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void aComponentInAnAnonymousClassIsReported() {
    JavaFileObject src = source("Steps", """
        public final class Steps {
          @Component public static int add(int x) { return x; }
          static Object o = new Object() {
            @Component public int hidden(int x) { return x; }
          };
        }
        """);
    Compilation compilation = compile(src);
    assertNoUncaughtException(compilation);
    assertThat(compilation).hadErrorContaining("is in an anonymous class").inFile(src).onLineContaining("int hidden(");
  }

  @Test
  void nonAsciiParameterNamesAreRejectedAtCompileTime() {
    JavaFileObject src = source("Steps", """
        public final class Steps {
          @Component(name = "strasse") public static int straße(int größe) { return größe; }
          @Pipeline(name = "p") public static int p(int maß) { return straße(maß); }
        }
        """);
    Compilation compilation = compile(src);
    assertNoUncaughtException(compilation);
    assertThat(compilation).hadErrorContaining("[kfp4j:InvalidValueName] parameter 'größe' of 'straße' cannot name a"
        + " value").inFile(src).onLineContaining("int größe");
    assertThat(compilation).hadErrorContaining("(e.g. 'grosse')");
    assertThat(compilation).hadErrorContaining("[kfp4j:InvalidValueName] parameter 'maß' of 'p'")
        .inFile(src).onLineContaining("int maß");
  }

  @Test
  void entrypointNamesThatWouldCollideAreReportedOnceAndNotAsOverloads() {
    JavaFileObject src = source("Steps", """
        public final class Steps {
          @Component public static int inc(int x) { return x + 1; }
          @Component(name = "inc-upper") public static int Inc(int x) { return x + 2; }
          @Pipeline(name = "p") public static int p(int x) { inc(x); return Inc(x); }
        }
        """);
    Compilation compilation = compile(src);
    assertNoUncaughtException(compilation);
    assertThat(compilation).hadErrorContaining("[kfp4j:EntrypointNameClash] @Component method test.Steps.inc(int)"
        + " would be run by the generated class test.Steps_IncEntrypoint, which is already generated for"
        + " test.Steps.Inc(int)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void aNestedClassAndATopLevelClassWhoseNamesJoinAlikeAreReportedOnce() {
    JavaFileObject outer = source("Outer", """
        public final class Outer {
          public static final class Steps {
            @Component public static int add(int x) { return x; }
          }
        }
        """);
    JavaFileObject flat = source("Outer_Steps", """
        public final class Outer_Steps {
          @Component(name = "add-flat") public static int add(int x) { return x; }
          @Pipeline(name = "p") public static int p(int x) { return add(x); }
        }
        """);
    Compilation compilation = compile(outer, flat);
    assertNoUncaughtException(compilation);
    assertThat(compilation).hadErrorContaining("[kfp4j:EntrypointNameClash]");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void genericsAndTheDefaultPackageDoNotCrashTheProcessor() {
    JavaFileObject generic = JavaFileObjects.forSourceString("Generic", """
        import dev.kfp4j.annotations.Component;
        import dev.kfp4j.annotations.Pipeline;
        import java.util.List;
        import java.util.Map;
        public final class Generic<T> {
          @Component public static <E> int size(List<E> xs) { return xs.size(); }
          @Component public static int nested(Map<String, List<Map<String, Integer>>> m) { return m.size(); }
          @Component public static int wild(List<? extends Number> xs) { return 0; }
          @Pipeline(name = "gen") public static <E> int p(List<E> xs) { return size(xs); }
        }
        """);
    JavaFileObject plain = JavaFileObjects.forSourceString("Plain", """
        import dev.kfp4j.annotations.Component;
        import dev.kfp4j.annotations.Pipeline;
        public final class Plain {
          @Component public static int add(int x) { return x + 1; }
          @Pipeline(name = "plain") public static int p(int x) { return add(x); }
        }
        """);
    Compilation compilation = compile(generic, plain);
    assertNoUncaughtException(compilation);
    assertThat(compilation).hadErrorContaining("[kfp4j:ComponentGeneric]");
    assertThat(compilation).hadErrorContaining("[kfp4j:PipelineGeneric]");
  }

  @Test
  void theDefaultPackageAloneCompiles() {
    JavaFileObject plain = JavaFileObjects.forSourceString("Plain", """
        import dev.kfp4j.annotations.Component;
        import dev.kfp4j.annotations.Pipeline;
        public final class Plain {
          @Component public static int add(int x) { return x + 1; }
          @Pipeline(name = "plain") public static int p(int x) { return add(x); }
        }
        """);
    Compilation compilation = compile(plain);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("Plain_AddEntrypoint");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "-Akfp4j.storage.root=s3://AKIAX:SECRETVALUE@bucket/runs",
      "-Akfp4j.storage.root=s3://bucket/runs?X-Amz-Signature=SECRETVALUE",
      "-Akfp4j.s3.endpoint=http://minio:SECRETVALUE@minio:9000",
      "-Akfp4j.image=registry.example/app:1?token=SECRETVALUE"})
  void anOptionCarryingACredentialIsAnErrorAndReachesNoFile(String option, @TempDir Path dir) throws IOException {
    Path sources = Files.createDirectories(dir.resolve("src/test"));
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(sources.resolve("Steps.java"), source("Steps", "").getCharContent(true) + """
        public final class Steps {
          @Component public static int add(int x) { return x; }
          @Pipeline(name = "p") public static int p(int x) { return add(x); }
        }
        """);
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
      Boolean ok = javac.getTask(null, files, diagnostics, List.of(option, "-d", out.toString(), "-s", out.toString(),
          "-proc:full"), null, files.getJavaFileObjects(sources.resolve("Steps.java"))).call();
      assertThat(ok).isFalse();
    }
    List<String> errors = diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .map(d -> d.getMessage(java.util.Locale.ROOT)).toList();
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0)).startsWith("[kfp4j:CredentialInOption] " + option.substring(0, option.indexOf('=')));
    assertThat(errors.get(0)).doesNotContain("SECRETVALUE");
    try (Stream<Path> written = Files.walk(out)) {
      for (Path file : written.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).doesNotContain("SECRETVALUE");
      }
    }
  }

  @Test
  void aComponentNamedInputsRunsAsAnotherTaskSoItCannotReplaceTheParameters() throws Exception {
    JavaFileObject src = source("Steps", """
        public final class Steps {
          @Component(name = "inputs") public static int clobber(int a) { return 999; }
          @Component public static int use(int a, int orig) { return orig; }
          @Pipeline(name = "collide") public static int p(int Output) { int a = clobber(Output); return use(a, Output); }
        }
        """);
    Compilation compilation = compile(src);
    assertThat(compilation).succeededWithoutWarnings();
    String ir = compilation.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/kfp4j/collide/pipeline.yaml")
        .orElseThrow().getCharContent(true).toString();
    String argo = compilation.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/kfp4j/collide/workflow.yaml")
        .orElseThrow().getCharContent(true).toString();
    assertThat(ir).contains("inputs-2:");
    assertThat(ir).doesNotContainMatch("(?m)^      inputs:$");
    assertThat(argo).contains("name: \"inputs-2\"");
  }
}
