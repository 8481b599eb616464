package dev.kfp4j.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.local.error.LocalRunException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --param values are checked against the declared inputs before anything runs. */
class ParametersTest {

  @TempDir
  Path work;

  private Map<String, String> allKinds() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("text", "hello world");
    params.put("count", "3");
    params.put("ratio", "0.5");
    params.put("flag", "true");
    params.put("items", "[1,2]");
    params.put("table", "{\"a\":1}");
    return params;
  }

  private LocalRunException refused(Map<String, String> params) {
    LocalRunException e = assertThrows(LocalRunException.class,
        () -> Runners.inProcess(work).build().runWithText("all-kinds", params));
    assertEquals(LocalRunException.Kind.BAD_PARAMETER, e.kind());
    assertFalse(Files.exists(work.resolve("runs")) && work.resolve("runs").toFile().list().length > 0,
        "no run is started with bad parameters");
    return e;
  }

  @Test
  void everyKindFromText() {
    RunResult result = Runners.inProcess(work).build().runWithText("all-kinds", allKinds());
    assertEquals("hello world30.5true[1, 2]{a=1}", result.output("Output", String.class));
  }

  @Test
  void unknownParameterIsNamed() {
    Map<String, String> params = allKinds();
    params.put("colour", "red");
    assertTrue(refused(params).getMessage().contains("unknown parameter 'colour'"));
  }

  @Test
  void missingParameterSaysHowToGiveIt() {
    Map<String, String> params = allKinds();
    params.remove("items");
    String message = refused(params).getMessage();
    assertTrue(message.contains("missing parameter 'items' (List<Integer>); give --param items=[1,2]"), message);
  }

  @Test
  void mistypedParametersAreRefused() {
    Map<String, String> params = allKinds();
    params.put("count", "2.5");
    params.put("items", "[1,2");
    String message = refused(params).getMessage();
    assertTrue(message.contains("parameter 'count' must be int, got '2.5'; give --param count=42"), message);
    assertTrue(message.contains("parameter 'items' (List<Integer>): '[1,2' is not valid JSON (the list is not closed: "
        + "']' is missing, at column 5); give --param items=[1,2]"), message);
    assertFalse(message.contains("Source"), message);
    assertTrue(message.indexOf("'count'") < message.indexOf("'items'"), "the pipeline's order: " + message);
    assertTrue(message.endsWith("(it takes: count: int, flag: boolean, items: List<Integer>, ratio: double, "
        + "table: Map<String, Integer>, text: String)"), message);
  }

  @Test
  void javaValuesOfTheWrongKindAreRefused() {
    LocalRunException e = assertThrows(LocalRunException.class,
        () -> Runners.inProcess(work).build().run("calculate-average", Map.of("numbers", "1,2,3")));
    assertTrue(e.getMessage().contains("parameter 'numbers' must be List<Integer>, got '\"1,2,3\"'"), e.getMessage());
    assertThrows(LocalRunException.class,
        () -> Runners.inProcess(work).build().run("calculate-average", Map.of("numbers", List.of(1), "extra", 1)));
  }

  @Test
  void aListOfStringsGetsAnExampleOfItsOwnType() {
    LocalRunException e = assertThrows(LocalRunException.class,
        () -> Runners.inProcess(work).build().runWithText("line-count", Map.of("lines", "[\"a b\"")));
    assertEquals("pipeline 'line-count': parameter 'lines' (List<String>): '[\"a b\"' is not valid JSON (the list is "
        + "not closed: ']' is missing, at column 7); give --param 'lines=[\"a\",\"b\"]' (it takes: lines: List<String>)",
        e.getMessage());
  }

  @Test
  void aParameterWithoutAValueSaysSo() {
    Map<String, String> params = allKinds();
    params.put("count", "");
    String message = refused(params).getMessage();
    assertTrue(message.contains("parameter 'count' (int) has no value; give --param count=42"), message);
    assertFalse(message.contains("got ;"), message);
  }

  @Test
  void textThatIsNotJsonSaysWhatToWrite() {
    LocalRunException e = assertThrows(LocalRunException.class,
        () -> Runners.inProcess(work).build().runWithText("line-count", Map.of("lines", "[a,b]")));
    assertTrue(e.getMessage().contains("'[a,b]' is not valid JSON (text must be in double quotes inside JSON, at "
        + "column 2)"), e.getMessage());
  }

  @Test
  void aParameterOnlyAConditionReadsIsDescribedByItsJavaType() {
    LocalRunException e = assertThrows(LocalRunException.class, () -> Runners.inProcess(work).build()
        .runWithText("deploy-or-not", Map.of("model", "m", "threshold", "high")));
    assertEquals("pipeline 'deploy-or-not': parameter 'threshold' must be double, got 'high'; give "
        + "--param threshold=2.5 (it takes: model: String, threshold: double)", e.getMessage());
  }

  @Test
  void aParameterOnlyALoopReadsIsDescribedByItsJavaType() {
    LocalRunException e = assertThrows(LocalRunException.class, () -> Runners.inProcess(work).build()
        .runWithText("record-items", Map.of("shards", "[{\"name\":\"a\"", "dataset", "d")));
    assertEquals("pipeline 'record-items': parameter 'shards' (List<Shard>): '[{\"name\":\"a\"' is not valid JSON "
        + "(the object is not closed: '}' is missing, at column 13); give --param "
        + "'shards=[{\"name\":\"a\",\"size\":1},{\"name\":\"a\",\"size\":1}]' (it takes: dataset: String, "
        + "shards: List<Shard>)", e.getMessage());
  }
}
