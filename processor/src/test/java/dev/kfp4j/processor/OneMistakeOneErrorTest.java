package dev.kfp4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One mistake in a pipeline body is one error: a failed statement leaves its variable known, so later lines
 * are checked but not re-reported; a construct that is not a component call is named for what it is.
 */
class OneMistakeOneErrorTest {

  private static final String TEMPLATE = """
      package test;

      import dev.kfp4j.annotations.Component;
      import dev.kfp4j.annotations.Pipeline;
      import java.util.List;

      public final class P {
        public record Inner(int a) {}

        public record Outer(Inner inner, int b) {}

        @Component
        public static int add(int a, int b) {
          return a + b;
        }

        @Component
        public static int size(List<String> xs) {
          return xs.size();
        }

        @Component
        public static Outer outer(int x) {
          return new Outer(new Inner(x), x);
        }

        @Component
        public static void print(String s) {
          System.out.println(s);
        }

        @Component
        public static String label(int x) {
          return "n=" + x;
        }

      %s
      }
      """;

  private static JavaFileObject source(String members) {
    return JavaFileObjects.forSourceString("test.P", TEMPLATE.formatted(members.indent(2)));
  }

  private static Compilation compile(JavaFileObject source) {
    return TestPipelines.compiler().compile(source);
  }

  private static String errors(Compilation compilation) {
    return compilation.errors().stream().map(d -> d.getLineNumber() + ": " + d.getMessage(null))
        .collect(Collectors.joining("\n"));
  }

  private static void assertOneError(Compilation compilation, JavaFileObject source, String message, String line) {
    assertThat(compilation).failed();
    assertWithMessage(errors(compilation)).that(compilation.errors().size()).isEqualTo(1);
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
  }

  @Test
  void aWrongArgumentIsOneErrorAndLaterUsesOfItsVariableAreNotReported() {
    JavaFileObject source = source("""
        @Pipeline
        public static String p(List<String> xs, String text) {
          int a = add(text, 1);
          int b = add(a, a);
          print(label(b));
          return label(a);
        }
        """);
    assertOneError(compile(source), source, "[kfp4j:ArgumentTypeMismatch] argument for parameter 'a' of 'add' has "
        + "type String", "int a = add(text, 1);");
  }

  @Test
  void aVariableOfAFailedCallKeepsItsDeclaredTypeSoALaterMistakeIsStillFound() {
    JavaFileObject source = source("""
        @Pipeline
        public static void p(List<String> xs, String text) {
          int a = add(text, 1);
          print(a);
        }
        """);
    Compilation compilation = compile(source);
    assertWithMessage(errors(compilation)).that(compilation.errors().size()).isEqualTo(2);
    assertThat(compilation).hadErrorContaining("argument for parameter 's' of 'print' has type int, which is not "
        + "assignable to String").inFile(source).onLineContaining("print(a);");
  }

  @Test
  void anUnknownCalleeIsOneErrorAndLaterUsesAreNotReported() {
    JavaFileObject source = source("""
        @Pipeline
        public static void p(List<String> xs) {
          var n = sizee(xs);
          print(label(n));
          print(label(add(n, n)));
        }
        """);
    assertOneError(compile(source), source, "[kfp4j:UnknownMethod] cannot find a component or pipeline named 'sizee'",
        "var n = sizee(xs);");
  }

  @Test
  void aFailedRecordResultIsNotReportedAgainWhereItsComponentsAreRead() {
    JavaFileObject source = source("""
        @Pipeline
        public static void p(String text) {
          Outer o = outer(text);
          print(label(o.b()));
        }
        """);
    assertOneError(compile(source), source, "[kfp4j:ArgumentTypeMismatch]", "Outer o = outer(text);");
  }

  @Test
  void aMethodCallOnAValueSaysSoAndWhatToDoInstead() {
    JavaFileObject source = source("""
        @Pipeline
        public static void p(List<String> tokens) {
          tokens.forEach(t -> print(t));
        }
        """);
    assertOneError(compile(source), source, "[kfp4j:UnsupportedExpression] 'tokens.forEach(…)' calls a method on the "
        + "value 'tokens'", "tokens.forEach(");
    assertThat(compile(source)).hadErrorContaining("move it into a @Component method that takes 'tokens'");
  }

  @Test
  void aChainedCallOnAValueNamesTheValue() {
    JavaFileObject source = source("""
        @Pipeline
        public static int p(List<String> lines) {
          return size(lines.stream().map(String::trim).toList());
        }
        """);
    assertOneError(compile(source), source, "[kfp4j:UnsupportedExpression] 'lines.stream().map(…).toList()' calls a method on "
        + "the value 'lines'", "return size(");
  }

  @Test
  void aNestedRecordAccessSaysWhichFormIsSupported() {
    JavaFileObject source = source("""
        @Pipeline
        public static String p(int x) {
          Outer o = outer(x);
          return label(o.inner().a());
        }
        """);
    Compilation compilation = compile(source);
    assertOneError(compilation, source, "[kfp4j:UnsupportedExpression] 'o.inner().a()' reads a component of a nested "
        + "record", "return label(");
    assertThat(compilation).hadErrorContaining("one level deep (o.inner())");
  }

  @Test
  void aSwitchExpressionErrorFitsOnOneLine() {
    JavaFileObject source = source("""
        @Pipeline
        public static String p(int x) {
          return label(switch (x) {
            case 1 -> 10;
            default -> 20;
          });
        }
        """);
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorContaining("[kfp4j:UnsupportedExpression] a switch expression");
    Diagnostic<? extends JavaFileObject> error = compilation.errors().get(0);
    assertThat(error.getMessage(null)).doesNotContain("\n");
  }

  @Test
  void aNonStaticComponentIsOneError() {
    JavaFileObject source = source("""
        @Component
        public int twice(int x) {
          return 2 * x;
        }

        @Pipeline
        public static int p(int x) {
          int y = twice(x);
          return add(y, y);
        }
        """);
    assertOneError(compile(source), source, "[kfp4j:ComponentNotStatic] @Component method 'twice' must be static",
        "public int twice(int x)");
  }
}
