package dev.kfp4j.e2e;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.kfp4j.runtime.context.RunContext;
import dev.kfp4j.runtime.entrypoint.ExitCode;
import java.io.BufferedWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An input too large for the step's heap is an input problem (naming the input, its size and the
 * heap limit), not a failure of the component's code.
 */
class InputTooLargeTest {

  private static final String ADD = "dev.kfp4j.example.avg.Average_AddEntrypoint";

  @TempDir Path temp;

  @Test
  void runningOutOfMemoryWhileReadingAnInputNamesTheInput() throws Exception {
    RunFolder run = RunFolder.in(temp);
    URI numbers = run.address("inputs/numbers.json");
    Files.createDirectories(Path.of(numbers).getParent());
    // About 24 MB of JSON: three million Integers do not fit in a 32 MiB heap.
    try (BufferedWriter out = Files.newBufferedWriter(Path.of(numbers), StandardCharsets.US_ASCII)) {
      out.write('[');
      for (int i = 0; i < 3_000_000; i++) {
        out.write(i == 0 ? "1000000" : ",1000000");
      }
      out.write(']');
    }
    long size = Files.size(Path.of(numbers));
    String context = RunContext.create("big", run.root()).with("numbers", numbers).toJson();

    EntrypointProcess.Result result = EntrypointProcess.run(run.dir(), System.getProperty("java.class.path"),
        List.of("-Xmx32m"), ADD, List.of(context, "--output-context", run.dir().resolve("contexts/add.json").toString()));

    assertWithMessage("%s", result).that(result.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertWithMessage("%s", result).that(result.stderrLines()).hasSize(1);
    String line = result.stderrLines().get(0);
    assertThat(line).startsWith("kfp4j: component 'add': input 'numbers' at " + numbers + ": the value (" + size
        + " bytes of JSON) does not fit in memory as List<Integer> (maximum heap ");
    assertThat(line).contains("give the step more memory");
    assertThat(line).doesNotContain("failed in");
    assertThat(Files.exists(run.dir().resolve("contexts/add.json"))).isFalse();
  }
}
