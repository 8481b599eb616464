package dev.kfp4j.runtime.entrypoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kfp4j.wire.InputBindings;
import dev.kfp4j.wire.WorkflowNames;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The entrypoint reads the {@code --inputs} JSON exactly as kfp4j-wire's {@link InputBindings} writes it, and the
 * main classes kfp4j-wire names for the specs are the runtime's.
 */
class InputBindingTest {

  @Test
  void readsWhatTheWriterWrites() throws Exception {
    Map<String, String> written = new LinkedHashMap<>();
    written.put("sum", InputBindings.from("stats/add.Output"));
    written.put("numbers", InputBindings.from("numbers"));
    written.put("label", InputBindings.value("\"a \\\"quoted\\\" \\u007b label\""));
    written.put("factor", InputBindings.value("2.5"));
    Map<String, InputBinding> read = InputBinding.parse(InputBindings.object(written));
    assertEquals(new InputBinding.From("stats/add.Output"), read.get("sum"));
    assertEquals(new InputBinding.From("numbers"), read.get("numbers"));
    // A constant is kept as compact JSON text, decoded later by the input's codec.
    assertEquals("a \"quoted\" { label", dev.kfp4j.runtime.value.Codecs.STRING.decode(
        ((InputBinding.Constant) read.get("label")).json()));
    assertEquals(2.5, dev.kfp4j.runtime.value.Codecs.DOUBLE.decode(((InputBinding.Constant) read.get("factor")).json()));
    assertEquals(4, read.size());
  }

  @Test
  void readsASelectionOfAnotherBinding() throws EntrypointArgs.UsageException {
    String item = "{\"" + InputBindings.FROM + "\":\"xs\",\"" + InputBindings.PATH + "\":[3]}";
    Map<String, InputBinding> read = InputBinding.parse(InputBindings.object(
        Map.of("id", InputBindings.select(item, java.util.List.of("spec", "id")))));
    InputBinding.Selected outer = (InputBinding.Selected) read.get("id");
    assertEquals(java.util.List.of("spec", "id"), outer.path());
    InputBinding.Selected inner = (InputBinding.Selected) outer.of();
    assertEquals(new InputBinding.From("xs"), inner.of());
    assertEquals(java.util.List.of(3), inner.path());
  }

  @Test
  void theWorkflowNamesTheRuntimeClassesTheSpecsStart() {
    assertEquals(InitMain.class.getName(), WorkflowNames.INIT_MAIN);
    assertEquals(LoopMain.class.getName(), WorkflowNames.LOOP_MAIN);
    assertEquals(dev.kfp4j.runtime.container.ContainerValuesMain.class.getName(), WorkflowNames.CONTAINER_VALUES_MAIN);
    assertEquals(InitMain.ARTIFACT, WorkflowNames.ARTIFACT_KIND);
  }

  @Test
  void refusesABindingOfNeitherShape() {
    EntrypointArgs.UsageException e = assertThrows(EntrypointArgs.UsageException.class,
        () -> InputBinding.parse("{\"x\":{\"" + InputBindings.FROM + "\":1}}"));
    assertTrue(e.getMessage().contains("binding of 'x' must be {\"from\":\"VALUE_NAME\"} or {\"value\":JSON}"),
        e.getMessage());
  }
}
