package dev.kfp4j.e2e;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.kfp4j.processor.Kfp4jProcessor;
import dev.kfp4j.runtime.context.RunContext;
import dev.kfp4j.runtime.entrypoint.ComponentBody;
import dev.kfp4j.runtime.entrypoint.ComponentDescriptor;
import dev.kfp4j.runtime.entrypoint.ComponentIo;
import dev.kfp4j.runtime.entrypoint.ComponentMain;
import dev.kfp4j.runtime.entrypoint.ExitCode;
import dev.kfp4j.runtime.storage.StorageSettings;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's source, compiled here by javac with the kfp4j processor, run through its freshly generated entrypoints:
 * step 1 in this JVM through {@link ComponentMain#run}, step 2 through its {@code main} in a separate JVM.
 */
class CompileFromSourceTest {

  private static final String CLASS_OUTPUT = "/CLASS_OUTPUT/";

  @Test
  void sourceToJavacToEntrypointToValuesInStorage(@TempDir Path temp) throws Exception {
    Compilation compilation = Compiler.javac().withProcessors(new Kfp4jProcessor())
        .withOptions("-Akfp4j.image=example-mean:1.0")
        .compile(JavaFileObjects.forResource("user/com/example/mean/Mean.java"));
    assertThat(compilation).succeededWithoutWarnings();
    // The generated code calls the user's method directly.
    assertThat(compilation).generatedSourceFile("com.example.mean.Mean_AddEntrypoint").contentsAsUtf8String()
        .contains("int result = Mean.add(numbers);");

    Path classes = Files.createDirectories(temp.resolve("classes"));
    writeClassOutput(compilation, classes);
    assertThat(Files.readString(classes.resolve("META-INF/kfp4j/components/com.example.mean.Mean.div.component")))
        .contains("name=div\n");

    RunFolder run = RunFolder.in(Files.createDirectories(temp.resolve("run")));
    URI numbers = run.put("inputs/numbers.json", "[2, 4, 9]");
    String start = RunContext.create("compiled-mean", run.root()).with("numbers", numbers).toJson();
    Path addContext = run.context("1-add.json");
    Path divContext = run.context("2-div.json");

    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      Class<?> add = loader.loadClass("com.example.mean.Mean_AddEntrypoint");
      ComponentDescriptor descriptor = (ComponentDescriptor) add.getField("COMPONENT").get(null);
      assertThat(descriptor).isEqualTo(
          new ComponentDescriptor("add", "com.example.mean.Mean.add", List.of("numbers"), List.of("Output")));
      Method execute = add.getMethod("execute", ComponentIo.class);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();

      int code = ComponentMain.run(descriptor, new String[] {start, "--output-context", addContext.toString()},
          body(execute), new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8),
          StorageSettings.of(Map.of(), Map.of("KFP4J_STORAGE_ROOTS", run.root().toString())));

      assertWithMessage(err.toString(UTF_8)).that(code).isEqualTo(ExitCode.OK);
      assertThat(err.toString(UTF_8)).isEmpty();
      assertThat(out.toString(UTF_8)).isEmpty();
    }
    assertThat(run.value("add/Output.json").intValue()).isEqualTo(15);

    EntrypointProcess.Result div = EntrypointProcess.run(run.dir(), EntrypointProcess.classpathWith(classes),
        "com.example.mean.Mean_DivEntrypoint",
        List.of("--context-file", addContext.toString(), "--input", "sum=add.Output", "--output-context", divContext.toString()));

    assertWithMessage("%s", div).that(div.exitCode()).isEqualTo(ExitCode.OK);
    assertWithMessage("%s", div).that(div.stderr()).isEmpty();
    assertThat(run.value("div/Output.json").doubleValue()).isEqualTo(5.0);
    assertThat(RunContext.parse(Files.readString(divContext)).values().keySet())
        .containsExactly("add.Output", "div.Output", "numbers");
  }

  /** The generated {@code execute}, as the body {@link ComponentMain} runs. */
  private static ComponentBody body(Method execute) {
    return io -> {
      try {
        execute.invoke(null, io);
      } catch (InvocationTargetException e) {
        // Hand the component's own exception to the runtime, as a direct call would.
        if (e.getCause() instanceof Exception cause) {
          throw cause;
        }
        throw e;
      }
    };
  }

  /** Writes the compiled classes and resources to {@code classes}, as a build's class output. */
  private static void writeClassOutput(Compilation compilation, Path classes) throws Exception {
    for (JavaFileObject file : compilation.generatedFiles()) {
      String path = file.toUri().getPath();
      if (path.startsWith(CLASS_OUTPUT)) {
        Path target = classes.resolve(path.substring(CLASS_OUTPUT.length()));
        Files.createDirectories(target.getParent());
        try (InputStream in = file.openInputStream()) {
          Files.write(target, in.readAllBytes());
        }
      }
    }
  }
}
