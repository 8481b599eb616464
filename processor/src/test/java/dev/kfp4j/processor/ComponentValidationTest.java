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
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every component-related message of the catalogue, on the element it belongs to; and what is accepted. */
class ComponentValidationTest {

  private static final String SUPPORTED_PARAMETERS = "supported: int, long, double, float, boolean, String and their"
      + " boxes, List<T>, Map<String, T>, public records and enums of these, nested freely";
  private static final String SUPPORTED_RETURNS = "supported: void, int, long, double, float, boolean, String and"
      + " their boxes, List<T>, Map<String, T>, public records and enums of these, nested freely";

  static Compilation compile(JavaFileObject... sources) {
    return Compiler.javac().withProcessors(new Kfp4jProcessor()).compile(sources);
  }

  /** A source in package {@code test}, with the imports every case needs. */
  static JavaFileObject source(String simpleName, String body) {
    return JavaFileObjects.forSourceString("test." + simpleName, """
        package test;

        import dev.kfp4j.annotations.Component;
        import java.util.List;
        import java.util.Map;
        import java.util.Optional;

        """ + body);
  }

  @Test
  void componentNotStatic() {
    JavaFileObject src = source("Steps", """
        public final class Steps {
          @Component
          public int add(List<Integer> numbers) { return 0; }
        }
        """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorContaining("[kfp4j:ComponentNotStatic] @Component method 'add' must be static")
        .inFile(src).onLineContaining("public int add(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void tagFormatIsBracketedPrefixOfTheWholeMessage() {
    JavaFileObject src = source("Steps", """
        public final class Steps {
          @Component
          public int add(List<Integer> numbers) { return 0; }
        }
        """);
    Compilation compilation = compile(src);
    assertThat(compilation).failed();
    assertThat(compilation.errors().get(0).getMessage(Locale.ROOT))
        .isEqualTo("[kfp4j:ComponentNotStatic] @Component method 'add' must be static; add the static modifier");
  }

  @Test
  void componentNotPublic() {
    JavaFileObject src = source("Steps", """
        public final class Steps {
          @Component
          static int add(List<Integer> numbers) { return 0; }
        }
        """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorContaining("[kfp4j:ComponentNotPublic] @Component method 'add' must be public")
        .inFile(src).onLineContaining("static int add(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void componentInNonPublicClass() {
    JavaFileObject src = source("Steps", """
        final class Steps {
          @Component
          public static int add(List<Integer> numbers) { return 0; }
        }
        """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorContaining("[kfp4j:ComponentClassNotAccessible] @Component method 'add' is in"
        + " test.Steps, which must be a public top-level class or a public static nested class; make Steps public")
        .inFile(src).onLineContaining("public static int add(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void componentInNonStaticNestedClass() {
    JavaFileObject src = source("Steps", """
        public final class Steps {
          public final class Inner {
            @Component
            public static int add(List<Integer> numbers) { return 0; }
          }
        }
        """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorContaining("[kfp4j:ComponentClassNotAccessible] @Component method 'add' is in"
        + " test.Steps.Inner, which must be a public top-level class or a public static nested class; make Inner static")
        .inFile(src).onLineContaining("public static int add(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void componentInNestedClassOfNonPublicClass() {
    JavaFileObject src = source("Steps", """
        final class Steps {
          public static final class Inner {
            @Component
            public static int add(List<Integer> numbers) { return 0; }
          }
        }
        """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorContaining("[kfp4j:ComponentClassNotAccessible] @Component method 'add' is in"
        + " test.Steps.Inner, which must be a public top-level class or a public static nested class; make Steps public")
        .inFile(src).onLineContaining("public static int add(");
  }

  @Test
  void componentInAPublicInterfaceIsAccepted() {
    JavaFileObject src = source("Steps", """
        public interface Steps {
          @Component
          static int add(List<Integer> numbers) { return 0; }
        }
        """);
    Compilation compilation = compile(src);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.Steps_AddEntrypoint");
  }

  @Test
  void componentGeneric() {
    JavaFileObject src = source("Steps", """
        public final class Steps {
          @Component
          public static <T extends Number> int count(int limit) { return limit; }
        }
        """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorContaining("[kfp4j:ComponentGeneric] @Component method 'count' must not declare"
        + " type parameters <T>: a container step needs concrete types; replace them with concrete types")
        .inFile(src).onLineContaining("int count(");
    assertThat(compilation).hadErrorCount(1);
  }

  static Stream<Arguments> unsupportedParameters() {
    return Stream.of(
        Arguments.of("Object value", "has type Object", "Object has no fixed JSON shape"),
        Arguments.of("int[] values", "has type int[]", "use List<T> instead of an array"),
        Arguments.of("String[] names", "has type String[]", "use List<T> instead of an array"),
        Arguments.of("byte value", "has type byte", "use int instead"),
        Arguments.of("List values", "has type List,", "a raw List has no element type; write List<T>"),
        Arguments.of("Map<Integer, String> byId", "has type Map<Integer, String>", "map keys must be String, found Integer"),
        Arguments.of("List<Object> values", "has type List<Object>", "its element type Object is not supported"),
        Arguments.of("Hidden value", "has type Hidden", "Hidden must be public so the generated entrypoint can use it"),
        Arguments.of("Loose value", "has type Loose",
            "its component 'payload' has type Object, which is not supported: Object has no fixed JSON shape"),
        Arguments.of("Optional<String> value", "has type Optional<String>", "Optional is not a value"),
        Arguments.of("List<? extends Number> values", "has type List<? extends Number>",
            "a type variable or wildcard has no concrete type"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unsupportedParameters")
  void unsupportedParameterType(String declaration, String typeText, String reason) {
    JavaFileObject src = source("Steps", """
        public final class Steps {
          public record Loose(String name, Object payload) {}

          @Component
          public static int use(
              %s) {
            return 0;
          }
        }

        record Hidden(int x) {}
        """.formatted(declaration));
    Compilation compilation = compile(src);
    String parameter = declaration.substring(declaration.lastIndexOf(' ') + 1);
    assertThat(compilation).hadErrorContaining("[kfp4j:UnsupportedParameterType] parameter '" + parameter
        + "' of @Component method 'use' " + typeText).inFile(src).onLineContaining(declaration);
    assertThat(compilation).hadErrorContaining(reason).inFile(src).onLineContaining(declaration);
    assertThat(compilation).hadErrorContaining(SUPPORTED_PARAMETERS).inFile(src).onLineContaining(declaration);
    assertThat(compilation).hadErrorCount(1);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"Object", "int[]", "Optional<Integer>", "char"})
  void unsupportedReturnType(String type) {
    JavaFileObject src = source("Steps", """
        public final class Steps {
          @Component
          public static %s make(int seed) { throw new UnsupportedOperationException(); }
        }
        """.formatted(type));
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorContaining("[kfp4j:UnsupportedReturnType] @Component method 'make' returns "
        + type + ", which cannot be passed between steps").inFile(src).onLineContaining(" make(");
    assertThat(compilation).hadErrorContaining(SUPPORTED_RETURNS).inFile(src).onLineContaining(" make(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void invalidExplicitNameIsReportedOnTheAnnotationValue() {
    JavaFileObject src = source("Steps", """
        public final class Steps {
          @Component(
              description = "adds",
              name = "Add_Numbers")
          public static int add(List<Integer> numbers) { return 0; }
        }
        """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorContaining("[kfp4j:InvalidName] component name 'Add_Numbers' is not valid: use"
        + " lower-case letters, digits and '-', start with a letter, end with a letter or digit, at most 63 characters"
        + " (e.g. 'add-numbers')").inFile(src).onLineContaining("name = \"Add_Numbers\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void invalidDefaultNameIsReportedOnTheMethod() {
    JavaFileObject src = source("Steps", """
        public final class Steps {
          @Component
          public static int _2fast(List<Integer> numbers) { return 0; }
        }
        """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorContaining("[kfp4j:InvalidName] component name '2fast' is not valid")
        .inFile(src).onLineContaining("int _2fast(");
    assertThat(compilation).hadErrorContaining("(e.g. 'fast')").inFile(src).onLineContaining("int _2fast(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void overloadsHaveTheSameDefaultName() {
    JavaFileObject src = source("Steps", """
        public final class Steps {
          @Component
          public static int add(int a, int b) { return a + b; }

          @Component
          public static int add(List<Integer> numbers) { return 0; }
        }
        """);
    Compilation compilation = compile(src);
    // Components are checked in a stable order (by signature), so the second one reported is always the same.
    assertThat(compilation).hadErrorContaining("[kfp4j:DuplicateComponentName] component name 'add' is already"
        + " used by add(int, int); component names must be unique within a class (overloads included)")
        .inFile(src).onLineContaining("add(List<Integer> numbers)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void explicitNameClashesWithAnotherComponent() {
    JavaFileObject src = source("Steps", """
        public final class Steps {
          @Component(name = "sum")
          public static int add(List<Integer> numbers) { return 0; }

          @Component(name = "sum")
          public static int total(List<Integer> numbers) { return 0; }
        }
        """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorContaining("[kfp4j:DuplicateComponentName] component name 'sum' is already used"
        + " by add(java.util.List<java.lang.Integer>)").inFile(src).onLineContaining("int total(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void overloadsWithDistinctNamesStillNeedDistinctEntrypoints() {
    JavaFileObject src = source("Steps", """
        public final class Steps {
          @Component(name = "add-pair")
          public static int add(int a, int b) { return a + b; }

          @Component(name = "add-all")
          public static int add(List<Integer> numbers) { return 0; }
        }
        """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorContaining("[kfp4j:OverloadedComponentMethod] @Component method"
        + " add(java.util.List<java.lang.Integer>) overloads add(int, int); both would be run by the entrypoint class"
        + " Steps_AddEntrypoint, which is named after the method; give the methods different names")
        .inFile(src).onLineContaining("add(List<Integer> numbers)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void sameNameInDifferentClassesIsFine() {
    JavaFileObject one = source("One", """
        public final class One {
          @Component
          public static int add(List<Integer> numbers) { return 0; }
        }
        """);
    JavaFileObject two = source("Two", """
        public final class Two {
          @Component
          public static int add(List<Integer> numbers) { return 0; }
        }
        """);
    assertThat(compile(one, two)).succeededWithoutWarnings();
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 101})
  void invalidRetries(int retries) {
    JavaFileObject src = source("Steps", """
        public final class Steps {
          @Component(
              retries = %d)
          public static int add(List<Integer> numbers) { return 0; }
        }
        """.formatted(retries));
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorContaining("[kfp4j:InvalidRetries] @Component(retries = " + retries
        + ") on 'add' must be between 0 and 100").inFile(src).onLineContaining("retries = " + retries);
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void everyProblemOfOneComponentIsReportedInOneCompile() {
    JavaFileObject src = source("Steps", """
        public final class Steps {
          @Component(
              name = "Bad",
              retries = -3)
          <T> Object bad(
              Object first,
              byte second) {
            return null;
          }
        }
        """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorContaining("[kfp4j:ComponentNotStatic]").inFile(src).onLineContaining("Object bad(");
    assertThat(compilation).hadErrorContaining("[kfp4j:ComponentNotPublic]").inFile(src).onLineContaining("Object bad(");
    assertThat(compilation).hadErrorContaining("[kfp4j:ComponentGeneric]").inFile(src).onLineContaining("Object bad(");
    assertThat(compilation).hadErrorContaining("[kfp4j:InvalidName]").inFile(src).onLineContaining("name = \"Bad\"");
    assertThat(compilation).hadErrorContaining("[kfp4j:InvalidRetries]").inFile(src).onLineContaining("retries = -3");
    assertThat(compilation).hadErrorContaining("parameter 'first'").inFile(src).onLineContaining("Object first,");
    assertThat(compilation).hadErrorContaining("parameter 'second'").inFile(src).onLineContaining("byte second)");
    assertThat(compilation).hadErrorContaining("[kfp4j:UnsupportedReturnType]").inFile(src).onLineContaining("Object bad(");
    assertThat(compilation).hadErrorCount(8);
  }

  @Test
  void oneBadComponentDoesNotStopAGoodOneInTheSameClass(@TempDir Path out) throws IOException {
    JavaFileObject src = source("Steps", """
        public final class Steps {
          @Component
          public static int good(List<Integer> numbers) { return numbers.size(); }

          @Component
          public int bad(List<Integer> numbers) { return 0; }
        }
        """);
    // compile-testing hides the generated files of a failed compilation, so this case runs javac itself.
    Path generated = Files.createDirectories(out.resolve("generated"));
    Path classes = Files.createDirectories(out.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(generated));
      files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classes));
      JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics, List.of(), null, List.of(src));
      task.setProcessors(List.of(new Kfp4jProcessor()));
      assertThat(task.call()).isFalse();
    }
    assertThat(diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).map(d -> d.getMessage(Locale.ROOT)).toList())
        .containsExactly("[kfp4j:ComponentNotStatic] @Component method 'bad' must be static; add the static modifier");
    assertThat(Files.exists(generated.resolve("test/Steps_GoodEntrypoint.java"))).isTrue();
    assertThat(Files.exists(classes.resolve("META-INF/kfp4j/components/test.Steps.good.component"))).isTrue();
    assertThat(Files.exists(generated.resolve("test/Steps_BadEntrypoint.java"))).isFalse();
    assertThat(Files.exists(classes.resolve("META-INF/kfp4j/components/test.Steps.bad.component"))).isFalse();
  }

  @Test
  void voidComponentIsValid() {
    JavaFileObject src = source("Steps", """
        public final class Steps {
          @Component(description = "prints the numbers")
          public static void print(List<Integer> numbers) { System.out.println(numbers); }
        }
        """);
    Compilation compilation = compile(src);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.Steps_PrintEntrypoint")
        .contentsAsUtf8String().contains("List.of(\"numbers\"), List.of())");
  }

  @Test
  void recordsEnumsNestedCollectionsAndBoxesAreValid() {
    JavaFileObject src = source("Steps", """
        public final class Steps {
          public enum Mode { FAST, SLOW }

          public record Rec(String name, List<Integer> values, Mode mode, Map<String, Double> weights) {}

          public record Tree(String label, List<Tree> children) {}

          @Component
          public static List<Map<String, Rec>> nested(List<Map<String, Rec>> groups, Mode mode, Tree tree) {
            return groups;
          }

          @Component
          public static Rec boxes(Integer a, Long b, Double c, Float d, Boolean e, String f,
              int g, long h, double i, float j, boolean k) {
            return null;
          }

          @Component
          public static Mode pick(Map<String, List<Mode>> options) { return Mode.FAST; }
        }
        """);
    Compilation compilation = compile(src);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.Steps_NestedEntrypoint").contentsAsUtf8String()
        .contains("new ValueType<List<Map<String, Steps.Rec>>>() {}");
    assertThat(compilation).generatedSourceFile("test.Steps_BoxesEntrypoint").contentsAsUtf8String()
        .contains("List.of(\"name\", \"values\", \"mode\", \"weights\")");
    assertThat(compilation).generatedSourceFile("test.Steps_PickEntrypoint").contentsAsUtf8String()
        .contains("ValueType.of(Steps.Mode.class)");
  }

  @Test
  void componentInPublicStaticNestedClassIsValid() {
    JavaFileObject src = source("Outer", """
        public final class Outer {
          public static final class Inner {
            @Component
            public static int addAll(List<Integer> numbers) { return 0; }
          }
        }
        """);
    Compilation compilation = compile(src);
    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("test.Outer_Inner_AddAllEntrypoint").contentsAsUtf8String()
        .contains("new ComponentDescriptor(\"add-all\", \"test.Outer.Inner.addAll\"");
  }

  @Test
  void everyMessageHasAStableTag() {
    for (dev.kfp4j.processor.diagnostic.Message message : dev.kfp4j.processor.diagnostic.Message.values()) {
      assertThat(message.tag()).matches("[A-Z][A-Za-z]+");
      assertThat(message.format(new Object[20])).startsWith("[kfp4j:" + message.tag() + "] ");
    }
  }
}
