package dev.kfp4j.e2e;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kfp4j.runtime.context.RunContext;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's flow with the example's generated entrypoints: {@code add} and {@code div}, each in its own JVM,
 * values in a local run folder, step 1's output context handed to step 2.
 */
class AverageEndToEndTest {

  private static final String ADD = "dev.kfp4j.example.avg.Average_AddEntrypoint";
  private static final String DIV = "dev.kfp4j.example.avg.Average_DivEntrypoint";

  @Test
  void averageOfOneTwoThreeIsTwo(@TempDir Path temp) throws Exception {
    RunFolder run = RunFolder.in(temp);
    URI numbers = run.put("inputs/numbers.json", "[1,2,3]");
    String start = RunContext.create("e2e-average", run.root()).with("numbers", numbers).toJson();
    Path addContext = run.context("1-add.json");
    Path divContext = run.context("2-div.json");

    // Step 1: the context string as the argument, as the classic component gets it.
    EntrypointProcess.Result add = EntrypointProcess.run(run.dir(), ADD, start, "--output-context", addContext.toString());
    assertSucceededQuietly(add);
    // Step 2: the context from step 1's output file; div's parameter 'sum' is add's output.
    EntrypointProcess.Result div = EntrypointProcess.run(run.dir(), DIV, "--context-file", addContext.toString(),
        "--input", "sum=add.Output", "--output-context", divContext.toString());
    assertSucceededQuietly(div);

    JsonNode sum = run.value("add/Output.json");
    assertThat(sum.isInt()).isTrue();
    assertThat(sum.intValue()).isEqualTo(6);
    JsonNode average = run.value("div/Output.json");
    assertThat(average.isDouble()).isTrue();
    assertThat(average.doubleValue()).isEqualTo(2.0);

    ObjectNode afterAdd = context(run, "e2e-average");
    ((ObjectNode) afterAdd.get("values")).put("numbers", numbers.toString())
        .put("add.Output", run.address("add/Output.json").toString());
    assertThat(RunFolder.JSON.readTree(addContext.toFile())).isEqualTo(afterAdd);

    ObjectNode afterDiv = afterAdd.deepCopy();
    ((ObjectNode) afterDiv.get("values")).put("div.Output", run.address("div/Output.json").toString());
    assertThat(RunFolder.JSON.readTree(divContext.toFile())).isEqualTo(afterDiv);

    // The runtime's own reader accepts what the entrypoints wrote (what the next step would do).
    RunContext finished = RunContext.parse(Files.readString(divContext));
    assertThat(finished.address("div.Output")).hasValue(run.address("div/Output.json"));

    // Nothing else was written: no temporary files, no stray objects.
    assertThat(run.files()).containsExactly("values/inputs/numbers.json", "values/add/Output.json",
        "values/div/Output.json", "contexts/1-add.json", "contexts/2-div.json");
  }

  @Test
  void withoutAnOutputFileTheContextGoesToStdout(@TempDir Path temp) throws Exception {
    RunFolder run = RunFolder.in(temp);
    URI numbers = run.put("inputs/numbers.json", "[4, 5]");
    String start = RunContext.create("e2e-stdout", run.root()).with("numbers", numbers).toJson();

    EntrypointProcess.Result add = EntrypointProcess.run(run.dir(), ADD, start, "--task", "sum-up");

    assertWithMessage("%s", add).that(add.exitCode()).isEqualTo(0);
    assertWithMessage("%s", add).that(add.stderr()).isEmpty();
    ObjectNode expected = context(run, "e2e-stdout");
    ((ObjectNode) expected.get("values")).put("numbers", numbers.toString())
        .put("sum-up.Output", run.address("sum-up/Output.json").toString());
    assertThat(RunFolder.JSON.readTree(add.stdout())).isEqualTo(expected);
    assertThat(run.value("sum-up/Output.json").intValue()).isEqualTo(9);
  }

  private static ObjectNode context(RunFolder run, String runId) {
    ObjectNode context = RunFolder.JSON.createObjectNode();
    context.put("runId", runId);
    context.put("root", run.root().toString());
    context.putObject("values");
    return context;
  }

  private static void assertSucceededQuietly(EntrypointProcess.Result result) {
    assertWithMessage("%s", result).that(result.exitCode()).isEqualTo(0);
    assertWithMessage("%s", result).that(result.stdout()).isEmpty();
    assertWithMessage("%s", result).that(result.stderr()).isEmpty();
  }
}
