package dev.kfp4j.e2e.standin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TEST STAND-IN for the Argo Workflows controller and executor — NOT Argo. No Argo controller, Kubernetes
 * scheduler or container runtime exists on the build machines, so this plays their part for one Workflow
 * stored on fabric8's mock API server: it reads the Workflow custom resource back from the server, walks the
 * DAG from {@code spec.entrypoint} in {@code dependencies} order (nested DAG templates too), substitutes
 * {@code {{workflow.name}}}, {@code {{workflow.parameters.X}}}, {@code {{inputs.parameters.X}}} and
 * {@code {{tasks.T.outputs.parameters.P}}} the way Argo does ({@link ArgoTemplating}: globals first over the
 * whole template including its input values, then inputs; task outputs into a DAG task before it runs), runs
 * each container template through {@link LocalPods}, reads each output parameter from its
 * {@code valueFrom.path} file (one trailing newline trimmed, as Argo's executor does), and writes the node
 * statuses with their outputs into the Workflow's {@code status} the way the controller does (node ids
 * {@code <workflow>-<fnv32a(node name)>}, {@code Retry} nodes around retried pods).
 *
 * <p>{@code when} is evaluated as govaluate does ({@link ArgoWhen}); a task whose {@code when} is false is a
 * {@code Skipped} node; a task's exit hook ({@code hooks.exit}) runs after it, however it ended. What it does not do: schedule pods in parallel, {@code depends}, expressions, run withParam items in parallel,
 * artifacts, workflow-level exit handlers, resource limits, backoff delays, or validate the Workflow as Argo's admission does.
 * It refuses a template or task that uses anything it does not implement, so a passing test never silently
 * skipped part of a spec.
 */
public final class ArgoControllerStandIn {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final Set<String> TASK_FIELDS = Set.of("name", "template", "dependencies", "arguments", "withParam",
      "when", "hooks");
  private static final Set<String> TEMPLATE_FIELDS = Set.of("name", "inputs", "outputs", "dag", "container",
      "containerSet", "volumes", "retryStrategy", "parallelism");

  private final KubernetesClient client;
  private final LocalPods pods;
  private final Path work;
  private final Map<String, String> logs = new LinkedHashMap<>();

  /** A controller for workflows on {@code client}'s server, running pods through {@code pods}, files under {@code work}. */
  public ArgoControllerStandIn(KubernetesClient client, LocalPods pods, Path work) {
    this.client = client;
    this.pods = pods;
    this.work = work;
  }

  /** Each pod's log by node name ({@code <workflow>.inner.report}), as {@code kubectl logs} would show it. */
  public Map<String, String> logs() {
    return logs;
  }

  /** Runs workflow {@code name} to the end, writing its status on the server as it goes. */
  public void run(String namespace, String name) throws IOException, InterruptedException {
    ArgoWorkflowState wf = ArgoWorkflowState.read(client, namespace, name);
    wf.status.put("phase", "Running").put("startedAt", now());
    wf.write();
    Outcome outcome = execute(wf, wf.spec.path("entrypoint").asText(), JSON.createArrayNode(), name, name, null, null);
    wf.status.put("phase", outcome.succeeded() ? "Succeeded" : "Failed").put("finishedAt", now());
    if (!outcome.succeeded()) {
      wf.status.put("message", outcome.message());
    }
    wf.write();
  }

  private record Outcome(boolean succeeded, String message, Map<String, String> outputs) {}

  /** executeTemplate: arguments into inputs (ProcessArgs), substitution, then the DAG or the pod(s). */
  private Outcome execute(ArgoWorkflowState wf, String templateName, JsonNode arguments, String nodeName, String display,
      String boundaryId, ObjectNode parent) throws IOException, InterruptedException {
    JsonNode template = wf.template(templateName);
    refuseUnknown("template " + templateName, template, TEMPLATE_FIELDS);
    ObjectNode resolved = template.deepCopy();
    for (JsonNode input : resolved.path("inputs").path("parameters")) {
      JsonNode argument = find(arguments, input.path("name").asText());
      if (argument != null) {
        ((ObjectNode) input).set("value", argument.get("value"));
      } else if (!input.has("value")) {
        throw new IllegalStateException("inputs.parameters." + input.path("name").asText() + " was not supplied to "
            + templateName);
      }
    }
    // SubstituteParams: globals over the whole template, input values included; then the inputs.
    resolved = (ObjectNode) parse(ArgoTemplating.replace(JSON.writeValueAsString(resolved), wf.globals));
    Map<String, String> inputs = new LinkedHashMap<>();
    resolved.path("inputs").path("parameters").forEach(p -> inputs.put("inputs.parameters." + p.path("name").asText(),
        p.path("value").asText()));
    resolved = (ObjectNode) parse(ArgoTemplating.replace(JSON.writeValueAsString(resolved), inputs));

    String type = resolved.has("dag") ? "DAG" : resolved.has("retryStrategy") ? "Retry" : "Pod";
    ObjectNode node = wf.node(nodeName, display, type, templateName, boundaryId, parent);
    Outcome outcome = switch (type) {
      case "DAG" -> dag(wf, resolved, nodeName, node);
      case "Retry" -> retry(wf, resolved, nodeName, display, boundaryId, node);
      default -> pod(wf, resolved, nodeName, node);
    };
    finish(wf, node, outcome);
    return outcome;
  }

  private Outcome dag(ArgoWorkflowState wf, JsonNode template, String nodeName, ObjectNode node)
      throws IOException, InterruptedException {
    Map<String, String> scope = new LinkedHashMap<>();
    Map<String, Boolean> done = new LinkedHashMap<>();
    for (JsonNode task : TopologicalTasks.order(template.path("dag").path("tasks"))) {
      String taskName = task.path("name").asText();
      refuseUnknown("task " + taskName, task, TASK_FIELDS);
      boolean ready = true;
      for (JsonNode dependency : task.path("dependencies")) {
        ready &= done.getOrDefault(dependency.asText(), false);
      }
      if (!ready) {
        done.put(taskName, false); // a dependency failed: Argo does not start it, and the DAG fails
        continue;
      }
      JsonNode resolvedTask = parse(ArgoTemplating.replace(JSON.writeValueAsString(task), scope));
      if (resolvedTask.has("when") && !ArgoWhen.holds(resolvedTask.path("when").asText())) {
        // Skipped: a dependency that is done for those that wait on it ("dependencies" = Succeeded || Skipped).
        ObjectNode skipped = wf.node(nodeName + "." + taskName, taskName, "Skipped", resolvedTask.path("template").asText(),
            node.path("id").asText(), node);
        skipped.put("phase", "Skipped").put("message", "when '" + resolvedTask.path("when").asText() + "' evaluated false")
            .put("finishedAt", now());
        wf.write();
        done.put(taskName, true);
        continue;
      }
      if (resolvedTask.has("withParam")) {
        done.put(taskName, expand(wf, resolvedTask, nodeName, taskName, node));
        continue;
      }
      Outcome child = execute(wf, resolvedTask.path("template").asText(),
          resolvedTask.path("arguments").path("parameters"), nodeName + "." + taskName, taskName,
          node.path("id").asText(), node);
      done.put(taskName, child.succeeded());
      child.outputs().forEach((k, v) -> scope.put("tasks." + taskName + ".outputs.parameters." + k, v));
      // An exit hook runs once the task ended, succeeded or failed; its failure fails the DAG too.
      for (Map.Entry<String, JsonNode> hook : resolvedTask.path("hooks").properties()) {
        if (!hook.getKey().equals("exit")) {
          throw new IllegalStateException("task " + taskName + " has a '" + hook.getKey() + "' hook, not implemented here");
        }
        Outcome exit = execute(wf, hook.getValue().path("template").asText(),
            hook.getValue().path("arguments").path("parameters"), nodeName + "." + taskName + ".onExit",
            taskName + ".onExit", node.path("id").asText(), node);
        if (!exit.succeeded()) {
          done.put(taskName + ".onExit", false);
        }
      }
    }
    List<String> failed = done.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
    if (!failed.isEmpty()) {
      return new Outcome(false, "child '" + failed.get(0) + "' failed", Map.of());
    }
    Map<String, String> outputs = new LinkedHashMap<>();
    for (JsonNode output : template.path("outputs").path("parameters")) {
      JsonNode from = output.path("valueFrom").path("parameter");
      if (!from.isTextual()) {
        throw new IllegalStateException("DAG output " + output.path("name").asText() + " is not valueFrom.parameter");
      }
      // Argo's wfScope.resolveVar: the whole reference, braces trimmed, looked up in the DAG's scope.
      String reference = from.asText().replaceFirst("^\\{\\{", "").replaceFirst("}}$", "");
      String value = scope.get(reference);
      if (value == null) {
        throw new IllegalStateException("DAG output " + output.path("name").asText() + ": unable to resolve " + from);
      }
      outputs.put(output.path("name").asText(), value);
    }
    return new Outcome(true, "", outputs);
  }

  /**
   * withParam (Argo's expandTask and processItem): the task once per item of the JSON list, with {@code {{item}}}
   * and, for an object item, {@code {{item.<key>}}} substituted into the task; one after the other here.
   */
  private boolean expand(ArgoWorkflowState wf, JsonNode task, String nodeName, String taskName, ObjectNode node)
      throws IOException, InterruptedException {
    JsonNode items = parse(task.path("withParam").asText());
    if (!items.isArray()) {
      throw new IllegalStateException("withParam of " + taskName + " is not a JSON list: " + items);
    }
    ObjectNode group = wf.node(nodeName + "." + taskName, taskName, "TaskGroup", task.path("template").asText(),
        node.path("id").asText(), node);
    boolean succeeded = true;
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      Map<String, String> values = new LinkedHashMap<>();
      values.put("item", item.isTextual() ? item.asText() : JSON.writeValueAsString(item));
      item.properties().forEach(e -> values.put("item." + e.getKey(),
          e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
      ObjectNode copy = ((ObjectNode) task).deepCopy();
      copy.remove("withParam");
      JsonNode expanded = parse(ArgoTemplating.replace(JSON.writeValueAsString(copy), values));
      String child = taskName + "(" + i + ")";
      succeeded &= execute(wf, expanded.path("template").asText(), expanded.path("arguments").path("parameters"),
          nodeName + "." + child, child, node.path("id").asText(), group).succeeded();
    }
    finish(wf, group, new Outcome(succeeded, succeeded ? "" : "an iteration failed", Map.of()));
    return succeeded;
  }

  /** A Retry node: pods {@code name(0)}, {@code name(1)}, … until one succeeds or the limit is reached. */
  private Outcome retry(ArgoWorkflowState wf, JsonNode template, String nodeName, String display, String boundaryId,
      ObjectNode node) throws IOException, InterruptedException {
    JsonNode strategy = template.path("retryStrategy");
    String policy = strategy.path("retryPolicy").asText("OnFailure");
    if (!Set.of("OnFailure", "Always", "OnError").contains(policy)) {
      throw new IllegalStateException("retry policy " + policy + " is not supported by the stand-in");
    }
    int limit = Integer.parseInt(strategy.path("limit").asText("0"));
    Outcome last = null;
    for (int attempt = 0; attempt <= limit; attempt++) {
      ObjectNode pod = wf.node(nodeName + "(" + attempt + ")", display + "(" + attempt + ")", "Pod",
          template.path("name").asText(), boundaryId, node);
      last = pod(wf, template, nodeName, pod);
      finish(wf, pod, last);
      if (last.succeeded()) {
        break;
      }
    }
    return last;
  }

  /**
   * One pod: its container, or a container set's containers one after the other (each after those it depends on;
   * the writer lists them in that order), every path under a volume mount of the set one local file they share.
   */
  private Outcome pod(ArgoWorkflowState wf, JsonNode template, String nodeName, ObjectNode node)
      throws IOException, InterruptedException {
    boolean set = template.has("containerSet");
    List<JsonNode> containers = new ArrayList<>();
    if (set) {
      template.at("/containerSet/containers").forEach(containers::add);
    } else {
      containers.add(template.path("container"));
    }
    String text = JSON.writeValueAsString(set ? template.path("containerSet") : template.path("container"));
    if (text.contains("{{")) {
      throw new IllegalStateException("template " + template.path("name").asText()
          + " still has a {{…}} tag after substitution: " + text);
    }
    Path dir = work.resolve(node.path("id").asText());
    Map<String, Path> files = new LinkedHashMap<>();
    for (JsonNode mount : template.at("/containerSet/volumeMounts")) {
      String mountPath = mount.path("mountPath").asText();
      Path volume = dir.resolve("volumes").resolve(mount.path("name").asText());
      for (JsonNode container : containers) {
        for (String arg : concat(strings(container.path("command")), strings(container.path("args")))) {
          if (arg.startsWith(mountPath + "/")) {
            files.put(arg, volume.resolve(arg.substring(mountPath.length() + 1)));
          }
        }
      }
    }
    for (JsonNode output : template.path("outputs").path("parameters")) {
      String path = output.path("valueFrom").path("path").asText();
      files.putIfAbsent(path, dir.resolve("outputs").resolve(output.path("name").asText()));
    }
    ObjectNode outputs = node.putObject("outputs");
    StringBuilder log = new StringBuilder();
    Set<String> done = new java.util.HashSet<>();
    for (JsonNode container : containers) {
      for (JsonNode dependency : container.path("dependencies")) {
        if (!done.contains(dependency.asText())) {
          throw new IllegalStateException("container " + container.path("name").asText() + " depends on "
              + dependency.asText() + ", which has not run before it");
        }
      }
      Map<String, String> env = new LinkedHashMap<>();
      for (JsonNode variable : container.path("env")) {
        if (variable.has("value")) {
          env.put(variable.path("name").asText(), variable.path("value").asText());
        } else if (!variable.path("valueFrom").path("secretKeyRef").path("optional").asBoolean(false)) {
          // A required key of a Secret that does not exist: the pod would never start.
          throw new IllegalStateException("env " + variable.path("name").asText() + " needs a Secret the stand-in has not got");
        } // an optional key of an absent Secret: Kubernetes leaves the variable unset
      }
      LocalPods.Result result = pods.run(strings(container.path("command")), strings(container.path("args")), env,
          files, set ? dir.resolve(container.path("name").asText()) : dir);
      log.append(result.log());
      outputs.put("exitCode", String.valueOf(result.exitCode()));
      if (result.exitCode() != 0) {
        logs.put(nodeName, log.toString());
        return new Outcome(false, "Error (exit code " + result.exitCode() + ")", Map.of());
      }
      done.add(container.path("name").asText());
    }
    logs.put(nodeName, log.toString());
    Map<String, String> values = new LinkedHashMap<>();
    ArrayNode parameters = outputs.putArray("parameters");
    for (JsonNode output : template.path("outputs").path("parameters")) {
      String path = output.path("valueFrom").path("path").asText();
      Path file = files.get(path);
      if (!Files.isRegularFile(file)) {
        return new Outcome(false, "open " + path + ": no such file or directory", Map.of());
      }
      String content = Files.readString(file, StandardCharsets.UTF_8);
      String value = content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
      values.put(output.path("name").asText(), value);
      parameters.addObject().put("name", output.path("name").asText()).put("value", value)
          .putObject("valueFrom").put("path", path);
    }
    return new Outcome(true, "", values);
  }

  private void finish(ArgoWorkflowState wf, ObjectNode node, Outcome outcome) {
    node.put("phase", outcome.succeeded() ? "Succeeded" : "Failed").put("finishedAt", now());
    if (!outcome.succeeded()) {
      node.put("message", outcome.message());
    }
    if (!outcome.outputs().isEmpty() && !node.path("type").asText().equals("Pod")) {
      ArrayNode parameters = node.withObjectProperty("outputs").putArray("parameters");
      outcome.outputs().forEach((k, v) -> parameters.addObject().put("name", k).put("value", v));
    }
    wf.write();
  }

  /** Argo's node id: the workflow's name for its root node, else {@code <workflow>-<fnv32a(node name)>}. */
  public static String nodeId(String workflow, String nodeName) {
    return nodeName.equals(workflow) ? workflow : workflow + "-" + Integer.toUnsignedString(fnv32a(nodeName));
  }

  /** FNV-1a, 32 bits. */
  private static int fnv32a(String text) {
    int hash = 0x811c9dc5;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x01000193;
    }
    return hash;
  }

  private static JsonNode find(JsonNode parameters, String name) {
    for (JsonNode parameter : parameters) {
      if (parameter.path("name").asText().equals(name)) {
        return parameter;
      }
    }
    return null;
  }

  private static void refuseUnknown(String what, JsonNode node, Set<String> known) {
    node.fieldNames().forEachRemaining(field -> {
      if (!known.contains(field)) {
        throw new IllegalStateException(what + " uses '" + field + "', which the stand-in does not implement");
      }
    });
  }

  private static List<String> strings(JsonNode array) {
    List<String> strings = new ArrayList<>();
    array.forEach(item -> strings.add(item.asText()));
    return strings;
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      // Argo: "cannot finish template replacement because the result was invalid JSON".
      throw new IllegalStateException("substitution gave invalid JSON: " + e.getOriginalMessage(), e);
    }
  }

  static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }
}
