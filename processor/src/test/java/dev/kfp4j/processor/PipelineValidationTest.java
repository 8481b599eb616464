package dev.kfp4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every pipeline error in the catalogue ({@code Message}), each triggered by a small pipeline and
 * asserted on its file, line and — where it is about an expression — the column of that expression.
 */
class PipelineValidationTest {

  /** Components the pipelines under test call; {@code %s} is replaced by the members under test. */
  private static final String TEMPLATE = """
      package test;

      import dev.kfp4j.annotations.Component;
      import dev.kfp4j.annotations.Pipeline;
      import java.util.List;

      public final class P {
        public record Stats(double mean, int count) {}

        public static int counter = 1;

        public static final int COMPUTED = Integer.parseInt("1");

        @Component
        public static int add(int a, int b) {
          return a + b;
        }

        @Component
        public static int sum(List<Integer> xs) {
          return xs.size();
        }

        @Component
        public static Stats stats(List<Integer> xs) {
          return new Stats(0, xs.size());
        }

        @Component
        public static double scale(double x, long factor) {
          return x * factor;
        }

        @Component
        public static void log(String message) {
          System.out.println(message);
        }

        public static int helper(int x) {
          return x;
        }

      %s
      }
      """;

  private static JavaFileObject source(String members) {
    return JavaFileObjects.forSourceString("test.P", TEMPLATE.formatted(members.indent(2)));
  }

  static JavaFileObject pipeline(String body) {
    return source("""
        @Pipeline
        public static void p(List<Integer> xs) {
        %s}
        """.formatted(body.indent(2)));
  }

  private static Compilation compile(JavaFileObject... sources) {
    return TestPipelines.compiler().compile(sources);
  }

  /** The 1-based line and column of {@code expression} in the first source line containing {@code line}. */
  private static long[] position(JavaFileObject source, String line, String expression) {
    try {
      String[] lines = source.getCharContent(true).toString().split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].contains(line)) {
          int index = lines[i].indexOf(expression, lines[i].indexOf(line));
          assertThat(index).isAtLeast(0);
          return new long[] {i + 1, index + 1};
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new AssertionError("no line containing " + line);
  }

  /**
   * The error is in {@code source} on the line containing {@code line}, and its column is where
   * {@code expression} starts on that line: it points at the construct itself.
   */
  private static void assertErrorAt(Compilation compilation, JavaFileObject source, String message, String line,
      String expression) {
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
    long[] position = position(source, line, expression);
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLine(position[0]).atColumn(position[1]);
  }

  static void assertErrorAt(JavaFileObject source, String message, String line, String expression) {
    assertErrorAt(compile(source), source, message, line, expression);
  }

  // ---- the method and its signature

  @Test
  void pipelineNotStatic() {
    JavaFileObject source = source("""
        @Pipeline
        public int notStatic(List<Integer> xs) {
          return sum(xs);
        }
        """);
    assertThat(compile(source)).hadErrorContaining(
        "[kfp4j:PipelineNotStatic] @Pipeline method 'notStatic' must be static; add the static modifier")
        .inFile(source).onLineContaining("public int notStatic(");
  }

  @Test
  void pipelineNotPublic() {
    JavaFileObject source = source("""
        @Pipeline
        static int hidden(List<Integer> xs) {
          return sum(xs);
        }
        """);
    assertThat(compile(source)).hadErrorContaining(
        "[kfp4j:PipelineNotPublic] @Pipeline method 'hidden' must be public; add the public modifier")
        .inFile(source).onLineContaining("static int hidden(");
  }

  @Test
  void pipelineGeneric() {
    JavaFileObject source = source("""
        @Pipeline
        public static <T> int generic(List<Integer> xs) {
          return sum(xs);
        }
        """);
    assertThat(compile(source)).hadErrorContaining("[kfp4j:PipelineGeneric] @Pipeline method 'generic' must not "
        + "declare type parameters; replace them with concrete types").inFile(source).onLineContaining("<T> int generic(");
  }

  @Test
  void duplicatePipelineName() {
    JavaFileObject source = source("""
        @Pipeline(name = "same")
        public static int first(List<Integer> xs) {
          return sum(xs);
        }

        @Pipeline(name = "same")
        public static int second(List<Integer> xs) {
          return sum(xs);
        }
        """);
    assertThat(compile(source)).hadErrorContaining("[kfp4j:DuplicatePipelineName] pipeline name 'same' is already "
        + "used by test.P.first; pipeline names must be unique").inFile(source).onLineContaining("int second(");
  }

  @Test
  void invalidPipelineName() {
    JavaFileObject source = source("""
        @Pipeline(name = "Not_Valid")
        public static int badName(List<Integer> xs) {
          return sum(xs);
        }
        """);
    assertThat(compile(source)).hadErrorContaining("[kfp4j:InvalidName] pipeline name 'Not_Valid' is not valid: use "
        + "lower-case letters, digits and '-'").inFile(source).onLineContaining("int badName(");
    assertThat(compile(source)).hadErrorContaining("(e.g. 'not-valid')");
  }

  @Test
  void unsupportedPipelineParameterType() {
    JavaFileObject source = source("""
        @Pipeline
        public static int objects(Object thing) {
          return add(1, 2);
        }
        """);
    assertThat(compile(source)).hadErrorContaining("[kfp4j:UnsupportedPipelineParameterType] parameter 'thing' of "
        + "@Pipeline method 'objects' has type Object, which cannot be a pipeline input (Object has no fixed JSON shape")
        .inFile(source).onLineContaining("Object thing");
  }

  @Test
  void unsupportedPipelineReturnType() {
    JavaFileObject source = source("""
        @Pipeline
        public static int[] arrays(List<Integer> xs) {
          return null;
        }
        """);
    assertThat(compile(source)).hadErrorContaining("[kfp4j:UnsupportedPipelineReturnType] @Pipeline method 'arrays' "
        + "returns int[], which cannot be a pipeline output (use List<T> instead of an array)")
        .inFile(source).onLineContaining("int[] arrays(");
  }

  // ---- statements

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      a switch statement                              | switch (xs.size()) { default -> log("x"); }
      a nested block                                  | { log("x"); }
      an assignment 'xs = null'                       | xs = null;
      an increment 'P.counter++'                      | P.counter++;
      """)
  void unsupportedStatement(String described, String statement) {
    JavaFileObject source = pipeline(statement + "\n");
    assertErrorAt(source, "[kfp4j:UnsupportedStatement] " + described, statement, statement);
  }

  @Test
  void returnNotLast() {
    JavaFileObject source = source("""
        @Pipeline
        public static int early(List<Integer> xs) {
          return sum(xs);
          log("never");
        }
        """);
    assertErrorAt(source, "[kfp4j:PipelineReturnNotLast] the return statement must be the last statement of a "
        + "@Pipeline body", "log(\"never\");", "log(\"never\");");
  }

  // ---- expressions: each error points at the expression itself

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      arithmetic 'counter + 1'                       | counter + 1
      a lambda '()->1'                               | () -> 1
      object creation (new …) 'new Integer(5)'       | new Integer(5)
      field access 'st.count'                        | st.count
      a conditional expression (?:) 'xs.isEmpty() ? 1 : 2' | xs.isEmpty() ? 1 : 2
      a cast '(int)2.5'                              | (int) 2.5
      a method reference 'P::helper'                 | P::helper
      """)
  void unsupportedExpression(String described, String expression) {
    JavaFileObject source = pipeline("Stats st = stats(xs);\nint r = add(" + expression + ", 1);\n");
    assertErrorAt(source, "[kfp4j:UnsupportedExpression] " + described + " is not supported here in a @Pipeline body",
        "int r = add(", expression);
  }

  @Test
  void returningAParameter() {
    JavaFileObject source = source("""
        @Pipeline
        public static List<Integer> echo(List<Integer> xs) {
          log("x");
          return xs;
        }
        """);
    assertErrorAt(source, "[kfp4j:UnsupportedExpression] returning a pipeline parameter 'xs' as the pipeline's result",
        "return xs;", "xs;");
  }

  @Test
  void returningAConstant() {
    JavaFileObject source = source("""
        @Pipeline
        public static int five(List<Integer> xs) {
          log("x");
          return 5;
        }
        """);
    assertErrorAt(source, "[kfp4j:UnsupportedExpression] returning a constant '5' as the pipeline's result",
        "return 5;", "5;");
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', textBlock = """
      'P.COMPUTED' (a static final field whose value is computed when the class loads  | COMPUTED, 1
      'P.counter' (a field that is not static final                                    | P.counter, 1
      'Double.NaN' (NaN and the infinities are not JSON numbers)                       | Double.NaN, 1
      'Long.MAX_VALUE' (9223372036854775807 is beyond ±2^53                            | 1.5, Long.MAX_VALUE
      the literal 9007199254740993 (9007199254740993 is beyond ±2^53                   | 1.5, 9007199254740993L
      """)
  void constantNotSerializable(String described, String arguments) {
    JavaFileObject source = pipeline("double r = scale(" + arguments + ");\n");
    String expression = arguments.startsWith("1.5, ") ? arguments.substring(5) : arguments.substring(0, arguments.indexOf(','));
    assertErrorAt(source, "[kfp4j:ConstantNotSerializable] " + described, "double r = scale(", expression);
  }

  @Test
  void theLargestExactLongIsAConstant() {
    assertThat(compile(pipeline("double r = scale(1.5, 9007199254740992L);\n"))).succeededWithoutWarnings();
  }

  // ---- calls

  @Test
  void notAComponent() {
    JavaFileObject source = pipeline("int r = helper(1);\n");
    assertErrorAt(source, "[kfp4j:NotAComponent] 'helper' is not a @Component or @Pipeline method; a @Pipeline body "
        + "may only call components and pipelines; annotate 'helper' with @Component", "int r = helper(", "helper(");
  }

  @Test
  void unknownMethodSuggestsTheNearestName() {
    JavaFileObject source = pipeline("int r = summ(xs);\n");
    assertErrorAt(source, "[kfp4j:UnknownMethod] cannot find a component or pipeline named 'summ'; did you mean 'sum'?",
        "int r = summ(", "summ(");
  }

  @Test
  void unknownMethodWithNothingNearby() {
    JavaFileObject source = pipeline("int r = P.frobnicate(xs);\n");
    assertErrorAt(source, "[kfp4j:UnknownMethod] cannot find a component or pipeline named 'P.frobnicate'; check the "
        + "name and its import", "int r = P.frobnicate(", "P.frobnicate(");
  }

  @Test
  void wrongArgumentCount() {
    JavaFileObject source = pipeline("int r = add(1);\n");
    assertErrorAt(source, "[kfp4j:WrongArgumentCount] 'add' takes 2 argument(s) (int a, int b) but is called with 1",
        "int r = add(1)", "add(1)");
  }

  @Test
  void argumentTypeMismatchIsReportedAtTheArgument() {
    JavaFileObject source = pipeline("int r = add(\"one\", 2);\n");
    assertErrorAt(source, "[kfp4j:ArgumentTypeMismatch] argument for parameter 'a' of 'add' has type String, which is "
        + "not assignable to int; pass a value of type int", "int r = add(", "\"one\"");
  }

  @Test
  void argumentTypeMismatchOfAnEarlierResult() {
    JavaFileObject source = pipeline("Stats st = stats(xs);\nint r = add(1, st.mean());\n");
    assertErrorAt(source, "[kfp4j:ArgumentTypeMismatch] argument for parameter 'b' of 'add' has type double, which is "
        + "not assignable to int", "int r = add(", "st.mean()");
  }

  @Test
  void undefinedVariable() {
    JavaFileObject source = pipeline("int r = add(missing, 1);\n");
    assertErrorAt(source, "[kfp4j:UndefinedVariable] 'missing' is not a pipeline parameter or a variable assigned "
        + "earlier in this pipeline", "int r = add(", "missing");
  }

  @Test
  void wholeRecordResult() {
    JavaFileObject source = pipeline("Stats st = stats(xs);\nint r = add(st, 1);\n");
    assertErrorAt(source, "[kfp4j:WholeRecordResult] 'st' holds the record result of 'stats', whose components are "
        + "separate outputs (mean, count); pass one of them, e.g. st.mean()", "int r = add(", "st,");
  }

  @Test
  void unknownRecordComponent() {
    JavaFileObject source = pipeline("Stats st = stats(xs);\nint r = add(st.total(), 1);\n");
    assertErrorAt(source, "[kfp4j:UnknownRecordComponent] 'st' has no record component 'total()'; it has: mean, count",
        "int r = add(", "st.total");
  }

  @Test
  void voidResultUsed() {
    JavaFileObject source = pipeline("int r = add(log(\"x\"), 1);\n");
    assertErrorAt(source, "[kfp4j:VoidResultUsed] 'log' returns void, so it has no result to use; call it as a "
        + "statement", "int r = add(", "log(\"x\")");
  }

  @Test
  void overloadedComponent() {
    JavaFileObject source = source("""
        @Component
        public static int inc(int x) {
          return x + 1;
        }

        @Pipeline(name = "inc-twice")
        public static int inc(String x) {
          return add(1, 1);
        }

        @Pipeline
        public static int overloaded(List<Integer> xs) {
          return inc(3);
        }
        """);
    assertErrorAt(source, "[kfp4j:OverloadedComponent] 'inc' has more than one @Component or @Pipeline overload with 1 "
        + "parameters", "return inc(3);", "inc(3)");
  }

  @Test
  void aCallToAnInvalidComponentIsReportedOnlyOnTheComponent() {
    JavaFileObject source = source("""
        @Component
        public int notStatic(int x) {
          return x;
        }

        @Pipeline
        public static int usesIt(int x) {
          return notStatic(x);
        }
        """);
    Compilation compilation = compile(source);
    assertThat(compilation).hadErrorContaining("[kfp4j:ComponentNotStatic]").inFile(source)
        .onLineContaining("public int notStatic(");
    assertThat(compilation).hadErrorCount(1); // not a second, misleading "not a @Component" at the call
  }

  // ---- whole-pipeline rules

  @Test
  void recursivePipeline() {
    JavaFileObject source = source("""
        @Pipeline
        public static int again(List<Integer> xs) {
          return again(xs);
        }
        """);
    assertErrorAt(source, "[kfp4j:RecursivePipeline] pipeline 'again' calls itself through again → again; pipelines "
        + "cannot recurse", "return again(xs);", "again(xs)");
  }

  @Test
  void mutuallyRecursivePipelines() {
    JavaFileObject source = source("""
        @Pipeline
        public static int ping(List<Integer> xs) {
          return pong(xs);
        }

        @Pipeline
        public static int pong(List<Integer> xs) {
          return ping(xs);
        }
        """);
    assertErrorAt(source, "[kfp4j:RecursivePipeline] pipeline 'ping' calls itself through ping → pong → ping",
        "return ping(xs);", "ping(xs)");
  }

  @Test
  void tooManyTasks() {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      body.append("log(\"step ").append(i).append("\");\n");
    }
    JavaFileObject source = source("""
        @Pipeline
        public static void huge(List<Integer> xs) {
        %s}
        """.formatted(body.toString().indent(2)));
    assertThat(compile(source)).hadErrorContaining("[kfp4j:TooManyTasks] pipeline 'huge' has 201 tasks; Argo allows at "
        + "most 200 tasks in one DAG; split it into nested @Pipeline methods").inFile(source)
        .onLineContaining("void huge(");
  }

  @Test
  void tooManyTasksInALoopBody() {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 201; i++) {
      body.append("log(\"step ").append(i).append("\");\n");
    }
    JavaFileObject source = source("""
        @Pipeline
        public static void wide(List<Integer> xs) {
          for (int x : xs) {
        %s  }
        }
        """.formatted(body.toString().indent(4)));
    assertThat(compile(source)).hadErrorContaining("[kfp4j:TooManyTasks] the DAG 'for-loop-1' of pipeline 'wide' (a "
        + "loop's body) has 201 tasks; Argo allows at most 200 tasks in one DAG").inFile(source)
        .onLineContaining("void wide(");
  }

  @Test
  void justBelowTheTaskLimitCompiles() {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 199; i++) {
      body.append("log(\"step ").append(i).append("\");\n");
    }
    assertThat(compile(pipeline(body.toString()))).succeededWithoutWarnings();
  }

  @Test
  void emptyPipeline() {
    JavaFileObject source = source("""
        @Pipeline
        public static void nothing(List<Integer> xs) {
        }
        """);
    assertThat(compile(source)).hadErrorContaining("[kfp4j:EmptyPipeline] @Pipeline method 'nothing' calls no component "
        + "or pipeline; a pipeline needs at least one task").inFile(source).onLineContaining("void nothing(");
  }

  @Test
  void tooManyTemplates() {
    StringBuilder members = new StringBuilder();
    for (String half : new String[] {"left", "right"}) {
      StringBuilder body = new StringBuilder();
      for (int i = 0; i < 100; i++) {
        members.append("@Component\npublic static void ").append(half).append(i).append("() {\n}\n\n");
        body.append("  ").append(half).append(i).append("();\n");
      }
      members.append("@Pipeline\npublic static void ").append(half).append("() {\n").append(body).append("}\n\n");
    }
    members.append("@Pipeline\npublic static void both() {\n  left();\n  right();\n}\n");
    JavaFileObject source = source(members.toString());
    assertThat(compile(source)).hadErrorContaining("[kfp4j:TooManyTemplates] pipeline 'both' needs 204 Argo templates "
        + "(one per component it runs, one per nested pipeline, a few per loop, and 2 of its own); Argo allows at most 200 in one "
        + "workflow").inFile(source).onLineContaining("void both(");
  }

  // ---- libraries

  @Test
  void componentOfALibraryNotCompiledWithKfp4j(@TempDir Path dir) {
    Path jar = library(dir, Compiler.javac().withOptions("-proc:none"), "lib.Plain", """
        package lib;

        import dev.kfp4j.annotations.Component;

        public final class Plain {
          @Component
          public static int twice(int x) {
            return 2 * x;
          }
        }
        """);
    JavaFileObject source = JavaFileObjects.forSourceString("test.Uses", """
        package test;

        import dev.kfp4j.annotations.Pipeline;
        import lib.Plain;

        public final class Uses {
          @Pipeline
          public static int twiceOf(int x) {
            return Plain.twice(x);
          }
        }
        """);
    Compilation compilation = TestPipelines.compiler().withClasspath(TestPipelines.classpathWith(jar)).compile(source);
    assertErrorAt(compilation, source, "[kfp4j:LibraryComponentNotProcessed] 'twice' is a @Component method of a "
        + "compiled class, but lib.Plain_TwiceEntrypoint is not on the class path", "return Plain.twice(x);",
        "Plain.twice");
  }

  @Test
  void pipelineOfALibrary(@TempDir Path dir) {
    Path jar = library(dir, TestPipelines.compiler(), "lib.Flows", """
        package lib;

        import dev.kfp4j.annotations.Component;
        import dev.kfp4j.annotations.Pipeline;

        public final class Flows {
          @Component
          public static int twice(int x) {
            return 2 * x;
          }

          @Pipeline
          public static int quadruple(int x) {
            return twice(twice(x));
          }
        }
        """);
    JavaFileObject source = JavaFileObjects.forSourceString("test.Uses", """
        package test;

        import dev.kfp4j.annotations.Pipeline;
        import lib.Flows;

        public final class Uses {
          @Pipeline
          public static int eightTimes(int x) {
            return Flows.twice(Flows.quadruple(x));
          }
        }
        """);
    Compilation compilation = TestPipelines.compiler().withClasspath(TestPipelines.classpathWith(jar)).compile(source);
    assertErrorAt(compilation, source, "[kfp4j:PipelineNotInSource] 'quadruple' is a @Pipeline method of a "
        + "compiled class; kfp4j reads pipeline bodies from source", "return Flows", "Flows.quadruple");
  }

  /** Compiles one class with {@code compiler} and packs its output as a jar. */
  private static Path library(Path dir, Compiler compiler, String className, String source) {
    Compilation compilation = compiler.compile(JavaFileObjects.forSourceString(className, source));
    assertThat(compilation).succeeded();
    Path jar = dir.resolve("library.jar");
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
      for (Map.Entry<String, byte[]> entry : TestPipelines.outputs(compilation).entrySet()) {
        zip.putNextEntry(new JarEntry(entry.getKey()));
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return jar;
  }
}
