package dev.kfp4j.runtime.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kfp4j.runtime.entrypoint.ComponentBody;
import dev.kfp4j.runtime.entrypoint.ComponentDescriptor;
import dev.kfp4j.runtime.entrypoint.ComponentMain;
import dev.kfp4j.runtime.entrypoint.ExitCode;
import dev.kfp4j.runtime.storage.StorageSettings;
import dev.kfp4j.runtime.value.ValueCodec;
import dev.kfp4j.runtime.value.ValueType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The average pipeline's two steps run through {@link ComponentMain} as generated entrypoints would,
 * with an {@code s3://} root: inputs come from S3, outputs go to S3, each output context names them.
 */
class S3EntrypointTest {

  private static final ValueType<List<Integer>> NUMBERS = new ValueType<>() {};
  private static final ComponentDescriptor ADD = new ComponentDescriptor("add", "example.Average.add", List.of("numbers"), List.of("Output"));
  private static final ComponentDescriptor DIV = new ComponentDescriptor("div", "example.Average.div", List.of("sum", "numbers"), List.of("Output"));
  // What the processor would generate for add(List<Integer>) and div(int, List<Integer>).
  private static final ComponentBody ADD_BODY = io -> {
    List<Integer> numbers = io.input("numbers", NUMBERS);
    io.output("Output", numbers.stream().mapToInt(Integer::intValue).sum(), ValueType.of(int.class));
  };
  private static final ComponentBody DIV_BODY = io -> {
    int sum = io.input("sum", ValueType.of(int.class));
    List<Integer> numbers = io.input("numbers", NUMBERS);
    io.output("Output", (double) sum / numbers.size(), ValueType.of(double.class));
  };

  private static S3TestServer server;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    server = S3TestServer.shared();
    server.createBucket("pipelines");
    try (S3Client s3 = server.rawClient()) {
      s3.putObject(b -> b.bucket("pipelines").key("run-1/numbers.json"), RequestBody.fromString("[1,2,3,4]"));
      s3.putObject(b -> b.bucket("pipelines").key("run-9/numbers.json"), RequestBody.fromString("[5]"));
    }
  }

  @Test
  void averagePipelineRunsStepByStepOnS3() throws Exception {
    String context = "{\"runId\":\"run-1\",\"root\":\"s3://pipelines/run-1/\","
        + "\"values\":{\"numbers\":\"s3://pipelines/run-1/numbers.json\"}}";
    Path addContext = dir.resolve("add-context.json");
    Run add = run(ADD, ADD_BODY, server.settings(), context, "--output-context", addContext.toString(),
        "--roots", "s3://pipelines/run-1/");
    assertEquals(ExitCode.OK, add.exit(), add.err());
    assertEquals("", add.err());

    JsonNode afterAdd = ValueCodec.get().mapper().readTree(addContext.toFile());
    assertEquals("s3://pipelines/run-1/add/Output.json", afterAdd.get("values").get("add.Output").asText());
    assertEquals("s3://pipelines/run-1/numbers.json", afterAdd.get("values").get("numbers").asText());
    assertEquals("10", object("run-1/add/Output.json"));

    Path divContext = dir.resolve("div-context.json");
    Run div = run(DIV, DIV_BODY, server.settings(), "--context-file", addContext.toString(), "--input", "sum=add.Output",
        "--output-context", divContext.toString(), "--roots", "s3://pipelines/run-1/");
    assertEquals(ExitCode.OK, div.exit(), div.err());
    assertEquals("2.5", object("run-1/div/Output.json"));
    JsonNode afterDiv = ValueCodec.get().mapper().readTree(divContext.toFile());
    assertEquals("s3://pipelines/run-1/div/Output.json", afterDiv.get("values").get("div.Output").asText());
    assertEquals(3, afterDiv.get("values").size());
  }

  @Test
  void inputOutsideTheRunRootIsRefused() throws Exception {
    String context = "{\"runId\":\"run-1\",\"root\":\"s3://pipelines/run-1/\","
        + "\"values\":{\"numbers\":\"s3://pipelines/run-9/numbers.json\"}}";
    Path out = dir.resolve("refused-context.json");
    Run add = run(ADD, ADD_BODY, server.settings(), context, "--output-context", out.toString(),
        "--roots", "s3://pipelines/run-1/");
    assertEquals(ExitCode.BAD_INPUT, add.exit());
    assertEquals("kfp4j: component 'add': input 'numbers' at s3://pipelines/run-9/numbers.json: address refused: "
        + "outside the configured storage roots [s3://pipelines/run-1/]; add its root with --roots or KFP4J_STORAGE_ROOTS\n",
        add.err());
    assertFalse(Files.exists(out), "no output context for a failed step");
  }

  @Test
  void missingInputObjectIsOneClearLine() throws Exception {
    String context = "{\"runId\":\"run-1\",\"root\":\"s3://pipelines/run-1/\","
        + "\"values\":{\"numbers\":\"s3://pipelines/run-1/missing.json\"}}";
    Run add = run(ADD, ADD_BODY, server.settings(), context, "--roots", "s3://pipelines/run-1/");
    assertEquals(ExitCode.BAD_INPUT, add.exit());
    assertEquals("kfp4j: component 'add': input 'numbers' at s3://pipelines/run-1/missing.json: no such object\n", add.err());
  }

  @Test
  void unwritableOutputBucketFailsTheStep() throws Exception {
    // Inputs may come from a wider root, but the outputs go under the run root, here a missing bucket.
    String context = "{\"runId\":\"run-1\",\"root\":\"s3://no-output-bucket/run-1/\","
        + "\"values\":{\"numbers\":\"s3://pipelines/run-1/numbers.json\"}}";
    Run add = run(ADD, ADD_BODY, server.settings(), context, "--roots", "s3://pipelines/,s3://no-output-bucket/");
    assertEquals(ExitCode.OUTPUT_FAILED, add.exit());
    assertEquals("kfp4j: component 'add': could not store outputs: s3://no-output-bucket/run-1/add/Output.json: "
        + "bucket 'no-output-bucket' does not exist (404 NoSuchBucket)\n", add.err());
    assertTrue(add.out().isEmpty(), "no output context printed");
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(ComponentDescriptor component, ComponentBody body, StorageSettings settings, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = ComponentMain.run(component, args, body, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), settings);
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static String object(String key) {
    try (S3Client s3 = server.rawClient()) {
      return s3.getObjectAsBytes(b -> b.bucket("pipelines").key(key)).asUtf8String();
    }
  }
}
