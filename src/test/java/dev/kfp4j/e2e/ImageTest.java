package dev.kfp4j.e2e;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kfp4j.local.LocalRunner;
import dev.kfp4j.local.RunResult;
import dev.kfp4j.local.exec.Classpath;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example's image as Jib builds it ({@code mvn verify -Pimage}: {@code example-avg/target/jib-image.tar},
 * and {@code jib-image-again.tar} from a second build after Jib's layer cache was deleted), read as the OCI
 * layout it is: the same digest twice, the classes and jars where the specs' {@code -cp} looks (the project's jar,
 * whose manifest names the image's other jars), the start-up archive every Java step names, a config that runs the
 * image's own {@code java}, and that classpath, taken out of the image, runs the pipeline. {@code PodmanImageTest}
 * shows a step's JVM maps the archive.
 * Without {@code -Pimage} there is no image to check: the tests are skipped and say so.
 */
class ImageTest {

  static final Path EXAMPLE = Path.of("../../example-avg").toAbsolutePath().normalize();
  static final Path IMAGE_TAR = EXAMPLE.resolve("target/jib-image.tar");
  static final Path IMAGE_TAR_AGAIN = EXAMPLE.resolve("target/jib-image-again.tar");
  static final Path SPECS = EXAMPLE.resolve("target/classes/META-INF/kfp4j");

  private static OciImage image;

  @TempDir
  Path work;

  /**
   * Skips (saying why) unless the image was built by this build: present, and not older than the example's
   * classes it must hold.
   */
  static void assumeImageBuilt() throws IOException {
    assumeTrue(Files.isRegularFile(IMAGE_TAR) && Files.isRegularFile(IMAGE_TAR_AGAIN),
        "no image to check: " + IMAGE_TAR + " is built by 'mvn verify -Pimage' (Jib, offline), which .ci/run runs");
    Path pipelineSpec = SPECS.resolve("calculate-average/pipeline.yaml");
    assumeTrue(Files.getLastModifiedTime(IMAGE_TAR).compareTo(Files.getLastModifiedTime(pipelineSpec)) >= 0,
        "stale image: " + IMAGE_TAR + " is older than the example's compiled specs; rebuild with 'mvn verify -Pimage'");
  }

  @BeforeAll
  static void readImage() throws IOException {
    assumeImageBuilt();
    image = OciImage.read(IMAGE_TAR);
  }

  @Test
  void twoBuildsGiveTheSameDigest() throws IOException {
    OciImage again = OciImage.read(IMAGE_TAR_AGAIN);
    assertThat(again.digest()).isEqualTo(image.digest());
    assertThat(again.layerDigests()).isEqualTo(image.layerDigests());
    // Jib's own record of each build names the same digest, and the tars are the same bytes.
    assertThat(Files.readString(EXAMPLE.resolve("target/jib-image.digest")).trim()).isEqualTo(image.digest());
    assertThat(Files.readString(EXAMPLE.resolve("target/jib-image-again.digest")).trim()).isEqualTo(image.digest());
    assertThat(Files.mismatch(IMAGE_TAR, IMAGE_TAR_AGAIN)).isEqualTo(-1L);
  }

  @Test
  void configRunsTheImagesOwnJavaOnTheSpecsClasspath() throws IOException {
    JsonNode config = image.runConfig();
    List<String> entrypoint = texts(config.path("Entrypoint"));
    assertThat(entrypoint).containsExactly("java", "-cp", specClasspath()).inOrder();
    assertThat(config.path("WorkingDir").asText()).isEqualTo("/app");
    assertThat(image.files().get("/app").type()).isEqualTo('5');
    String path = env(config, "PATH");
    String javaHome = env(config, "JAVA_HOME");
    assertThat(path).startsWith(javaHome + "/bin:");
    OciImage.Entry java = image.files().get(javaHome + "/bin/java");
    assertWithMessage("java in the image").that(java).isNotNull();
    assertThat(java.mode() & 0111).isEqualTo(0111);
    // The launcher's dynamic loader (its ELF interpreter) is in the image, executable, as are the libraries it needs.
    String loader = elfInterpreter(java.content());
    assertThat(loader).startsWith("/lib");
    OciImage.Entry loaderEntry = image.files().get(loader);
    assertWithMessage("the dynamic loader %s in the image", loader).that(loaderEntry).isNotNull();
    assertThat(loaderEntry.mode() & 0111).isEqualTo(0111);
    assertThat(image.files().keySet().stream().anyMatch(file -> file.matches("/lib.*/libc\\.so\\.6"))).isTrue();
    assertThat(image.files()).containsKey(javaHome + "/lib/server/libjvm.so");
    assertThat(image.files().get("/tmp").mode() & 0777).isEqualTo(0777);
  }

  @Test
  void everyStepOfTheExampleFindsItsEntrypointWhereTheSpecsLook() throws IOException {
    List<String[]> steps = javaSteps();
    for (String[] step : steps) {
      List<String> command = List.of(step).subList(1, step.length);
      assertThat(command.get(0)).isEqualTo("java");
      assertWithMessage("%s: %s", step[0], command).that(command.get(command.indexOf("-cp") + 1))
          .isEqualTo(specClasspath());
      String main = command.get(command.size() - 1);
      assertWithMessage("%s: class of %s in the image", step[0], main)
          .that(onImageClasspath(main.replace('.', '/') + ".class")).isTrue();
    }
    // Each example pipeline has Java steps in both engines' specs.
    assertThat(steps.size()).isAtLeast(2 * pipelines().size());
  }

  @Test
  void theSpecsClasspathIsTheProjectsJarNamingEveryJarOfTheImage() throws IOException {
    // A fixed list, not a wildcard (whose order the directory decides): the start-up archive maps only for the
    // classpath it was recorded with. The jar's manifest names /app/libs' jars; Jib named them the same way.
    assertThat(specClasspath()).doesNotContain("*");
    List<String> classpath = imageClasspath();
    assertThat(classpath.get(0)).isEqualTo(specClasspath());
    List<String> libs = new ArrayList<>();
    for (OciImage.Entry entry : image.files().values()) {
      if (entry.isFile() && entry.path().startsWith("/app/libs/")) {
        libs.add(entry.path());
      }
    }
    assertThat(libs).isNotEmpty();
    assertThat(classpath.subList(1, classpath.size())).containsExactlyElementsIn(libs);
  }

  @Test
  void theImageCarriesTheStartUpArchiveEveryJavaStepNames() throws IOException {
    String archive = null;
    for (String[] step : javaSteps()) {
      List<String> command = List.of(step).subList(1, step.length);
      List<String> sharing = command.stream().filter(arg -> arg.startsWith("-XX:SharedArchiveFile=")).toList();
      assertWithMessage("%s: %s", step[0], command).that(sharing).hasSize(1);
      // -Xshare:auto: a JVM that cannot map it (another JDK or classpath) runs the step without it.
      assertWithMessage("%s: %s", step[0], command).that(command).contains("-Xshare:auto");
      String path = sharing.get(0).substring("-XX:SharedArchiveFile=".length());
      assertWithMessage("%s: every step names one archive", step[0]).that(archive == null ? path : archive)
          .isEqualTo(path);
      archive = path;
    }
    OciImage.Entry entry = image.files().get(archive);
    assertWithMessage("the archive %s in the image", archive).that(entry).isNotNull();
    assertThat(entry.isFile()).isTrue();
    // A static AppCDS archive of JDK 17+ (CDS_ARCHIVE_MAGIC 0xf00baba2, little-endian), for a JVM to map.
    assertThat(ByteBuffer.wrap(entry.content()).order(ByteOrder.LITTLE_ENDIAN).getInt(0)).isEqualTo(0xf00baba2);
    assertThat(entry.content().length).isAtLeast(1 << 20);
    // In a layer of its own: a new recording (see docs/container-steps.md) changes that layer only.
    List<List<String>> layers = image.layerFiles();
    int layer = -1;
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i).contains(archive)) {
        layer = i;
      }
    }
    assertThat(layer).isAtLeast(0);
    assertThat(layers.get(layer)).containsExactly(archive);
  }

  @Test
  void theImagesNameIsTheOneTheSpecsUse() throws IOException {
    JsonNode ir = new YAMLMapper().readTree(SPECS.resolve("calculate-average/pipeline.yaml").toFile());
    List<String> images = new ArrayList<>();
    ir.path("deploymentSpec").path("executors").forEach(executor -> images.add(executor.path("container").path("image")
        .asText()));
    assertThat(images).isNotEmpty();
    assertThat(images).containsExactly(image.refName(), image.refName());
  }

  @Test
  void theClasspathTakenOutOfTheImageRunsThePipeline() throws IOException {
    Path app = Files.createDirectories(work.resolve("app"));
    image.extract("/app", app);
    // The image's classpath, in the order the JVM reads it, here instead of under /app.
    List<Path> entries = new ArrayList<>();
    for (String entry : imageClasspath()) {
      entries.add(app.resolve(entry.substring("/app/".length())));
    }
    assertThat(entries.size()).isAtLeast(5);
    RunResult result = LocalRunner.builder().classpath(Classpath.of(entries)).workDirectory(work.resolve(".kfp4j"))
        .stopOnSignal(false).retryBackoff(Duration.ofMillis(10)).classDataSharing(false).build()
        .run("calculate-average", Map.of("numbers", List.of(1, 2, 3, 6)));
    assertWithMessage("%s", result).that(result.state()).isEqualTo(RunResult.State.SUCCEEDED);
    assertThat(result.output("Output", Double.class)).isEqualTo(3.0);
  }

  /** The pipelines of the example (folders with a {@code pipeline.yaml}). */
  private static List<String> pipelines() throws IOException {
    List<String> specs = new ArrayList<>();
    try (Stream<Path> folders = Files.list(SPECS)) {
      folders.filter(folder -> Files.isRegularFile(folder.resolve("pipeline.yaml"))).sorted().forEach(folder -> specs.add(
          folder.getFileName().toString()));
    }
    assertThat(specs).containsAtLeast("calculate-average", "mixed-average");
    return specs;
  }

  /** Every Java step of every example pipeline, in the KFP IR and the Argo workflow: {pipeline, command...}. */
  static List<String[]> javaSteps() throws IOException {
    List<String[]> steps = new ArrayList<>();
    YAMLMapper yaml = new YAMLMapper();
    for (String pipeline : pipelines()) {
      List<JsonNode> containers = new ArrayList<>();
      yaml.readTree(SPECS.resolve(pipeline).resolve("pipeline.yaml").toFile()).path("deploymentSpec").path("executors")
          .forEach(executor -> containers.add(executor.path("container")));
      yaml.readTree(SPECS.resolve(pipeline).resolve("workflow.yaml").toFile()).path("spec").path("templates")
          .forEach(template -> containers.add(template.path("container")));
      for (JsonNode container : containers) {
        List<String> command = texts(container.path("command"));
        if (!container.path("image").asText().equals(image.refName()) || !command.contains("-cp")) {
          continue; // another image (the Python steps, a published component) or a DAG template
        }
        List<String> step = new ArrayList<>(List.of(pipeline));
        step.addAll(command);
        steps.add(step.toArray(String[]::new));
      }
    }
    return steps;
  }

  /**
   * The specs' classpath inside the image as the JVM reads it: each entry, a folder's jars for {@code folder/*}, and
   * after a jar the jars its manifest's {@code Class-Path} names (relative to the jar's folder).
   */
  static List<String> imageClasspath() throws IOException {
    List<String> classpath = new ArrayList<>();
    for (String entry : specClasspath().split(":")) {
      if (entry.endsWith("/*")) {
        String folder = entry.substring(0, entry.length() - 1);
        image.files().values().stream().filter(file -> file.isFile() && file.path().startsWith(folder)
            && file.path().endsWith(".jar") && file.path().indexOf('/', folder.length()) < 0).map(OciImage.Entry::path)
            .sorted().forEach(classpath::add);
      } else if (entry.endsWith(".jar")) {
        OciImage.Entry jar = image.files().get(entry);
        assertWithMessage("%s of the specs' classpath in the image", entry).that(jar).isNotNull();
        classpath.add(entry);
        java.util.jar.Manifest manifest;
        try (java.util.jar.JarInputStream in = new java.util.jar.JarInputStream(
            new java.io.ByteArrayInputStream(jar.content()))) {
          manifest = in.getManifest();
        }
        String named = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
        if (named != null) {
          Path folder = Path.of(entry).getParent();
          for (String relative : named.trim().split("\\s+")) {
            String path = folder.resolve(relative).normalize().toString();
            assertWithMessage("%s names %s: in the image", entry, path).that(image.files()).containsKey(path);
            classpath.add(path);
          }
        }
      } else {
        classpath.add(entry);
      }
    }
    return classpath;
  }

  /** The classpath the example's specs give {@code java} ({@code -Akfp4j.classpath}, from example-avg's pom). */
  static String specClasspath() throws IOException {
    JsonNode ir = new YAMLMapper().readTree(SPECS.resolve("calculate-average/pipeline.yaml").toFile());
    List<String> command = texts(ir.path("deploymentSpec").path("executors").elements().next().path("container")
        .path("command"));
    return command.get(command.indexOf("-cp") + 1);
  }

  /** Whether a class file is in a folder or a jar of the specs' classpath, inside the image. */
  private static boolean onImageClasspath(String classFile) throws IOException {
    for (String entry : imageClasspath()) {
      OciImage.Entry file = image.files().get(entry);
      if (file != null && file.isFile() ? jarHas(file.content(), classFile)
          : image.files().containsKey(entry + "/" + classFile)) {
        return true;
      }
    }
    return false;
  }

  private static boolean jarHas(byte[] jar, String name) throws IOException {
    try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(jar))) {
      for (java.util.zip.ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (entry.getName().equals(name)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String env(JsonNode config, String name) {
    for (JsonNode entry : config.path("Env")) {
      if (entry.asText().startsWith(name + "=")) {
        return entry.asText().substring(name.length() + 1);
      }
    }
    throw new AssertionError("no " + name + " in the image's Env: " + config.path("Env"));
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  /** The {@code PT_INTERP} path of a 64-bit little-endian ELF executable. */
  static String elfInterpreter(byte[] elf) {
    ByteBuffer buffer = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(buffer.getInt(0)).isEqualTo(0x464c457f); // \x7fELF
    long programHeaders = buffer.getLong(0x20);
    int size = Short.toUnsignedInt(buffer.getShort(0x36));
    int count = Short.toUnsignedInt(buffer.getShort(0x38));
    for (int i = 0; i < count; i++) {
      int at = (int) programHeaders + i * size;
      if (buffer.getInt(at) == 3) {
        int offset = (int) buffer.getLong(at + 0x08);
        int length = (int) buffer.getLong(at + 0x20);
        return new String(elf, offset, length - 1, StandardCharsets.US_ASCII);
      }
    }
    throw new AssertionError("no PT_INTERP in the java executable");
  }
}
