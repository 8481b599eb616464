package dev.kfp4j.runtime.entrypoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.runtime.entrypoint.ComponentMainTest.Run;
import dev.kfp4j.runtime.entrypoint.shared.Adder_AddEntrypoint;
import dev.kfp4j.runtime.storage.StorageSettings;
import dev.kfp4j.wire.ComponentAddress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared entrypoint runs a component from its descriptor (test resources, as the processor writes them) and
 * refuses a classpath that does not hold what was compiled. Its descriptor for {@code Average.div} is deliberately
 * stale (no {@code output} line, as an older processor wrote it); {@code shared/SharedCases} holds the cases a
 * processor would not let through (a class that is not public, private methods, overloads) and descriptors that no
 * longer match their method. Its parity with generated entrypoints, case by case on real generated code, is the
 * processor's {@code SharedEntrypointParityTest}.
 */
class SharedEntrypointTest {

  @TempDir Path dir;

  private static ComponentAddress address(String text) {
    return ComponentAddress.parse(text).orElseThrow();
  }

  private static SharedEntrypoint load(String address) {
    return SharedEntrypoint.load(SharedEntrypointTest.class.getClassLoader(), address(address));
  }

  @Test
  void runsAComponentLikeItsGeneratedEntrypoint() throws Exception {
    Path root = Files.createDirectories(dir.resolve("run"));
    Files.writeString(root.resolve("numbers.json"), "[1,2,3]");
    String rootUri = root.toUri().toString();
    SharedEntrypoint add = load("dev.kfp4j.runtime.entrypoint.Average#add");
    assertEquals(Average.ADD, add.descriptor());
    ComponentMainTest.Run run = ComponentMainTest.run(add.descriptor(), add, Map.of(ComponentMain.ROOTS_ENV, rootUri),
        "{\"runId\":\"r1\",\"root\":\"" + rootUri + "\",\"values\":{\"numbers\":\"" + rootUri + "numbers.json\"}}");
    assertEquals(0, run.exit(), run.err());
    assertEquals("6", Files.readString(root.resolve("add/Output.json")));
  }

  @Test
  void aMissingClassMethodOrDescriptorIsNamed() {
    assertMessage(load(() -> load("dev.kfp4j.runtime.entrypoint.Nowhere#add")),
        "component dev.kfp4j.runtime.entrypoint.Nowhere#add: class dev.kfp4j.runtime.entrypoint.Nowhere is not on the"
        + " classpath");
    assertMessage(load(() -> load("dev.kfp4j.runtime.entrypoint.Average#mean")),
        "component dev.kfp4j.runtime.entrypoint.Average#mean: dev.kfp4j.runtime.entrypoint.Average has no static"
        + " method mean");
    assertMessage(load(() -> load("dev.kfp4j.runtime.entrypoint.SharedEntrypointTest#address")),
        "no component descriptor META-INF/kfp4j/components/dev.kfp4j.runtime.entrypoint.SharedEntrypointTest.address"
        + ".component on the classpath");
    assertMessage(load(() -> load("dev.kfp4j.runtime.entrypoint.Average#div")),
        "its descriptor META-INF/kfp4j/components/dev.kfp4j.runtime.entrypoint.Average.div.component does not match"
        + " the method (it names no outputs, the method returns a value)");
  }

  private static IllegalArgumentException load(org.junit.jupiter.api.function.Executable call) {
    return assertThrows(IllegalArgumentException.class, call);
  }

  private static void assertMessage(IllegalArgumentException e, String fragment) {
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }

  @Test
  void theDescriptorNamesTheSameInputs() {
    assertEquals(List.of("numbers"), load("dev.kfp4j.runtime.entrypoint.Average#add").descriptor().inputs());
  }

  private static final String CASES = "dev.kfp4j.runtime.entrypoint.shared.SharedCases";

  private Run shared(String... args) throws Exception {
    Path root = Files.createDirectories(dir.resolve("run"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = SharedEntrypoint.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        StorageSettings.of(Map.of(), Map.of(ComponentMain.ROOTS_ENV, root.toUri().toString())), false);
    String errText = err.toString(StandardCharsets.UTF_8);
    return new Run(exit, out.toString(StandardCharsets.UTF_8), errText.isEmpty() ? List.of() : errText.lines().toList());
  }

  private String context() {
    return "{\"runId\":\"r1\",\"root\":\"" + dir.resolve("run").toUri() + "\",\"values\":{}}";
  }

  private static void assertOneLine(Run run, int exit, String prefix, String fragment) {
    assertEquals(exit, run.exit(), run.err());
    assertEquals(1, run.errLines().size(), run.err());
    assertTrue(run.err().startsWith(prefix), run.err());
    assertTrue(run.err().contains(fragment), run.err());
  }

  /** Runs {@code address} with one constant input; returns the value it stored as {@code task.Output}. */
  private String runWith(String address, String task, String input) throws Exception {
    Run run = shared(address, context(), "--inputs", input);
    assertEquals(new Run(0, run.out(), List.of()), run);
    return Files.readString(dir.resolve("run/" + task + "/Output.json"));
  }

  @Test
  void mainsOwnUsageErrors() throws Exception {
    String prefix = "kfp4j: shared entrypoint: ";
    assertOneLine(shared(), ExitCode.USAGE, prefix, "the first argument must be a component's address, OWNER#METHOD"
        + " (com.acme.Average#add), then the arguments of the component; got no arguments; usage: java -cp CLASSPATH"
        + " dev.kfp4j.runtime.entrypoint.SharedEntrypoint OWNER#METHOD ARGS...");
    assertOneLine(shared("com.acme.Average.add", context()), ExitCode.USAGE, prefix, "got 'com.acme.Average.add'");
    assertOneLine(shared("a#b#c"), ExitCode.USAGE, prefix, "got 'a#b#c'");
    assertOneLine(shared(context()), ExitCode.USAGE, prefix, "the first argument must be a component's address");
    assertOneLine(shared("com.acme.Nowhere#add", context()), ExitCode.USAGE, prefix,
        "component com.acme.Nowhere#add: class com.acme.Nowhere is not on the classpath");
    Run help = shared("--help");
    assertEquals(ExitCode.OK, help.exit());
    assertTrue(help.out().startsWith("usage: java -cp CLASSPATH dev.kfp4j.runtime.entrypoint.SharedEntrypoint"
        + " OWNER#METHOD ARGS..."), help.out());
    assertTrue(help.out().contains("--executor_input JSON"), help.out());
    // After the address, the arguments are the component's: its own usage errors, as its generated entrypoint's.
    assertOneLine(shared("dev.kfp4j.runtime.entrypoint.shared.Adder#add"), ExitCode.USAGE, "kfp4j: component 'add': ",
        "usage: <entrypoint> CONTEXT_JSON");
  }

  @Test
  void readsTheSameDescriptorAsTheGeneratedEntrypoint() {
    assertEquals(Adder_AddEntrypoint.COMPONENT, load("dev.kfp4j.runtime.entrypoint.shared.Adder#add").descriptor());
  }

  @Test
  void aClassThatIsNotPublicAndMethodsThatAreNot() throws Exception {
    assertEquals("42", runWith(CASES + "#packagePrivate", "package-private", "{\"number\":{\"value\":41}}"));
    assertEquals("50", runWith(CASES + "#hidden", "hidden", "{\"number\":{\"value\":5}}"));
  }

  @Test
  void aNestedClassIsNamedByItsBinaryName() throws Exception {
    Path root = Files.createDirectories(dir.resolve("run"));
    Files.writeString(root.resolve("numbers.json"), "[4,5,6]");
    Run run = shared(CASES + "$Inner#twice", "{\"runId\":\"r1\",\"root\":\"" + root.toUri()
        + "\",\"values\":{\"up.numbers\":\"" + root.toUri() + "numbers.json\"}}", "--input", "numbers=up.numbers");
    assertEquals(0, run.exit(), run.err());
    assertEquals("[3,6]", Files.readString(root.resolve("twice/Output.json")));
    assertMessage(load(() -> load(CASES + ".Inner#twice")), "class " + CASES + ".Inner is not on the classpath");
    assertMessage(load(() -> load(CASES + ".Inner#twice")),
        "; a nested class is named by its binary name: " + CASES + "$Inner#twice");
  }

  @Test
  void overloadsAndInstanceMethods() throws Exception {
    assertEquals("101", runWith(CASES + "#chosen", "chosen", "{\"number\":{\"value\":1}}"));
    assertMessage(load(() -> load(CASES + "#twin")), "component " + CASES + "#twin: " + CASES + " has 2 static methods"
        + " named twin and none is the one @Component method with 1 parameters its descriptor names; rename the others");
    assertMessage(load(() -> load(CASES + "#instance")), CASES + " has a method instance but it is not static");
  }

  @Test
  void aDescriptorThatNoLongerMatchesItsMethod() {
    String stale = " does not match the method (";
    String rebuild = "); the classes and the descriptor come from different builds: rebuild the project";
    assertMessage(load(() -> load(CASES + "#count")), "SharedCases.count.component" + stale
        + "it names 2 inputs, the method has 1 parameters" + rebuild);
    assertMessage(load(() -> load(CASES + "#nothing")), stale + "it names outputs, the method returns nothing");
    assertMessage(load(() -> load(CASES + "#pair")), stale + "output other is not a component of " + CASES + "$Pair");
    assertMessage(load(() -> load(CASES + "#file")), stale + "input text is an artifact, the parameter is a"
        + " java.lang.String");
    assertMessage(load(() -> load(CASES + "#renamed")), stale + "it describes method other");
    assertMessage(load(() -> load(CASES + "#future")), "META-INF/kfp4j/components/" + CASES + ".future.component is"
        + " not a component descriptor this kfp4j version reads; rebuild the project");
  }

  @Test
  void aClassWhoseMethodsNameAMissingClass() throws Exception {
    // Lonely.class and its descriptor alone in a folder: another of its methods names Adder, which is not there.
    Path classes = dir.resolve("lonely");
    String entry = "dev/kfp4j/runtime/entrypoint/shared/Lonely.class";
    String descriptor = "META-INF/kfp4j/components/dev.kfp4j.runtime.entrypoint.shared.Lonely.one.component";
    Path testClasses = Path.of(SharedEntrypointTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    for (String file : List.of(entry, descriptor)) {
      Files.createDirectories(classes.resolve(file).getParent());
      Files.copy(testClasses.resolve(file), classes.resolve(file));
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
        ClassLoader.getPlatformClassLoader())) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SharedEntrypoint.load(loader,
          address("dev.kfp4j.runtime.entrypoint.shared.Lonely#one")));
      assertMessage(e, "component dev.kfp4j.runtime.entrypoint.shared.Lonely#one: cannot read the methods of"
          + " dev.kfp4j.runtime.entrypoint.shared.Lonely: java.lang.NoClassDefFoundError:"
          + " dev/kfp4j/runtime/entrypoint/shared/Adder (a class its methods name is missing from the classpath)");
    }
  }
}
