package dev.kfp4j.e2e;

import static com.google.common.truth.Truth.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kfp4j.e2e.standin.KfpLauncherStandIn;
import dev.kfp4j.e2e.standin.KfpLauncherStandIn.NumberStyle;
import dev.kfp4j.e2e.standin.LocalPods;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The KFP v2 IR the processor generated really runs under Kubeflow Pipelines' executor protocol:
 * {@link KfpLauncherStandIn} — a test stand-in for KFP's driver and launcher, not KFP — hands each task's
 * executor container the real ExecutorInput JSON as {@code --executor_input {{$}}} and reads the outputs back
 * from their files by type, task after task, sub-DAGs included.
 */
class KfpExecutorProtocolTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path temp;

  @ParameterizedTest
  @EnumSource(NumberStyle.class)
  void theExamplesIrAveragesOneTwoThreeToTwo(NumberStyle style) throws Exception {
    JsonNode ir = ir("META-INF/kfp4j/calculate-average/pipeline.yaml");
    KfpLauncherStandIn kfp = new KfpLauncherStandIn(LocalPods.withClasspath(List.of()), temp, style);

    Map<String, JsonNode> outputs = kfp.run(ir, Map.of("numbers", JSON.readTree("[1,2,3]")));

    assertThat(outputs.keySet()).containsExactly("Output");
    assertThat(outputs.get("Output").isNumber()).isTrue();
    assertThat(outputs.get("Output").doubleValue()).isEqualTo(2.0);
    // Each executor got exactly the ExecutorInput KFP would give: the recorded samples, numbers as each writer
    // writes them (add's NUMBER_INTEGER output "6" travels to div as the Value 6).
    String sample = style == NumberStyle.PROTOJSON ? "executor-input/add-protojson.json" : "executor-input/div-python.json";
    String task = style == NumberStyle.PROTOJSON ? "add" : "div";
    assertThat(JSON.readTree(kfp.executorInputs().get(task)))
        .isEqualTo(JSON.readTree(resource(sample).replace("${OUT}", temp.resolve(task + "-0").toString())));
    assertThat(kfp.logs().values()).containsExactly("", "");
  }

  @Test
  void theNestedSampleRunsWithItsConstantsAndSubDags() throws Exception {
    CompiledSample stats = CompiledSample.stats();
    JsonNode ir = new YAMLMapper().readTree(stats.spec("outer-pipeline", "pipeline.yaml").toFile());
    KfpLauncherStandIn kfp = new KfpLauncherStandIn(LocalPods.withClasspath(List.of(stats.classes())), temp,
        NumberStyle.PROTOJSON);

    Map<String, JsonNode> outputs = kfp.run(ir, Map.of("numbers", JSON.readTree("[1,2,3]"), "factor", JSON.readTree("1.5")));

    assertThat(outputs.get("Output")).isEqualTo(JSON.readTree("{\"m\":3.0}"));
    assertThat(kfp.logs().keySet()).containsExactly("inner/clip", "inner/summarize", "inner/report", "clip",
        "inner-2/clip", "inner-2/summarize", "inner-2/report", "report", "scale-up");
    // KFP passes the string constant through untouched: "{{", quotes and the newline arrive as written.
    assertThat(kfp.logs().get("inner/report")).isEqualTo("mean={{workflow.name}} \"quoted\"\n2.0\n");
    assertThat(kfp.logs().get("inner-2/report")).isEqualTo("mean={{workflow.name}} \"quoted\"\n0.0\n");
    assertThat(kfp.logs().get("report")).isEqualTo("second0.0\n");
    // The enum constant and the integer constant as KFP hands them over.
    JsonNode summarize = JSON.readTree(kfp.executorInputs().get("inner/summarize")).path("inputs").path("parameterValues");
    assertThat(summarize).isEqualTo(JSON.readTree("{\"xs\":[1,2,3],\"mode\":\"FAST\"}"));
    JsonNode clip = JSON.readTree(kfp.executorInputs().get("clip")).path("inputs").path("parameterValues");
    assertThat(clip).isEqualTo(JSON.readTree("{\"limit\":-3,\"xs\":[1,2,3]}"));
  }

  private static JsonNode ir(String resource) throws Exception {
    return new YAMLMapper().readTree(resource(resource));
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = KfpExecutorProtocolTest.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new AssertionError("no " + name + " on the test classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
