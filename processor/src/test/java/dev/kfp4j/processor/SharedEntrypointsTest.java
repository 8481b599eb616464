package dev.kfp4j.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import com.palantir.javapoet.ClassName;
import dev.kfp4j.processor.diagnostic.Diagnostics;
import dev.kfp4j.processor.model.EntrypointMode;
import dev.kfp4j.processor.model.Names;
import dev.kfp4j.runtime.entrypoint.SharedEntrypoint;
import dev.kfp4j.wire.ComponentAddress;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -Akfp4j.entrypoints=shared}: no entrypoint class per component, and the same specs as the generated
 * entrypoints' except the command, which runs the runtime's {@code SharedEntrypoint} with the component's address.
 * (KfpSpecTest and ArgoSpecTest validate every spec of the shared mode too; LibraryEntrypointsTest mixes the modes
 * of a library and its users.)
 *
 * <p>To regenerate the shared mode's golden files after an intended change, run from the repository root and review
 * the diff:
 * <pre>mvn -B -q verify -pl processor -am -Dtest=SharedEntrypointsTest -Dsurefire.failIfNoSpecifiedTests=false -Dkfp4j.updateGolden=true</pre>
 */
class SharedEntrypointsTest {

  private static final String SHARED = ComponentAddress.SHARED_ENTRYPOINT;
  private static final List<String> JVM = List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
      "/app/resources:/app/classes:/app/libs/*");
  private static final JavaFileObject AVERAGE = JavaFileObjects.forResource("sources/dev/kfp4j/example/avg/Average.java");

  @Test
  void theOptionIsGeneratedByDefaultAndTakesGeneratedOrShared() {
    assertThat(ProcessorOptions.parse(Map.of(), Diagnostics.quiet()).entrypoints()).isEqualTo(EntrypointMode.GENERATED);
    assertThat(ProcessorOptions.parse(Map.of(ProcessorOptions.ENTRYPOINTS, "generated"), Diagnostics.quiet())
        .entrypoints()).isEqualTo(EntrypointMode.GENERATED);
    assertThat(ProcessorOptions.parse(Map.of(ProcessorOptions.ENTRYPOINTS, " shared "), Diagnostics.quiet())
        .entrypoints()).isEqualTo(EntrypointMode.SHARED);
    assertThat(new Kfp4jProcessor().getSupportedOptions()).contains("kfp4j.entrypoints");
  }

  @Test
  void aValueThatNamesNoModeIsOneErrorNamingTheOptionAndItsValues() {
    Compilation compilation = TestPipelines.compiler("-Akfp4j.entrypoints=Shared").compile(AVERAGE);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[kfp4j:UnknownOptionValue] -Akfp4j.entrypoints=Shared is not a value"
        + " of that option, which takes generated or shared; write -Akfp4j.entrypoints=generated (the default: a"
        + " generated entrypoint class per @Component) or -Akfp4j.entrypoints=shared (no class per component: the"
        + " runtime's dev.kfp4j.runtime.entrypoint.SharedEntrypoint runs each one from its descriptor)");
    assertThat(TestPipelines.compiler("-Akfp4j.entrypoints=").compile(AVERAGE))
        .hadErrorContaining("-Akfp4j.entrypoints= is not a value of that option");
  }

  /**
   * What is checked at compile time does not depend on the mode: overloads still clash (they would share one
   * address and one descriptor), with the same error on the same line, naming what they would share.
   */
  @Test
  void theCompileTimeErrorsAreTheSameInBothModes() {
    JavaFileObject steps = JavaFileObjects.forSourceString("test.Steps", """
        package test;

        import dev.kfp4j.annotations.Component;
        import java.util.List;

        public final class Steps {
          @Component(name = "add-pair")
          public static int add(int a, int b) { return a + b; }

          @Component(name = "add-all")
          public static int add(List<Integer> numbers) { return 0; }
        }
        """);
    Map<Compilation, String> runBy = Map.of(
        TestPipelines.compiler().compile(steps), "the entrypoint class Steps_AddEntrypoint",
        TestPipelines.compiler(TestPipelines.SHARED_OPTION).compile(steps),
        "the address test.Steps#add (and one descriptor file)");
    runBy.forEach((compilation, what) -> {
      assertThat(compilation).hadErrorCount(1);
      assertThat(compilation).hadErrorContaining("[kfp4j:OverloadedComponentMethod] @Component method"
          + " add(java.util.List<java.lang.Integer>) overloads add(int, int); both would be run by " + what
          + ", which is named after the method; give the methods different names").inFile(steps)
          .onLineContaining("add(List<Integer> numbers)");
    });
  }

  @Test
  void theSharedModeWritesNoEntrypointClassesAndTheSameDescriptors() {
    SortedMap<String, byte[]> generated = TestPipelines.get().files();
    SortedMap<String, byte[]> shared = TestPipelines.shared().files();
    assertThat(generated.keySet().stream().filter(path -> path.endsWith("Entrypoint.java")).count()).isAtLeast(30L);
    assertThat(shared.keySet().stream().filter(path -> path.contains("Entrypoint")).toList()).isEmpty();
    List<String> withoutEntrypoints = generated.keySet().stream().filter(path -> !path.contains("Entrypoint")).toList();
    assertThat(shared.keySet()).containsExactlyElementsIn(withoutEntrypoints);
    for (String path : withoutEntrypoints) {
      if (path.startsWith("META-INF/kfp4j/components/") || path.endsWith(".mmd") || path.endsWith(".descriptor")) {
        assertWithMessage(path).that(new String(shared.get(path), UTF_8)).isEqualTo(new String(generated.get(path), UTF_8));
      }
    }
  }

  /**
   * Every spec of every test pipeline, parsed, is the generated mode's with each Java step's last command word
   * {@code com.acme.Outer_Inner_AddEntrypoint} replaced by {@code SharedEntrypoint com.acme.Outer$Inner#add}, the
   * address of that same method.
   */
  @TestFactory
  Stream<DynamicTest> everySpecIsTheGeneratedModesExceptTheCommand() {
    TestPipelines generated = TestPipelines.get();
    TestPipelines shared = TestPipelines.shared();
    List<String> specs = new ArrayList<>(generated.specFiles(".yaml"));
    assertThat(specs.size()).isAtLeast(40);
    return specs.stream().map(file -> DynamicTest.dynamicTest(file, () -> {
      int[] commands = new int[1];
      assertSameExceptCommand(file, generated.yaml(file), shared.yaml(file), shared, commands);
      if (generated.text(file).contains("Entrypoint\n")) {
        assertWithMessage(file + ": commands of Java steps").that(commands[0]).isAtLeast(1);
      }
    }));
  }

  private static void assertSameExceptCommand(String where, JsonNode generated, JsonNode shared, TestPipelines files,
      int[] commands) {
    assertWithMessage(where).that(shared.getNodeType()).isEqualTo(generated.getNodeType());
    if (generated.isObject()) {
      assertWithMessage(where).that(names(shared)).isEqualTo(names(generated));
      for (String name : names(generated)) {
        JsonNode value = generated.get(name);
        if (name.equals("command") && value.isArray() && value.size() > 0
            && value.get(value.size() - 1).asText().endsWith("Entrypoint")) {
          assertSharedCommand(where + "/command", (ArrayNode) value, (ArrayNode) shared.get(name), files);
          commands[0]++;
        } else {
          assertSameExceptCommand(where + "/" + name, value, shared.get(name), files, commands);
        }
      }
    } else if (generated.isArray()) {
      assertWithMessage(where + ": size").that(shared.size()).isEqualTo(generated.size());
      for (int i = 0; i < generated.size(); i++) {
        assertSameExceptCommand(where + "/" + i, generated.get(i), shared.get(i), files, commands);
      }
    } else {
      assertWithMessage(where).that(shared).isEqualTo(generated);
    }
  }

  /** {@code … ENTRYPOINT} became {@code … SharedEntrypoint ADDRESS}, ADDRESS naming the method ENTRYPOINT runs. */
  private static void assertSharedCommand(String where, ArrayNode generated, ArrayNode shared, TestPipelines files) {
    List<String> before = texts(generated);
    List<String> after = texts(shared);
    assertWithMessage(where).that(after.size()).isEqualTo(before.size() + 1);
    assertWithMessage(where).that(after.subList(0, before.size() - 1)).isEqualTo(before.subList(0, before.size() - 1));
    assertWithMessage(where).that(after.get(before.size() - 1)).isEqualTo(SHARED);
    ComponentAddress address = ComponentAddress.parse(after.get(before.size())).orElseThrow();
    int dollar = address.owner().indexOf('$');
    String outer = dollar < 0 ? address.owner() : address.owner().substring(0, dollar);
    String[] nested = dollar < 0 ? new String[0] : address.owner().substring(dollar + 1).split("\\$");
    ClassName owner = ClassName.get(outer.substring(0, outer.lastIndexOf('.')), outer.substring(outer.lastIndexOf('.') + 1),
        nested);
    assertWithMessage(where + ": the generated entrypoint of " + address.text())
        .that(Names.entrypoint(owner, address.method()).reflectionName()).isEqualTo(before.get(before.size() - 1));
    assertWithMessage(where).that(files.files()).containsKey(address.owner().replace('.', '/') + ".class");
    assertWithMessage(where).that(files.files()).containsKey(address.descriptorPath());
  }

  @Test
  void theCommandEndsWithTheSharedEntrypointAndTheAddress() {
    TestPipelines shared = TestPipelines.shared();
    JsonNode ir = shared.ir("calculate-average");
    assertThat(texts(ir.at("/deploymentSpec/executors/exec-add/container/command"))).containsExactlyElementsIn(
        concat(JVM, SHARED, "dev.kfp4j.example.avg.Average#add")).inOrder();
    assertThat(texts(ir.at("/deploymentSpec/executors/exec-add/container/args")))
        .containsExactly("--executor_input", "{{$}}").inOrder();
    JsonNode add = template(shared.workflow("calculate-average"), "add");
    assertThat(texts(add.at("/container/command"))).containsExactlyElementsIn(
        concat(JVM, SHARED, "dev.kfp4j.example.avg.Average#add")).inOrder();
    assertThat(texts(add.at("/container/args"))).containsExactly("--contexts", "{{inputs.parameters.contexts}}",
        "--task", "{{inputs.parameters.task}}", "--inputs", "{{inputs.parameters.inputs}}", "--output-context",
        "/tmp/kfp4j/context.json").inOrder();

    // A component of a class nested in a nested class: the binary name, with '$'.
    assertThat(texts(shared.ir("nested-scoring").at("/deploymentSpec/executors/exec-fit-linear/container/command")))
        .containsExactlyElementsIn(concat(JVM, SHARED, "com.acme.nested.Scoring$Models$Linear#fit")).inOrder();
    assertThat(texts(template(shared.workflow("nested-scoring"), "fit-linear").at("/container/command")))
        .containsExactlyElementsIn(concat(JVM, SHARED, "com.acme.nested.Scoring$Models$Linear#fit")).inOrder();
    // A component of the library jar (compiled in the shared mode too).
    assertThat(texts(shared.ir("scaled-max").at("/deploymentSpec/executors/exec-range/container/command")))
        .containsExactlyElementsIn(concat(JVM, SHARED, "com.acme.lib.MathLib#range")).inOrder();
  }

  /**
   * The runtime's {@code SharedEntrypoint} finds every address the shared mode's specs name, in the compiled classes
   * and descriptors (class, static method, a descriptor that matches it), and names the same component.
   */
  @Test
  void theRuntimeLoadsEveryComponentTheSpecsAddress(@TempDir Path dir) throws IOException {
    TestPipelines shared = TestPipelines.shared();
    for (Map.Entry<String, byte[]> file : shared.files().entrySet()) {
      if (!file.getKey().endsWith(".java")) {
        Path path = dir.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        Files.write(path, file.getValue());
      }
    }
    Set<String> addresses = new TreeSet<>();
    for (String spec : shared.specFiles(".yaml")) {
      addresses(shared.yaml(spec), addresses);
    }
    assertThat(addresses).containsAtLeast("dev.kfp4j.example.avg.Average#add", "com.acme.nested.Scoring$Models$Linear#fit",
        "com.acme.nested.Scoring$Prepare#split", "com.acme.nested.Scoring#publish", "com.acme.lib.MathLib#range",
        "com.acme.ml.Training#train");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      for (String text : addresses) {
        ComponentAddress address = ComponentAddress.parse(text).orElseThrow();
        SharedEntrypoint entrypoint = SharedEntrypoint.load(loader, address);
        assertWithMessage(text).that(entrypoint.method().getDeclaringClass().getName()).isEqualTo(address.owner());
        assertWithMessage(text).that(entrypoint.method().getName()).isEqualTo(address.method());
      }
    }
  }

  /** The shared mode's specs of a pipeline with record results, artifacts, nested classes and a void step. */
  @TestFactory
  Stream<DynamicTest> theSharedModeSpecsMatchTheGoldenFiles() {
    TestPipelines shared = TestPipelines.shared();
    String generated = "META-INF/kfp4j/nested-scoring/";
    return Stream.of("pipeline.yaml", "workflow.yaml", "pipeline.mmd").map(name -> DynamicTest.dynamicTest(name,
        () -> GoldenFiles.assertMatches("specs/shared/nested-scoring/", name, shared.files().get(generated + name))));
  }

  @Test
  void theSharedModeIsReproducible() {
    List<JavaFileObject> sources = new ArrayList<>(TestPipelines.sources("pipelines/main"));
    sources.add(AVERAGE);
    SortedMap<String, byte[]> first = generated(sources);
    Collections.reverse(sources);
    SortedMap<String, byte[]> reversed = generated(sources);
    assertThat(first.keySet()).contains("META-INF/kfp4j/nested-scoring/workflow.yaml");
    assertThat(reversed.keySet()).containsExactlyElementsIn(first.keySet());
    for (String path : first.keySet()) {
      assertWithMessage(path).that(reversed.get(path)).isEqualTo(first.get(path));
    }
  }

  private static SortedMap<String, byte[]> generated(List<JavaFileObject> sources) {
    Compilation compilation = TestPipelines.compiler(TestPipelines.SHARED_OPTION).compile(sources);
    assertThat(compilation).succeededWithoutWarnings();
    SortedMap<String, byte[]> files = new TreeMap<>(TestPipelines.outputs(compilation));
    files.keySet().removeIf(path -> path.endsWith(".class"));
    return files;
  }

  /** The word after {@code SharedEntrypoint} in every {@code command} below {@code node}. */
  private static void addresses(JsonNode node, Set<String> addresses) {
    JsonNode command = node.path("command");
    if (command.isArray()) {
      List<String> words = texts(command);
      int shared = words.indexOf(SHARED);
      if (shared >= 0) {
        addresses.add(words.get(shared + 1));
      }
    }
    node.elements().forEachRemaining(child -> addresses(child, addresses));
  }

  private static JsonNode template(JsonNode workflow, String name) {
    for (JsonNode template : workflow.at("/spec/templates")) {
      if (template.get("name").asText().equals(name)) {
        return template;
      }
    }
    throw new AssertionError("no template " + name);
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> texts(JsonNode array) {
    assertWithMessage("a list").that(array.isArray()).isTrue();
    List<String> texts = new ArrayList<>();
    for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
      texts.add(it.next().asText());
    }
    return texts;
  }

  private static List<String> concat(List<String> head, String... tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(List.of(tail));
    return all;
  }
}
