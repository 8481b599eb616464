package dev.kfp4j.processor.spec;

import dev.kfp4j.processor.model.Channels;
import dev.kfp4j.processor.model.Port;
import dev.kfp4j.processor.model.Source;
import dev.kfp4j.processor.model.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loops in a KFP IR DAG: a task with a {@code parameterIterator} (raw items, or an input parameter) running the
 * loop body's DAG component once per item.
 */
final class KfpLoops {

  private KfpLoops() {}

  /** The DAG task of a loop; the body's DAG component goes to {@code dag}'s components. */
  static Map<String, Object> task(KfpDagWriter dag, Task.Loop loop, KfpScope scope) {
    String key = dag.graph().scopeKey(scope.pipeline(), loop);
    dag.addComponent(key, component(dag, loop, scope));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("componentRef", Node.map("name", "comp-" + key));
    scope.putWiring(spec, loop);
    if (loop.parallelism() > 0) {
      spec.put("iteratorPolicy", Node.map("parallelismLimit", loop.parallelism()));
    }
    Map<String, Object> items = loop.items() instanceof Source.Constant constant
        ? Node.map("raw", pythonJson(constant.json()))
        : Node.map("inputParameter", Channels.of(loop.items(), scope.itemInputs()));
    spec.put("parameterIterator", Node.map("itemInput", loop.itemInput(), "items", items));
    spec.put("taskInfo", Node.map("name", loop.name()));
    return spec;
  }

  /** A loop's body as a DAG component: one iteration, with every outside value and the item as inputs. */
  private static Map<String, Object> component(KfpDagWriter dag, Task.Loop loop, KfpScope outer) {
    Map<String, Object> component = new LinkedHashMap<>();
    component.put("dag", dag.dag(loop.body(), outer.body(loop.body()), loop.collected().stream()
        .map(c -> Map.entry(c.name(), c.producer())).toList()));
    List<Port> inputs = new ArrayList<>();
    loop.inputs().forEach(input -> inputs.add(new Port(input.name(), input.type())));
    inputs.add(new Port(loop.itemInput(), loop.itemType()));
    KfpIrWriter.putDefinitions(component, inputs,
        loop.collected().stream().map(c -> new Port(c.name(), c.type())).toList());
    return component;
  }

  /** JSON as Python's {@code json.dumps} writes it (", " and ": "), as KFP's compiler writes raw loop items. */
  static String pythonJson(String json) {
    StringBuilder out = new StringBuilder();
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      out.append(c);
      if (inString) {
        if (c == '\\') {
          out.append(json.charAt(++i));
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == ',' || c == ':') {
        out.append(' ');
      }
    }
    return out.toString();
  }
}
