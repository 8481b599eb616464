package dev.kfp4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every option-annotation message of the catalogue, reported on the annotation value's line: on a call's local
 * variable (read from the source), on a {@code @Component} and on a {@code @Pipeline} method (read from mirrors).
 */
class TaskOptionsValidationTest {

  static Stream<Arguments> invalidValues() {
    return Stream.of(
        Arguments.of("@Resources(memoryLimit = \"4 GiB\")", "InvalidQuantity", "is not a Kubernetes memory quantity"),
        Arguments.of("@Resources(cpuLimit = \"-1\")", "InvalidQuantity", "is not a Kubernetes CPU quantity"),
        Arguments.of("@Resources(cpuRequest = \"2x\")", "InvalidQuantity", "cpuRequest = \"2x\""),
        Arguments.of("@Resources(memoryRequest = \"500m\")", "InvalidQuantity", "memory quantity"),
        Arguments.of("@Resources(cpuRequest = \"2\", cpuLimit = \"1500m\")", "LimitBelowRequest",
            "cpuLimit \"1500m\" is below its request cpuRequest (\"2\")"),
        Arguments.of("@Resources(memoryRequest = \"2Gi\", memoryLimit = \"1Gi\")", "LimitBelowRequest", "memoryLimit"),
        Arguments.of("@Resources(acceleratorCount = 1)", "AcceleratorCountWithoutType", "needs an accelerator type"),
        Arguments.of("@Resources(accelerator = \"nvidia gpu\")", "InvalidAccelerator", "is not a resource name"),
        Arguments.of("@Resources(accelerator = \"nvidia.com/gpu\", acceleratorCount = -1)", "InvalidAccelerator",
            "must not be negative"),
        Arguments.of("@Retry(101)", "InvalidRetry", "@Retry(101) must be between 0 and 100"),
        Arguments.of("@Retry(-1)", "InvalidRetry", "@Retry(-1)"),
        Arguments.of("@Retry(value = 3, backoff = \"30\")", "InvalidDuration", "@Retry(backoff = \"30\") is not a duration"),
        Arguments.of("@Retry(value = 3, maxBackoff = \"ten minutes\")", "InvalidDuration", "maxBackoff"),
        Arguments.of("@Retry(value = 3, factor = 0)", "InvalidBackoffFactor", "greater than 0"),
        Arguments.of("@Timeout(\"1 hour\")", "InvalidDuration", "@Timeout(value = \"1 hour\") is not a duration"),
        Arguments.of("@Timeout(\"1500ms\")", "InvalidTimeout", "whole number of seconds"),
        Arguments.of("@Env(name = \"1ABC\", value = \"x\")", "InvalidEnvName", "'1ABC' is not valid"),
        Arguments.of("@Env(name = \"LOG-LEVEL\", value = \"x\")", "InvalidEnvName", "(e.g. 'LOG_LEVEL')"),
        Arguments.of("@Env(name = \"KFP4J_ROOT\", value = \"x\")", "ReservedEnvName", "KFP4J_ROOT"),
        Arguments.of("@Env(name = \"A\", value = \"1\") @Env(name = \"A\", value = \"2\")", "DuplicateEnvName",
            "'A' is set twice here (by @Env and @Env)"),
        Arguments.of("@Env(name = \"A\", value = \"1\") @SecretEnv(secret = \"s\", key = \"k\", env = \"A\")",
            "DuplicateEnvName", "by @Env and @SecretEnv"),
        Arguments.of("@SecretEnv(secret = \"My_Secret\", key = \"k\", env = \"B\")", "InvalidSecretName", "'My_Secret'"),
        Arguments.of("@SecretEnv(secret = \"db\", key = \"pass word\", env = \"B\")", "InvalidSecretKey", "'pass word'"),
        Arguments.of("@SecretVolume(secret = \"tls\", mountPath = \"etc/tls\")", "InvalidMountPath", "absolute path"),
        Arguments.of("@SecretVolume(secret = \"Tls!\", mountPath = \"/etc/tls\")", "InvalidSecretName", "'Tls!'"),
        Arguments.of("@NodeSelector(key = \"bad key\", value = \"v\")", "InvalidLabel", "@NodeSelector key 'bad key'"),
        Arguments.of("@Toleration(key = \"k\", operator = \"Maybe\")", "InvalidToleration", "operator \"Maybe\""),
        Arguments.of("@Toleration(key = \"k\", operator = \"Exists\", value = \"v\")", "InvalidToleration",
            "must not have a value"),
        Arguments.of("@Toleration(key = \"k\", effect = \"Sometimes\")", "InvalidToleration", "effect \"Sometimes\""),
        Arguments.of("@Toleration(key = \"k\", tolerationSeconds = 10)", "InvalidToleration", "needs effect = \"NoExecute\""),
        Arguments.of("@ImagePullPolicy(\"Sometimes\")", "InvalidPullPolicy", "\"Always\", \"IfNotPresent\" or \"Never\""),
        Arguments.of("@ImagePullSecret(\"Registry_Creds\")", "InvalidSecretName", "'Registry_Creds'"),
        Arguments.of("@DisplayName(\" \")", "BlankOption", "@DisplayName must not be blank"),
        Arguments.of("@Image(\"my image\")", "BlankOption", "no spaces"),
        Arguments.of("@PodLabel(key = \"team\", value = \"data science\")", "InvalidLabel", "@PodLabel value"),
        Arguments.of("@PodAnnotation(key = \"bad key!\", value = \"x\")", "InvalidLabel", "@PodAnnotation key"),
        Arguments.of("@Env(name = \"RUN\", value = \"{{workflow.name}}\")", "TemplateTagInOption",
            "@Env(value = \"{{workflow.name}}\") contains '{{'"),
        Arguments.of("@DisplayName(\"Train {{rate}}\")", "TemplateTagInOption", "@DisplayName(value = \"Train {{rate}}\")"),
        Arguments.of("@PodAnnotation(key = \"example.com/note\", value = \"{{x}}\")", "TemplateTagInOption",
            "@PodAnnotation(value = \"{{x}}\")"));
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("invalidValues")
  void onACall(String annotation, String tag, String text) {
    JavaFileObject src = pipeline("", annotation + "\n    int s = add(a);");
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorContaining("[kfp4j:" + tag + "]");
    assertThat(compilation).hadErrorContaining(text).inFile(src).onLineContaining(annotation);
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("invalidValues")
  void onAComponent(String annotation, String tag, String text) {
    JavaFileObject src = pipeline(annotation, "int s = add(a);");
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorContaining("[kfp4j:" + tag + "]");
    assertThat(compilation).hadErrorContaining(text).inFile(src).onLineContaining(annotation);
  }

  @Test
  void onAPipelineMethod() {
    JavaFileObject src = source("""
        public final class P {
          @Component public static int add(int a) { return a; }
          @Pipeline(name = "p")
          @Retry(value = 2, backoff = "soon")
          public static void p(int a) { add(a); }
        }
        """);
    assertThat(compile(src)).hadErrorContaining("[kfp4j:InvalidDuration] @Retry(backoff = \"soon\")")
        .inFile(src).onLineContaining("@Retry(value = 2");
  }

  @Test
  void aLimitBelowARequestFromAnotherPlaceIsReportedOnTheCall() {
    JavaFileObject src = source("""
        public final class P {
          @Component @Resources(memoryRequest = "8Gi") public static int add(int a) { return a; }
          @Pipeline(name = "p")
          public static void p(int a) {
            @Resources(memoryLimit = "4Gi")
            int s = add(a);
          }
        }
        """);
    assertThat(compile(src)).hadErrorContaining("[kfp4j:LimitBelowRequest] @Resources memoryLimit \"4Gi\" is below its"
        + " request memoryRequest (\"8Gi\")").inFile(src).onLineContaining("@Resources(memoryLimit = \"4Gi\")");
  }

  @Test
  void aPipelineRequestAboveAComponentLimitIsReportedOnTheCall() {
    JavaFileObject src = source("""
        public final class P {
          @Component @Resources(cpuLimit = "1") public static int add(int a) { return a; }
          @Pipeline(name = "p")
          @Resources(cpuRequest = "2")
          public static void p(int a) {
            int s = add(a);
          }
        }
        """);
    assertThat(compile(src)).hadErrorContaining("[kfp4j:LimitBelowRequest] @Resources cpuLimit \"1\" is below its request"
        + " cpuRequest (\"2\")").inFile(src).onLineContaining("int s = add(a);");
  }

  @Test
  void onALoopVariable() {
    JavaFileObject src = source("""
        public final class P {
          @Component @Resources(memoryRequest = "8Gi") public static int add(int a) { return a; }
          @Component public static int twice(int a) { return 2 * a; }
          @Pipeline(name = "p")
          public static void p(java.util.List<Integer> xs) {
            for (@Timeout("soon") int x : xs) {
              int s = twice(x);
            }
            for (@Resources(memoryLimit = "4Gi") int x : xs) {
              int s = add(x);
            }
          }
        }
        """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorContaining("[kfp4j:InvalidDuration] @Timeout(value = \"soon\") is not a duration").inFile(src)
        .onLineContaining("@Timeout(\"soon\")");
    // the loop's limit is below the component's own request: reported on the call that merges them
    assertThat(compilation).hadErrorContaining("[kfp4j:LimitBelowRequest] @Resources memoryLimit \"4Gi\" is below its"
        + " request memoryRequest (\"8Gi\")").inFile(src).onLineContaining("int s = add(x);");
  }

  @Test
  void anEnvNameThatLooksLikeACredentialIsAWarningPointingAtSecretEnv() {
    JavaFileObject src = pipeline("", "@Env(name = \"DB_PASSWORD\", value = \"hunter2\")\n    int s = add(a);");
    Compilation compilation = compile(src);
    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningContaining("[kfp4j:SecretInEnv] @Env(name = \"DB_PASSWORD\") looks like a "
        + "credential").inFile(src).onLineContaining("@Env(name = \"DB_PASSWORD\"");
    assertThat(compilation).hadWarningContaining("@SecretEnv(secret = \"…\", key = \"…\", env = \"DB_PASSWORD\")");
  }

  @Test
  void optionsOnANestedPipelineCallAreAnError() {
    JavaFileObject src = source("""
        public final class P {
          @Component public static int add(int a) { return a; }
          @Pipeline(name = "inner") public static int inner(int a) { return add(a); }
          @Pipeline(name = "outer")
          public static void outer(int a) {
            @Retry(2)
            int s = inner(a);
          }
        }
        """);
    assertThat(compile(src)).hadErrorContaining("[kfp4j:OptionsOnPipelineCall] @Retry on a variable holding the result "
        + "of the nested pipeline 'inner'").inFile(src).onLineContaining("@Retry(2)");
  }

  @Test
  void optionsOnAVariableThatHoldsNoCallAreAnError() {
    JavaFileObject src = pipeline("", "@Retry(2)\n    int s = add(a);\n    @Cache(false)\n    int t = s;");
    assertThat(compile(src)).hadErrorContaining("[kfp4j:UnsupportedStatement] an option annotation (@Cache) on a "
        + "variable that does not hold a component's result").inFile(src).onLineContaining("@Cache(false)");
  }

  @Test
  void constantsQualifiedNamesAndRepeatedContainersAreRead() throws Exception {
    JavaFileObject src = source("""
        public final class P {
          static final String GPU = "nvidia.com/" + "gpu";
          static final int RETRIES = 3;
          @Component public static int add(int a) { return a; }
          @Pipeline(name = "p")
          public static void p(int a) {
            @dev.kfp4j.annotations.Retry(RETRIES)
            @Resources(accelerator = GPU, acceleratorCount = 2)
            @Env.List({@Env(name = "A", value = "1"), @Env(name = "B", value = "2")})
            int s = add(a);
          }
        }
        """);
    Compilation compilation = compile(src);
    assertThat(compilation).succeededWithoutWarnings();
    String ir = compilation.generatedFile(javax.tools.StandardLocation.CLASS_OUTPUT, "", "META-INF/kfp4j/p/pipeline.yaml")
        .orElseThrow().getCharContent(true).toString();
    org.junit.jupiter.api.Assertions.assertAll(
        () -> com.google.common.truth.Truth.assertThat(ir).contains("maxRetryCount: 3"),
        () -> com.google.common.truth.Truth.assertThat(ir).contains("resourceType: \"nvidia.com/gpu\""),
        () -> com.google.common.truth.Truth.assertThat(ir).contains("resourceCount: \"2\""),
        () -> com.google.common.truth.Truth.assertThat(ir).contains("name: \"B\""));
  }

  private static Compilation compile(JavaFileObject src) {
    return Compiler.javac().withProcessors(new Kfp4jProcessor()).compile(src);
  }

  private static JavaFileObject pipeline(String componentAnnotation, String body) {
    return source("""
        public final class P {
          @Component
          %s
          public static int add(int a) { return a; }

          @Pipeline(name = "p")
          public static void p(int a) {
            %s
          }
        }
        """.formatted(componentAnnotation, body.replace("\n", "\n    ")));
  }

  private static JavaFileObject source(String body) {
    return JavaFileObjects.forSourceString("test.P", """
        package test;

        import dev.kfp4j.annotations.*;

        """ + body);
  }
}
