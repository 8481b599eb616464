package dev.kfp4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Every container-step message of the catalogue ({@code @ContainerStep}, {@code @ComponentFile}), on
 * the line it belongs to; the published KFP component files come from {@code components/kfp/} on the
 * test class path (see SOURCE.txt there).
 */
class ContainerStepValidationTest {

  private static Compilation compile(JavaFileObject source) {
    return Compiler.javac().withProcessors(new Kfp4jProcessor()).compile(source);
  }

  private static JavaFileObject source(String body) {
    return JavaFileObjects.forSourceString("test.Steps", """
        package test;

        import dev.kfp4j.annotations.Component;
        import dev.kfp4j.annotations.ComponentFile;
        import dev.kfp4j.annotations.ContainerStep;
        import dev.kfp4j.annotations.Pipeline;
        import java.util.List;

        public final class Steps {
        """ + body + "\n}\n");
  }

  @Test
  void validStepsCompileWithoutWarningsAndGetNoEntrypoint() {
    Compilation compilation = compile(source("""
          @Component
          @ContainerStep(image = "busybox", command = {"sh", "-c", "echo $(($0 + 1)) > $1"},
              args = {"{{inputs.x}}", "{{outputs.Output}}"})
          public static int next(int x) { return x + 1; }

          @Component
          @ComponentFile("components/kfp/add_component.yaml")
          public static int add(int op_1, int op2) { return op_1 + op2; }

          @Pipeline(name = "p")
          public static int p(int x) {
            return add(next(x), 2);
          }
        """));
    assertThat(compilation).succeededWithoutWarnings();
    org.junit.jupiter.api.Assertions.assertTrue(compilation.generatedSourceFiles().isEmpty(),
        "no entrypoint for container steps: " + compilation.generatedSourceFiles());
  }

  @Test
  void containerStepNotComponent() {
    JavaFileObject src = source("""
          @ContainerStep(image = "busybox", command = "true")
          public static void quiet() {}
        """);
    assertThat(compile(src)).hadErrorContaining("[kfp4j:ContainerStepNotComponent] @ContainerStep on 'quiet' makes a"
        + " @Component a container step, but 'quiet' has no @Component; add @Component").inFile(src).onLineContaining("quiet()");
  }

  @Test
  void containerStepAndFile() {
    JavaFileObject src = source("""
          @Component
          @ContainerStep(image = "busybox", command = "true")
          @ComponentFile("components/kfp/add_component.yaml")
          public static void both() {}
        """);
    assertThat(compile(src)).hadErrorContaining("[kfp4j:ContainerStepAndFile] 'both' has both @ContainerStep and"
        + " @ComponentFile").inFile(src).onLineContaining("both()");
  }

  @Test
  void containerImageConflict() {
    JavaFileObject src = source("""
          @Component(image = "other:1")
          @ContainerStep(image = "busybox", command = "true")
          public static void twice() {}
        """);
    assertThat(compile(src)).hadErrorContaining("[kfp4j:ContainerImageConflict] 'twice' names its image twice:"
        + " @Component(image = \"other:1\") and the container step's 'busybox'; remove @Component(image)")
        .inFile(src).onLineContaining("other:1");
  }

  @Test
  void containerEmptyField() {
    JavaFileObject src = source("""
          @Component
          @ContainerStep(image = "",
              command = {})
          public static void empty() {}
        """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorContaining("[kfp4j:ContainerEmptyField] @ContainerStep(image) of 'empty' is empty")
        .inFile(src).onLineContaining("image = \"\"");
    assertThat(compilation).hadErrorContaining("[kfp4j:ContainerEmptyField] @ContainerStep(command) of 'empty' is empty")
        .inFile(src).onLineContaining("command = {}");
  }

  @Test
  void containerBadPlaceholder() {
    JavaFileObject src = source("""
          @Component
          @ContainerStep(image = "busybox", command = "echo",
              args = "{{$.inputs.parameters['x']}}")
          public static void bad(int x) {}
        """);
    assertThat(compile(src)).hadErrorContaining("[kfp4j:ContainerBadPlaceholder] '{{$.inputs.parameters['x']}}' in"
        + " @ContainerStep of 'bad' is not a placeholder kfp4j knows; use {{inputs.NAME}}").inFile(src)
        .onLineContaining("args =");
  }

  @Test
  void containerUnknownPlaceholder() {
    JavaFileObject src = source("""
          @Component
          @ContainerStep(image = "busybox", command = "echo",
              args = {"{{inputs.y}}", "{{outputs.Output}}"})
          public static int unknown(int x) { return x; }
        """);
    assertThat(compile(src)).hadErrorContaining("[kfp4j:ContainerUnknownPlaceholder] placeholder '{{inputs.y}}' in"
        + " @ContainerStep of 'unknown' names no parameter of the method; it has: x").inFile(src).onLineContaining("args =");
  }

  @Test
  void containerContextPlaceholder() {
    JavaFileObject src = source("""
          @Component
          @ContainerStep(image = "python:3", command = {"python3", "/app/step.py", "{{inputs.x}}"},
              protocol = ContainerStep.Protocol.CONTEXT)
          public static int context(int x) { return x; }
        """);
    assertThat(compile(src)).hadErrorContaining("[kfp4j:ContainerContextPlaceholder] @ContainerStep of 'context' uses"
        + " protocol CONTEXT").inFile(src).onLineContaining("/app/step.py");
  }

  @Test
  void containerOutputNotWritten() {
    JavaFileObject src = source("""
          @Component
          @ContainerStep(image = "busybox", command = "echo",
              args = "{{inputs.x}}")
          public static int unwritten(int x) { return x; }
        """);
    assertThat(compile(src)).hadErrorContaining("[kfp4j:ContainerOutputNotWritten] output 'Output' of container step"
        + " 'unwritten' has no {{outputs.Output}} placeholder").inFile(src).onLineContaining("args =");
  }

  @Test
  void componentFileNotFound() {
    JavaFileObject src = source("""
          @Component
          @ComponentFile("components/missing.yaml")
          public static void missing() {}
        """);
    assertThat(compile(src)).hadErrorContaining("[kfp4j:ComponentFileNotFound] component file 'components/missing.yaml'"
        + " of 'missing' is neither on the source path nor on the class path").inFile(src).onLineContaining("missing.yaml");
  }

  @Test
  void componentFileInvalid() {
    JavaFileObject src = source("""
          @Component
          @ComponentFile("components/kfp/SOURCE.txt")
          public static void notYaml() {}
        """);
    assertThat(compile(src)).hadErrorContaining("[kfp4j:ComponentFileInvalid] component file 'components/kfp/SOURCE.txt'"
        + " of 'notYaml' is not a KFP component").inFile(src).onLineContaining("SOURCE.txt");
  }

  @Test
  void publishedComponentFilesWithArtifactsBindToPathsWithoutWarnings() {
    Compilation compilation = compile(source("""
          public record Trained(@dev.kfp4j.annotations.Artifact(dev.kfp4j.annotations.Artifact.Type.MODEL)
              java.nio.file.Path model_output, String model_config) {}

          @Component
          @ComponentFile("components/kfp/trainer_component.yaml")
          public static Trained train(@dev.kfp4j.annotations.Artifact java.nio.file.Path input_location,
              String train_optimizer, int num_epochs) { throw ContainerStep.Direct.notInJava(); }

          @Component
          @ComponentFile("components/v2/dataset.yaml")
          public static java.nio.file.Path makeDataset(int rows) { throw ContainerStep.Direct.notInJava(); }

          @Pipeline(name = "p")
          public static String p(int rows) {
            Trained trained = train(makeDataset(rows), "adam", 3);
            return trained.model_config();
          }
        """));
    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void anInlinePlainStepPassesPathsAsArtifactsToo() throws Exception {
    Compilation compilation = compile(source("""
          @Component
          @ContainerStep(image = "busybox", command = {"sh", "-c", "wc -l < \\"$0\\" > \\"$1\\"; cp \\"$0\\" \\"$2\\""},
              args = {"{{inputs.data}}", "{{outputs.rows}}", "{{outputs.copy}}"})
          public static Counted count(java.nio.file.Path data) { throw ContainerStep.Direct.notInJava(); }

          public record Counted(int rows, java.nio.file.Path copy) {}

          @Pipeline(name = "p")
          public static int p(java.nio.file.Path data) {
            Counted counted = count(data);
            return counted.rows();
          }
        """));
    assertThat(compilation).succeededWithoutWarnings();
    String ir = compilation.generatedFile(javax.tools.StandardLocation.CLASS_OUTPUT, "META-INF/kfp4j/p/pipeline.yaml")
        .orElseThrow().getCharContent(true).toString();
    org.junit.jupiter.api.Assertions.assertTrue(ir.contains("\"{{$.inputs.artifacts['data'].path}}\"")
        && ir.contains("\"{{$.outputs.parameters['rows'].output_file}}\"")
        && ir.contains("\"{{$.outputs.artifacts['copy'].path}}\""), ir);
    String workflow = compilation.generatedFile(javax.tools.StandardLocation.CLASS_OUTPUT, "META-INF/kfp4j/p/workflow.yaml")
        .orElseThrow().getCharContent(true).toString();
    org.junit.jupiter.api.Assertions.assertTrue(workflow.contains("containerSet:") && workflow.contains("--artifact"),
        workflow);
  }

  @Test
  void componentFileArtifactMismatchOnAParameter() {
    JavaFileObject src = source("""
          @Component
          @ComponentFile("components/kfp/trainer_component.yaml")
          public static void train(
              String input_location, String train_optimizer, int num_epochs) {}
        """);
    assertThat(compile(src)).hadErrorContaining("[kfp4j:ComponentFileArtifactMismatch] parameter 'input_location' of"
        + " 'train' is a String, but component file 'components/kfp/trainer_component.yaml' passes it as a file, an"
        + " artifact (system.Artifact); declare it as a java.nio.file.Path")
        .inFile(src).onLineContaining("String input_location");
  }

  @Test
  void componentFileArtifactMismatchOnAValueParameter() {
    JavaFileObject src = source("""
          @Component
          @ComponentFile("components/kfp/add_component.yaml")
          public static int add(
              java.nio.file.Path op_1, int op2) { return 0; }
        """);
    assertThat(compile(src)).hadErrorContaining("[kfp4j:ComponentFileArtifactMismatch] parameter 'op_1' of 'add' is a"
        + " Path (an artifact), but component file 'components/kfp/add_component.yaml' passes it as a value of type"
        + " Integer; declare it as int or long").inFile(src).onLineContaining("Path op_1");
  }

  @Test
  void componentFileArtifactMismatchOnAnOutput() {
    JavaFileObject src = source("""
          public record Trained(String model_output, String model_config) {}

          @Component
          @ComponentFile("components/kfp/trainer_component.yaml")
          public static Trained train(java.nio.file.Path input_location, String train_optimizer, int num_epochs) {
            return null;
          }
        """);
    assertThat(compile(src)).hadErrorContaining("[kfp4j:ComponentFileArtifactMismatch] output 'model_output' of 'train'"
        + " is a String, but component file 'components/kfp/trainer_component.yaml' passes it as a file, an artifact"
        + " (system.Model); return a java.nio.file.Path annotated @Artifact(MODEL)")
        .inFile(src).onLineContaining("public static Trained train");
  }

  @Test
  void componentFileArtifactType() {
    JavaFileObject src = source("""
          public record Summary(java.nio.file.Path summary, int lines) {}

          @Component
          @ComponentFile("components/v2/summarize.yaml")
          public static Summary summarize(
              @dev.kfp4j.annotations.Artifact(dev.kfp4j.annotations.Artifact.Type.DATASET) java.nio.file.Path model,
              String title) { return null; }
        """);
    assertThat(compile(src)).hadErrorContaining("[kfp4j:ComponentFileArtifactType] parameter 'model' of 'summarize' is"
        + " @Artifact(DATASET), a system.Dataset, but component file 'components/v2/summarize.yaml' declares a"
        + " system.Model; use @Artifact(MODEL), or @Artifact without a type, which takes any artifact")
        .inFile(src).onLineContaining("Path model");
  }

  @Test
  void aRequiredArtifactInputNeedsAPathParameter() {
    JavaFileObject src = source("""
          public record Summary(java.nio.file.Path summary, int lines) {}

          @Component
          @ComponentFile("components/v2/summarize.yaml")
          public static Summary summarize(String title) { return null; }
        """);
    assertThat(compile(src)).hadErrorContaining("[kfp4j:ComponentFileMissingInput] 'summarize' has no parameter for the"
        + " required input 'model' of component file 'components/v2/summarize.yaml'; add a parameter for it (type a"
        + " java.nio.file.Path annotated @Artifact(MODEL))").inFile(src).onLineContaining("public static Summary summarize");
  }

  @Test
  void aV2ComponentFileOfAJavaEntrypointIsUnsupported() {
    JavaFileObject src = source("""
          @Component
          @ComponentFile("components/v2/div.yaml")
          public static double div(int sum, java.util.List<Integer> numbers) { return 0; }
        """);
    assertThat(compile(src)).hadErrorContaining("[kfp4j:ComponentFileUnsupported] component file"
        + " 'components/v2/div.yaml' of 'div' uses the placeholder {{$}}, which kfp4j does not run yet")
        .inFile(src).onLineContaining("div.yaml");
  }

  @Test
  void aV2ArtifactOutputNeedsAPathResult() {
    JavaFileObject src = source("""
          @Component
          @ComponentFile("components/v2/dataset.yaml")
          public static void makeDataset(int rows) {}
        """);
    assertThat(compile(src)).hadErrorContaining("[kfp4j:ComponentFileOutputsMismatch] 'makeDataset' returns void, but"
        + " component file 'components/v2/dataset.yaml' has outputs data").inFile(src).onLineContaining("makeDataset");
  }

  @Test
  void aV2TaskFinalStatusIsUnsupported() {
    JavaFileObject src = source("""
          @Component
          @ComponentFile("components/v2/final_status.yaml")
          public static void reportStatus(String status) {}
        """);
    assertThat(compile(src)).hadErrorContaining("[kfp4j:ComponentFileUnsupported] component file"
        + " 'components/v2/final_status.yaml' of 'reportStatus' uses input 'status' of parameterType TASK_FINAL_STATUS")
        .inFile(src).onLineContaining("final_status.yaml");
  }

  @Test
  void aV2ComponentFileIsTypeCheckedLikeAV1One() {
    JavaFileObject src = source("""
          @Component
          @ComponentFile("components/v2/greet.yaml")
          public static String greet(
              int name) { return ""; }
        """);
    assertThat(compile(src)).hadErrorContaining("[kfp4j:ComponentFileTypeMismatch] parameter 'name' of 'greet' has type"
        + " int, but component file 'components/v2/greet.yaml' declares it as STRING; use String")
        .inFile(src).onLineContaining("int name");
  }

  @Test
  void componentFileUnknownParameter() {
    JavaFileObject src = source("""
          @Component
          @ComponentFile("components/kfp/add_component.yaml")
          public static int add(int op_1,
              int op3) { return 0; }
        """);
    Compilation compilation = compile(src);
    assertThat(compilation).hadErrorContaining("[kfp4j:ComponentFileUnknownParameter] parameter 'op3' of 'add' is not"
        + " an input of component file 'components/kfp/add_component.yaml'; its inputs are: op-1, op2")
        .inFile(src).onLineContaining("int op3");
    assertThat(compilation).hadErrorContaining("[kfp4j:ComponentFileMissingInput] 'add' has no parameter for the"
        + " required input 'op2' of component file 'components/kfp/add_component.yaml'; add a parameter for it (type int or long)")
        .inFile(src).onLineContaining("public static int add");
  }

  @Test
  void componentFileTypeMismatch() {
    JavaFileObject src = source("""
          @Component
          @ComponentFile("components/kfp/add_component.yaml")
          public static int add(int op_1,
              String op2) { return 0; }
        """);
    assertThat(compile(src)).hadErrorContaining("[kfp4j:ComponentFileTypeMismatch] parameter 'op2' of 'add' has type"
        + " String, but component file 'components/kfp/add_component.yaml' declares it as Integer; use int or long")
        .inFile(src).onLineContaining("String op2");
  }

  @Test
  void componentFileOutputsMismatch() {
    JavaFileObject src = source("""
          @Component
          @ComponentFile("components/kfp/add_component.yaml")
          public static void add(int op_1, int op2) {}
        """);
    assertThat(compile(src)).hadErrorContaining("[kfp4j:ComponentFileOutputsMismatch] 'add' returns void, but component"
        + " file 'components/kfp/add_component.yaml' has outputs sum; return a value").inFile(src)
        .onLineContaining("public static void add");
  }

  @Test
  void aCallOfAComponentFileStepIsCheckedLikeAnyCall() {
    JavaFileObject src = source("""
          @Component
          @ComponentFile("components/kfp/add_component.yaml")
          public static int add(int op_1, int op2) { return 0; }

          @Pipeline(name = "p")
          public static int p(String label) {
            return add(label, 2);
          }
        """);
    assertThat(compile(src)).hadErrorContaining("[kfp4j:ArgumentTypeMismatch] argument for parameter 'op-1' of 'add'"
        + " has type String, which is not assignable to int").inFile(src).onLineContaining("add(label, 2)");
  }
}
