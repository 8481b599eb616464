package dev.kfp4j.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code --inputs} JSON as written; the entrypoint's reading of it is tested in kfp4j-runtime (InputBindingTest). */
class InputBindingsTest {

  @Test
  void bindings() {
    assertEquals("{\"from\":\"add.Output\"}", InputBindings.from("add.Output"));
    assertEquals("{\"value\":[1,2]}", InputBindings.value("[1,2]"));
    assertEquals("{\"from\":\"say \\\"hi\\\"\"}", InputBindings.from("say \"hi\""));
  }

  @Test
  void objectKeepsTheParameterOrder() {
    Map<String, String> bindings = new LinkedHashMap<>();
    bindings.put("sum", InputBindings.from("add.Output"));
    bindings.put("numbers", InputBindings.from("numbers"));
    bindings.put("factor", InputBindings.value("2"));
    assertEquals("{\"sum\":{\"from\":\"add.Output\"},\"numbers\":{\"from\":\"numbers\"},\"factor\":{\"value\":2}}",
        InputBindings.object(bindings));
    assertEquals("{}", InputBindings.object(Map.of()));
  }
}
