package dev.kfp4j.cluster.argo;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How to submit a workflow: parameter values, where, under which name, with which labels, service
 * account and storage Secret. Empty optionals keep what the compiled workflow says.
 *
 * @param parameters values for {@code spec.arguments.parameters}, by parameter name
 * @param namespace the namespace; empty means the client's (kubeconfig context, or in-cluster) namespace
 * @param generateName a name prefix the API server completes (replaces the compiled name)
 * @param labels labels added to the Workflow's metadata
 * @param serviceAccount {@code spec.serviceAccountName} for the step pods
 * @param storageSecret the Secret the steps' storage credentials come from (rewrites every
 *     {@code env[].valueFrom.secretKeyRef.name})
 */
public record SubmitOptions(
    Map<String, String> parameters,
    Optional<String> namespace,
    Optional<String> generateName,
    Map<String, String> labels,
    Optional<String> serviceAccount,
    Optional<String> storageSecret) {

  /** Copies the maps (sorted, so the submitted object does not depend on map order). */
  public SubmitOptions {
    parameters = Map.copyOf(new TreeMap<>(parameters));
    labels = Map.copyOf(new TreeMap<>(labels));
  }

  /** Submit as compiled, to the client's namespace. */
  public static SubmitOptions defaults() {
    return new SubmitOptions(Map.of(), Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), Optional.empty());
  }

  /** These options with one more parameter value. */
  public SubmitOptions withParameter(String name, String value) {
    Map<String, String> copy = new TreeMap<>(parameters);
    copy.put(name, value);
    return new SubmitOptions(copy, namespace, generateName, labels, serviceAccount, storageSecret);
  }

  /** These options with all of {@code values} as parameter values. */
  public SubmitOptions withParameters(Map<String, String> values) {
    Map<String, String> copy = new TreeMap<>(parameters);
    copy.putAll(values);
    return new SubmitOptions(copy, namespace, generateName, labels, serviceAccount, storageSecret);
  }

  /** These options submitting to {@code namespace}. */
  public SubmitOptions withNamespace(String namespace) {
    return new SubmitOptions(parameters, Optional.of(namespace), generateName, labels, serviceAccount, storageSecret);
  }

  /** These options with a name prefix for the API server to complete. */
  public SubmitOptions withGenerateName(String prefix) {
    return new SubmitOptions(parameters, namespace, Optional.of(prefix), labels, serviceAccount, storageSecret);
  }

  /** These options with one more label. */
  public SubmitOptions withLabel(String key, String value) {
    Map<String, String> copy = new TreeMap<>(labels);
    copy.put(key, value);
    return new SubmitOptions(parameters, namespace, generateName, copy, serviceAccount, storageSecret);
  }

  /** These options running the steps as {@code serviceAccount}. */
  public SubmitOptions withServiceAccount(String serviceAccount) {
    return new SubmitOptions(parameters, namespace, generateName, labels, Optional.of(serviceAccount), storageSecret);
  }

  /** These options taking storage credentials from the Secret named {@code secretName}. */
  public SubmitOptions withStorageSecret(String secretName) {
    return new SubmitOptions(parameters, namespace, generateName, labels, serviceAccount, Optional.of(secretName));
  }
}
