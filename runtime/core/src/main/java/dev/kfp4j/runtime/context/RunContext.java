package dev.kfp4j.runtime.context;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kfp4j.runtime.storage.AddressRefusedException;
import dev.kfp4j.runtime.storage.Addresses;
import dev.kfp4j.runtime.value.ValueCodec;
import java.net.URI;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The run's context (the classic "context string"): the run id, the storage root for outputs, and
 * the address of every named value a step may need. Immutable; {@link #with} returns a new context.
 *
 * <p>JSON form, keys in a fixed order:
 * <pre>{"runId":"…","root":"file:///…/","values":{"numbers":"file:///…/numbers.json"}}</pre>
 *
 * <p>Values of pipeline parameters are named by the parameter; outputs of tasks are named
 * {@code <task>.<output>} ({@code add.Output}). Credentials never travel here: a context that looks
 * like it carries one is refused.
 */
public final class RunContext {

  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,252}");
  // Value names: '/'-separated segments (a nested pipeline's tasks are "stats/add"); no segment starts with '.'.
  private static final Pattern NAME = Pattern.compile("(?=.{1,253}$)[A-Za-z0-9_][A-Za-z0-9_.\\-]*(/[A-Za-z0-9_][A-Za-z0-9_.\\-]*)*");

  /**
   * The folder under the root that holds the pipeline's parameters ({@code <root>/inputs/<name>.json}).
   * No task may have this name, or its outputs would share addresses with the parameters.
   */
  public static final String PARAMETERS_FOLDER = "inputs";

  private final String runId;
  private final URI root;
  private final SortedMap<String, URI> values;

  private RunContext(String runId, URI root, SortedMap<String, URI> values) {
    this.runId = runId;
    this.root = root;
    this.values = Collections.unmodifiableSortedMap(values);
  }

  /** A new context with no values. */
  public static RunContext create(String runId, URI root) throws ContextException {
    checkRunId(runId);
    return new RunContext(runId, checkAddress("root", root), new TreeMap<>());
  }

  /** Parses and checks a context string. */
  public static RunContext parse(String json) throws ContextException {
    if (json == null || json.isBlank()) {
      throw new ContextException("context is empty; expected a JSON object like "
          + "{\"runId\":\"…\",\"root\":\"file:///…/\",\"values\":{…}}");
    }
    JsonNode tree;
    try {
      tree = ValueCodec.get().mapper().readTree(json);
    } catch (JsonProcessingException e) {
      // Jackson gives no location for some failures (e.g. a limit hit before parsing started).
      String where = e.getLocation() == null ? ""
          : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
      throw new ContextException("context is not valid JSON" + where + ": " + firstLine(e.getOriginalMessage()));
    }
    if (tree == null || !tree.isObject()) {
      throw new ContextException("context must be a JSON object, found " + (tree == null ? "nothing" : tree.getNodeType()));
    }
    for (Iterator<String> fields = tree.fieldNames(); fields.hasNext(); ) {
      String field = fields.next();
      if (CredentialNames.looksLikeCredential(field)) {
        throw credential("field '" + field + "'");
      }
      if (!field.equals("runId") && !field.equals("root") && !field.equals("values")) {
        throw new ContextException("context has unknown field '" + field + "'; allowed: runId, root, values");
      }
    }
    String runId = text(tree, "runId");
    checkRunId(runId);
    URI root = checkAddress("root", parseAddress("root", text(tree, "root")));
    JsonNode valuesNode = tree.get("values");
    SortedMap<String, URI> values = new TreeMap<>();
    if (valuesNode != null && !valuesNode.isNull()) {
      if (!valuesNode.isObject()) {
        throw new ContextException("context field 'values' must be an object of name → address");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = valuesNode.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        String name = entry.getKey();
        checkName(name);
        if (!entry.getValue().isTextual()) {
          throw new ContextException("context value '" + name + "' must be an address string, found "
              + entry.getValue().getNodeType());
        }
        values.put(name, checkAddress("value '" + name + "'", parseAddress("value '" + name + "'", entry.getValue().asText())));
      }
    }
    return new RunContext(runId, root, values);
  }

  /**
   * One context from several of the same run (the contexts of the tasks a step depends on): the union
   * of their values. Two contexts may name the same value only with the same address.
   */
  public static RunContext merge(java.util.List<RunContext> contexts) throws ContextException {
    if (contexts.isEmpty()) {
      throw new ContextException("no context given");
    }
    RunContext first = contexts.get(0);
    SortedMap<String, URI> values = new TreeMap<>(first.values);
    for (RunContext other : contexts.subList(1, contexts.size())) {
      if (!other.runId.equals(first.runId) || !other.root.equals(first.root)) {
        throw new ContextException("contexts of different runs cannot be merged: run '" + first.runId + "' at "
            + first.root + " and run '" + other.runId + "' at " + other.root);
      }
      for (Map.Entry<String, URI> entry : other.values.entrySet()) {
        URI previous = values.putIfAbsent(entry.getKey(), entry.getValue());
        if (previous != null && !previous.equals(entry.getValue())) {
          throw new ContextException("contexts disagree on value '" + entry.getKey() + "': " + previous + " and "
              + entry.getValue());
        }
      }
    }
    return new RunContext(first.runId, first.root, values);
  }

  /** The run's id. */
  public String runId() {
    return runId;
  }

  /** Where this run's outputs are stored. */
  public URI root() {
    return root;
  }

  /** Every named value's address, sorted by name. */
  public SortedMap<String, URI> values() {
    return values;
  }

  /** The address of a named value, if the context has it. */
  public Optional<URI> address(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** This context with {@code name} bound to {@code address} (replacing an earlier binding). */
  public RunContext with(String name, URI address) throws ContextException {
    checkName(name);
    SortedMap<String, URI> copy = new TreeMap<>(values);
    copy.put(name, checkAddress("value '" + name + "'", address));
    return new RunContext(runId, root, copy);
  }

  /** The context as its canonical JSON string. */
  public String toJson() {
    ObjectNode node = ValueCodec.get().mapper().createObjectNode();
    node.put("runId", runId);
    node.put("root", root.toString());
    ObjectNode valuesNode = node.putObject("values");
    for (Map.Entry<String, URI> value : values.entrySet()) {
      valuesNode.put(value.getKey(), value.getValue().toString());
    }
    return node.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RunContext that && runId.equals(that.runId) && root.equals(that.root)
        && values.equals(that.values);
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return toJson();
  }

  /**
   * Checks a task's name (a path such as {@code add} or {@code stats/add}) before its outputs are
   * stored at {@code <root>/<task>/<output>.json}: a valid value name, and not the parameters' folder.
   */
  public static void checkTaskName(String task) throws ContextException {
    checkName(task);
    String first = task.contains("/") ? task.substring(0, task.indexOf('/')) : task;
    if (first.equals(PARAMETERS_FOLDER)) {
      throw new ContextException("task name '" + task + "' is reserved: '" + PARAMETERS_FOLDER + "/' under the run's root "
          + "holds the pipeline's parameters, so a task of that name would overwrite them; give the task another name");
    }
  }

  /** Whether a name (a field, a parameter, a value) looks like it holds a credential ({@code token}, {@code apiKey}, …). */
  public static boolean looksLikeCredential(String name) {
    return CredentialNames.looksLikeCredential(name);
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }

  private static String text(JsonNode tree, String field) throws ContextException {
    JsonNode node = tree.get(field);
    if (node == null || node.isNull()) {
      throw new ContextException("context has no '" + field + "'");
    }
    if (!node.isTextual()) {
      throw new ContextException("context field '" + field + "' must be a string, found " + node.getNodeType());
    }
    return node.asText();
  }

  private static void checkRunId(String runId) throws ContextException {
    if (runId == null || !RUN_ID.matcher(runId).matches()) {
      throw new ContextException("context runId '" + runId + "' is not valid; use letters, digits, '_', '.', '-'");
    }
  }

  private static void checkName(String name) throws ContextException {
    if (CredentialNames.looksLikeCredential(name)) {
      throw credential("value '" + name + "'");
    }
    if (!NAME.matcher(name).matches()) {
      throw new ContextException("context value name '" + name + "' is not valid; use letters, digits, '_', '.', '-',"
          + " and '/' between segments");
    }
  }

  private static URI parseAddress(String what, String text) throws ContextException {
    try {
      return Addresses.parse(text);
    } catch (AddressRefusedException e) {
      throw new ContextException("context " + what + ": " + e.getMessage());
    }
  }

  private static URI checkAddress(String what, URI address) throws ContextException {
    try {
      return Addresses.check(address);
    } catch (AddressRefusedException e) {
      throw new ContextException("context " + what + ": " + e.getMessage());
    }
  }

  /** Why a credential-like name is refused, and what to do instead; the same words for every protocol. */
  public static final String CREDENTIAL_RULE = "credentials never travel in a context or an executor input: give "
      + "them to the step through its environment (e.g. AWS_ACCESS_KEY_ID, a profile, or a mounted Kubernetes Secret)";

  private static ContextException credential(String where) {
    return new ContextException("context " + where + " looks like a credential; " + CREDENTIAL_RULE);
  }
}
