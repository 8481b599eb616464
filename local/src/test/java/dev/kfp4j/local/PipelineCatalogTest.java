package dev.kfp4j.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kfp4j.local.exec.Classpath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code kfp4j list} shows of a pipeline's parameters: their Java types in the method's order. */
class PipelineCatalogTest {

  private static Map<String, String> parametersOf(String pipeline) {
    return new PipelineCatalog(Classpath.current()).pipelines().stream().filter(p -> p.name().equals(pipeline))
        .findFirst().orElseThrow(() -> new AssertionError("no pipeline " + pipeline)).parameters();
  }

  @Test
  void parametersHaveTheirJavaTypesInTheMethodsOrder() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("text", "String");
    expected.put("count", "int");
    expected.put("ratio", "double");
    expected.put("flag", "boolean");
    expected.put("items", "List<Integer>");
    expected.put("table", "Map<String, Integer>");
    assertEquals(List.copyOf(expected.entrySet()), List.copyOf(parametersOf("all-kinds").entrySet()));
  }

  @Test
  void aFileParameterIsListedToo() {
    // The IR lists a Path parameter among its artifacts, not its parameters; the method has it in its place.
    assertEquals(List.of(Map.entry("data", "Path"), Map.entry("rate", "double")),
        List.copyOf(parametersOf("train-on-data").entrySet()));
  }
}
