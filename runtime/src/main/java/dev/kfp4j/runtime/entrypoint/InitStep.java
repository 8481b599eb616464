package dev.kfp4j.runtime.entrypoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kfp4j.runtime.context.ContextException;
import dev.kfp4j.runtime.context.RunContext;
import dev.kfp4j.runtime.storage.StorageSettings;
import dev.kfp4j.runtime.value.ValueCodec;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The init step ({@link InitMain}) for the tools, whose values are jackson-databind {@code JsonNode}s: the local runner
 * checks its {@code --param}s and starts a run with the same code as a cluster run's init step. (Not in
 * {@link InitMain}: a type in a main class's public methods is loaded when the {@code java} launcher starts it.)
 */
public final class InitStep {

  private InitStep() {}

  /**
   * Parses a parameter's text per its KFP kind, exactly as the init step does ({@link InitMain#value}): {@code STRING}
   * (and an artifact's address) as is, every other kind as JSON of that kind.
   */
  public static JsonNode parse(String name, String kind, String text) throws InputException {
    return ValueCodec.get().node(InitMain.value(name, kind, text));
  }

  /**
   * {@link InitMain#init} of values as {@code JsonNode}s: stores each under {@code <root>/inputs/<name>.json} (the
   * ones named in {@code imports}, addresses, are imported instead), writes the run's first context to
   * {@code outputContext} atomically, and returns it.
   */
  public static RunContext init(String runId, URI root, Map<String, JsonNode> values, Set<String> imports,
      List<URI> roots, StorageSettings settings, Path outputContext) throws ContextException, IOException {
    Map<String, Object> trees = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> value : values.entrySet()) {
      trees.put(value.getKey(), ValueCodec.get().tree(value.getValue()));
    }
    return InitMain.init(runId, root, trees, imports, roots, settings, outputContext);
  }
}
