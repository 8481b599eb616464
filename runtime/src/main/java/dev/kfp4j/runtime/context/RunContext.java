package dev.kfp4j.runtime.context;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kfp4j.runtime.storage.AddressRefusedException;
import dev.kfp4j.runtime.storage.Addresses;
import dev.kfp4j.runtime.value.JsonTree;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

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


  // Value names: '/'-separated segments (a nested pipeline's tasks are "stats/add"); no segment starts with '.'.


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
    Object parsed;
    try {
      // jackson-core alone: a component's JVM reads its context without building an ObjectMapper.
      parsed = JsonTree.parse(json);
    } catch (JsonProcessingException e) {
      // Jackson gives no location for some failures (e.g. a limit hit before parsing started).
      String where = e.getLocation() == null ? ""
          : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
      throw new ContextException("context is not valid JSON" + where + ": " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new ContextException("context cannot be read: " + e.getMessage());
    }
    if (!(parsed instanceof Map<?, ?> tree)) {
      throw new ContextException("context must be a JSON object, found " + (parsed == null ? "nothing" : JsonTree.kind(parsed)));
    }
    for (Object key : tree.keySet()) {
      String field = (String) key;
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
    Object valuesNode = tree.get("values");
    SortedMap<String, URI> values = new TreeMap<>();
    if (valuesNode != null && valuesNode != JsonTree.NULL) {
      if (!(valuesNode instanceof Map<?, ?> valuesObject)) {
        throw new ContextException("context field 'values' must be an object of name → address");
      }
      for (Map.Entry<?, ?> entry : valuesObject.entrySet()) {
        String name = (String) entry.getKey();
        checkName(name);
        if (!(entry.getValue() instanceof String address)) {
          throw new ContextException("context value '" + name + "' must be an address string, found "
              + JsonTree.kind(entry.getValue()));
        }
        values.put(name, checkAddress("value '" + name + "'", parseAddress("value '" + name + "'", address)));
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
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JsonTree.factory().createGenerator(text)) {
      json.writeStartObject();
      json.writeStringField("runId", runId);
      json.writeStringField("root", root.toString());
      json.writeObjectFieldStart("values");
      for (Map.Entry<String, URI> value : values.entrySet()) {
        json.writeStringField(value.getKey(), value.getValue().toString());
      }
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return text.toString();
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

  /**
   * Whether {@code name} is a valid value or task name of at most {@code maxLength} characters: segments
   * separated by '/', each starting with a letter, digit or '_' and going on with those, '.' and '-'.
   * Written out rather than as a regular expression: {@code java.util.regex} would bring the JDK's
   * method-handle machinery into every step's start-up.
   */
  public static boolean isName(String name, int maxLength) {
    int length = name.length();
    if (length < 1 || length > maxLength) {
      return false;
    }
    boolean segmentStart = true;
    for (int i = 0; i < length; i++) {
      char c = name.charAt(i);
      boolean word = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
      if (segmentStart) {
        if (!word) {
          return false;
        }
        segmentStart = false;
      } else if (c == '/') {
        segmentStart = true;
      } else if (!word && c != '.' && c != '-') {
        return false;
      }
    }
    return !segmentStart;
  }

  /** Whether a name (a field, a parameter, a value) looks like it holds a credential ({@code token}, {@code apiKey}, …). */
  public static boolean looksLikeCredential(String name) {
    return CredentialNames.looksLikeCredential(name);
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }

  private static String text(Map<?, ?> tree, String field) throws ContextException {
    Object node = tree.get(field);
    if (node == null || node == JsonTree.NULL) {
      throw new ContextException("context has no '" + field + "'");
    }
    if (!(node instanceof String text)) {
      throw new ContextException("context field '" + field + "' must be a string, found " + JsonTree.kind(node));
    }
    return text;
  }

  private static void checkRunId(String runId) throws ContextException {
    if (runId == null || runId.indexOf('/') >= 0 || !isName(runId, 253)) {
      throw new ContextException("context runId '" + runId + "' is not valid; use letters, digits, '_', '.', '-'");
    }
  }

  private static void checkName(String name) throws ContextException {
    if (CredentialNames.looksLikeCredential(name)) {
      throw credential("value '" + name + "'");
    }
    if (!isName(name, 253)) {
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
