package dev.kfp4j.cluster.argo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kfp4j.runtime.entrypoint.InitMain;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Applies {@link SubmitOptions} to a compiled Workflow, on a copy: parameter values, name, labels,
 * service account, storage Secret. Pure (no cluster), so every rule is checked before anything is sent.
 */
public final class WorkflowEdits {

  // DNS-1123 subdomain, as the API server checks metadata names and Secret names.
  private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

  private WorkflowEdits() {}

  /** A copy of {@code workflow} with {@code options} applied (the namespace is set by the caller). */
  public static ObjectNode apply(ObjectNode workflow, SubmitOptions options) {
    ObjectNode copy = workflow.deepCopy();
    ObjectNode metadata = copy.withObjectProperty("metadata");
    ObjectNode spec = (ObjectNode) copy.get("spec");
    setParameters(spec, options.parameters());
    options.generateName().ifPresent(prefix -> {
      checkName("generateName", prefix.endsWith("-") ? prefix + "x" : prefix);
      metadata.remove("name");
      metadata.put("generateName", prefix);
    });
    if (!metadata.hasNonNull("name") && !metadata.hasNonNull("generateName")) {
      throw new ArgoException(ArgoException.Kind.BAD_SPEC, "workflow has neither metadata.name nor metadata.generateName; give a generateName");
    }
    if (!options.labels().isEmpty()) {
      ObjectNode labels = metadata.withObjectProperty("labels");
      options.labels().forEach(labels::put);
    }
    options.serviceAccount().ifPresent(account -> {
      checkName("service account", account);
      spec.put("serviceAccountName", account);
    });
    options.storageSecret().ifPresent(secret -> setStorageSecret(spec, secret));
    return copy;
  }

  /** The declared parameter names of a workflow, in declaration order. */
  public static List<String> parameterNames(JsonNode workflow) {
    List<String> names = new ArrayList<>();
    workflow.path("spec").path("arguments").path("parameters").forEach(p -> names.add(p.path("name").asText()));
    return names;
  }

  private static void setParameters(ObjectNode spec, Map<String, String> values) {
    JsonNode declared = spec.path("arguments").path("parameters");
    Set<String> names = new LinkedHashSet<>();
    declared.forEach(p -> names.add(p.path("name").asText()));
    for (String name : values.keySet()) {
      if (!names.contains(name)) {
        throw new ArgoException(ArgoException.Kind.BAD_PARAMETER, "unknown parameter '" + name + "'; the workflow declares "
            + (names.isEmpty() ? "no parameters" : String.join(", ", names)));
      }
    }
    for (JsonNode parameter : declared) {
      ObjectNode p = (ObjectNode) parameter;
      String name = p.path("name").asText();
      if (values.containsKey(name)) {
        p.put("value", values.get(name));
      } else if (!p.hasNonNull("value") || InitMain.REQUIRED.equals(p.path("value").asText())) {
        // A kfp4j Workflow marks a pipeline parameter without a value with InitMain.REQUIRED; refuse it
        // here rather than let the run's first step fail on the cluster.
        throw new ArgoException(ArgoException.Kind.BAD_PARAMETER, "parameter '" + name + "' has no value; pass one (-p " + name + "=VALUE)");
      }
    }
  }

  /** Points every env entry that reads a Secret key at {@code secret}; the workflow must have one. */
  private static void setStorageSecret(ObjectNode spec, String secret) {
    checkName("storage Secret", secret);
    int rewritten = 0;
    for (JsonNode template : spec.path("templates")) {
      for (JsonNode container : containers(template)) {
        for (JsonNode env : container.path("env")) {
          JsonNode ref = env.path("valueFrom").path("secretKeyRef");
          if (ref.isObject()) {
            ((ObjectNode) ref).put("name", secret);
            rewritten++;
          }
        }
      }
    }
    if (rewritten == 0) {
      throw new ArgoException(ArgoException.Kind.BAD_PARAMETER, "storage Secret '" + secret + "' given, but no container env entry of the workflow "
          + "reads a Secret (env[].valueFrom.secretKeyRef); nothing would use it");
    }
  }

  private static List<JsonNode> containers(JsonNode template) {
    List<JsonNode> containers = new ArrayList<>();
    for (String single : List.of("container", "script")) {
      if (template.path(single).isObject()) {
        containers.add(template.get(single));
      }
    }
    for (String many : List.of("initContainers", "sidecars")) {
      template.path(many).forEach(containers::add);
    }
    template.path("containerSet").path("containers").forEach(containers::add);
    return containers;
  }

  private static void checkName(String what, String name) {
    if (name.isEmpty() || name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
      throw new ArgoException(ArgoException.Kind.BAD_PARAMETER, what + " '" + name + "' is not a valid Kubernetes name "
          + "(lower-case letters, digits, '-', '.'; starts and ends with a letter or digit)");
    }
  }
}
