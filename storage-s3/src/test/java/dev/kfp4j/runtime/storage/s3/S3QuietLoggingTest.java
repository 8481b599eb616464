package dev.kfp4j.runtime.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.runtime.entrypoint.ComponentBody;
import dev.kfp4j.runtime.entrypoint.ComponentDescriptor;
import dev.kfp4j.runtime.entrypoint.ComponentMain;
import dev.kfp4j.runtime.value.ValueType;
import java.io.File;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A component image with {@code kfp4j-storage-s3} carries SLF4J's API (through the AWS SDK) but no
 * logging backend; the component's stderr still carries only kfp4j's own lines.
 */
class S3QuietLoggingTest {

  @TempDir Path dir;

  /** A generated entrypoint's main, as a container runs it. */
  public static final class Entrypoint {
    static final ComponentDescriptor ADD = new ComponentDescriptor("add", "example.Average.add", List.of("numbers"),
        List.of("Output"));
    static final ComponentBody ADD_BODY = io -> io.output("Output",
        io.input("numbers", new ValueType<List<Integer>>() {}).size(), ValueType.of(int.class));

    public static void main(String[] args) {
      System.exit(ComponentMain.run(ADD, args, ADD_BODY));
    }
  }

  @Test
  void noSlf4jWarningPrecedesTheErrorLine() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    // This test's classpath without any SLF4J backend (S3Proxy brings logback): what an image carries.
    String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.contains("logback") && !entry.contains("slf4j-simple") && !entry.contains("slf4j-nop"))
        .collect(Collectors.joining(File.pathSeparator));
    String context = "{\"runId\":\"r1\",\"root\":\"s3://pipelines/r1/\",\"values\":{\"numbers\":\"s3://pipelines/r1/n.json\"}}";
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classpath, Entrypoint.class.getName(), context, "--roots", "s3://pipelines/")
        .redirectError(dir.resolve("err.txt").toFile()).redirectOutput(dir.resolve("out.txt").toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("KFP4J_") || name.startsWith("AWS_"));
    builder.environment().put("KFP4J_S3_ENDPOINT", "http://127.0.0.1:" + closed);
    builder.environment().put("KFP4J_S3_REGION", "us-east-1");
    builder.environment().put("KFP4J_S3_PATH_STYLE", "true");
    builder.environment().put("KFP4J_HTTP_MAX_ATTEMPTS", "1");
    builder.environment().put("AWS_ACCESS_KEY_ID", "test");
    builder.environment().put("AWS_SECRET_ACCESS_KEY", "test");
    builder.environment().put("AWS_MAX_ATTEMPTS", "1");
    Process process = builder.start();
    assertTrue(process.waitFor(90, TimeUnit.SECONDS), "the entrypoint did not finish");
    List<String> lines = Files.readAllLines(dir.resolve("err.txt"), StandardCharsets.UTF_8).stream()
        .filter(line -> !line.isBlank()).toList();
    assertTrue(process.exitValue() != 0, "reading from a closed port fails");
    assertEquals(1, lines.size(), "only kfp4j's line: " + lines);
    assertTrue(lines.get(0).startsWith("kfp4j: component 'add': "), lines.get(0));
  }
}
