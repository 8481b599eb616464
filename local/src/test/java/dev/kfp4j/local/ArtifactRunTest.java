package dev.kfp4j.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.ml.Training;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kfp4j.local.error.LocalRunException;
import dev.kfp4j.local.run.TaskState;
import dev.kfp4j.runtime.artifact.ArtifactManifest;
import dev.kfp4j.runtime.artifact.Artifacts;
import dev.kfp4j.runtime.context.RunContext;
import dev.kfp4j.runtime.storage.Storage;
import dev.kfp4j.runtime.storage.StorageSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files and directories between steps in the local runner: a data set file, a model directory (with an
 * empty file and an empty folder), metrics and a report; the runner's result equals calling the
 * pipeline method directly, in-process and with one JVM per task.
 */
class ArtifactRunTest {

  @TempDir
  Path work;

  @Test
  void filesAndDirectoriesFlowBetweenStepsInProcess() throws Exception {
    check(Runners.inProcess(work).build().run("train-model", Map.of("rows", 5, "rate", 0.1)));
  }

  @Test
  void filesAndDirectoriesFlowBetweenStepJvms() throws Exception {
    check(Runners.subprocess(work).build().run("train-model", Map.of("rows", 5, "rate", 0.1)));
  }

  private void check(RunResult result) throws Exception {
    assertEquals(RunResult.State.SUCCEEDED, result.state(), result.toString());
    String direct = Files.readString(Training.pipeline(5, 0.1));
    Path report = result.downloadArtifact("Output", work.resolve("report.md"));
    assertEquals(direct, Files.readString(report));

    JsonNode output = result.outputJson("Output");
    assertEquals("system.Markdown", output.get("schemaTitle").asText());
    assertEquals("report.md", output.get("name").asText());
    assertEquals(Files.size(report), output.get("size").asLong());

    RunContext context = RunContext.parse(Files.readString(result.directory().resolve("contexts/evaluate.json")));
    try (Storage storage = Storage.create(List.of(result.info().root()), StorageSettings.of(Map.of(), Map.of()))) {
      // The data set keeps its file name, so the local runner hands the next step data/train.csv.
      ArtifactManifest data = Artifacts.find(storage, context.address("generate.Output").orElseThrow()).orElseThrow();
      assertEquals("train.csv", data.name());
      ArtifactManifest model = Artifacts.find(storage, context.address("train.model").orElseThrow()).orElseThrow();
      assertTrue(model.isDirectory());
      assertEquals("system.Model", model.schemaTitle());
      assertEquals(List.of("weights/EMPTY", "weights/linear.txt"),
          model.files().stream().map(ArtifactManifest.Entry::path).toList());
      assertEquals(List.of("notes", "weights"), model.directories());
      URI metricsAddress = context.address("evaluate.Output").orElseThrow();
      ArtifactManifest metrics = Artifacts.find(storage, metricsAddress).orElseThrow();
      assertEquals("system.Metrics", metrics.schemaTitle());
      assertEquals(2.0, (Double) metrics.metadata().get("slope"), 1e-9);
      assertEquals(0.0, (Double) metrics.metadata().get("error"), 1e-9);
    }
  }

  @Test
  void aPipelineStartsFromAnExistingFileCopiedIntoTheRun() throws Exception {
    Path data = Files.createDirectories(work.resolve("datasets")).resolve("train.csv");
    Files.writeString(data, "x,y\n0,1\n1,3\n2,5\n");
    String direct = Files.readString(Training.trainOn(data, 0.1));

    RunResult result = Runners.inProcess(work).build().run("train-on-data", Map.of("data", data, "rate", 0.1));

    assertEquals(RunResult.State.SUCCEEDED, result.state(), result.toString());
    assertEquals(direct, Files.readString(result.downloadArtifact("Output", work.resolve("report.md"))));
    // The run reads its own copy: changing the original afterwards changes nothing in it.
    Path copy = Path.of(result.info().root()).resolve("inputs/data");
    assertEquals("x,y\n0,1\n1,3\n2,5\n", Files.readString(copy));
  }

  @Test
  void theCacheKeysArtifactsByContentAndChecksWhatItRestores() throws Exception {
    Path data = Files.createDirectories(work.resolve("a")).resolve("train.csv");
    Files.writeString(data, "x,y\n0,1\n1,3\n");
    RunResult first = Runners.inProcess(work).build().run("train-on-data", Map.of("data", data, "rate", 0.1));
    assertEquals(RunResult.State.SUCCEEDED, first.state(), first.toString());
    assertEquals(TaskState.SUCCEEDED, first.task("train").state());

    // The same bytes at another path: every step is a hit, and the restored report is the same file.
    Path same = Files.createDirectories(work.resolve("b")).resolve("train.csv");
    Files.copy(data, same);
    RunResult second = Runners.inProcess(work).build().run("train-on-data", Map.of("data", same, "rate", 0.1));
    assertEquals(TaskState.CACHED, second.task("train").state(), second.toString());
    assertEquals(TaskState.CACHED, second.task("report").state());
    assertEquals(Files.readString(first.downloadArtifact("Output", work.resolve("r1.md"))),
        Files.readString(second.downloadArtifact("Output", work.resolve("r2.md"))));
    assertTrue(second.artifact("Output").orElseThrow().size() > 0);

    // Changed bytes: a miss.
    Files.writeString(same, "x,y\n0,1\n1,4\n");
    RunResult third = Runners.inProcess(work).build().run("train-on-data", Map.of("data", same, "rate", 0.1));
    assertEquals(TaskState.SUCCEEDED, third.task("train").state(), third.toString());

    // A cached artifact changed behind the cache's back is not restored: the step runs again.
    Path model = Path.of(first.info().root()).resolve("train/model/weights/linear.txt");
    Files.writeString(model, "9 9");
    RunResult fourth = Runners.inProcess(work).build().run("train-on-data", Map.of("data", data, "rate", 0.1));
    assertEquals(TaskState.SUCCEEDED, fourth.task("train").state(), fourth.toString());
    assertEquals(RunResult.State.SUCCEEDED, fourth.state());
  }

  @Test
  void anImportThatDoesNotExistIsRefusedBeforeAnyStepRuns() {
    LocalRunException e = org.junit.jupiter.api.Assertions.assertThrows(LocalRunException.class, () -> Runners
        .inProcess(work).build().run("train-on-data", Map.of("data", work.resolve("missing.csv"), "rate", 0.1)));
    assertTrue(e.getMessage().contains("pipeline parameter 'data' (an artifact to import)")
        && e.getMessage().contains("missing.csv does not exist"), e.getMessage());
  }

  @Test
  void aReturnedPathThatDoesNotExistFailsTheStepByName() {
    RunResult result = Runners.inProcess(work).build().run("forgets-its-file", Map.of("rows", 3));
    assertEquals(RunResult.State.FAILED, result.state(), result.toString());
    String error = result.task("forgetful").error().orElseThrow();
    assertTrue(error.contains("output artifact 'Output'") && error.contains("does not exist"), error);
    assertEquals(TaskState.SKIPPED, result.task("train").state());
    assertFalse(Files.exists(Path.of(result.info().root()).resolve("forgetful/Output" + ArtifactManifest.SUFFIX)));
  }
}
