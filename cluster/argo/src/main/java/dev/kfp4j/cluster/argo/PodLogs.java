package dev.kfp4j.cluster.argo;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Logs of a workflow's step pods (container {@code main}, where Argo runs the step's command). */
public final class PodLogs {

  /** The container of a step pod that runs the step (the others are Argo's wait/init containers). */
  public static final String MAIN_CONTAINER = "main";
  static final String WORKFLOW_LABEL = "workflows.argoproj.io/workflow";
  static final String NODE_ID_ANNOTATION = "workflows.argoproj.io/node-id";
  static final String NODE_NAME_ANNOTATION = "workflows.argoproj.io/node-name";

  // Argo's limits for pod names (workflow/util/pod_name.go): a 253-character name ending in '-' + hash.
  private static final int MAX_NAME = 253;
  private static final int HASH_LENGTH = 10;

  private final KubernetesClient client;

  /** Reads logs through {@code client}. */
  public PodLogs(KubernetesClient client) {
    this.client = client;
  }

  /**
   * The pod that ran {@code node}: the workflow's pod annotated with the node's id or name, else the
   * name Argo gives it (pod name format v2, the default since Argo 3.4).
   */
  public String podName(WorkflowRun run, NodeRun node) {
    List<Pod> pods = call("list", "pods", run.namespace(), null,
        () -> client.pods().inNamespace(run.namespace()).withLabel(WORKFLOW_LABEL, run.name()).list().getItems());
    for (Pod pod : pods) {
      Map<String, String> annotations = pod.getMetadata().getAnnotations();
      if (annotations != null && (node.id().equals(annotations.get(NODE_ID_ANNOTATION))
          || node.name().equals(annotations.get(NODE_NAME_ANNOTATION)))) {
        return pod.getMetadata().getName();
      }
    }
    return argoPodName(run.name(), node);
  }

  /** The logs of every failed step of {@code run}, by step (display) name, in start order. */
  public Map<String, String> failedStepLogs(WorkflowRun run) {
    Map<String, String> logs = new LinkedHashMap<>();
    for (NodeRun node : run.failedSteps()) {
      logs.put(node.displayName(), read(run.namespace(), podName(run, node)));
    }
    return logs;
  }

  /** The step's whole log so far. */
  public String read(String namespace, String podName) {
    return call("get", "pods/log", namespace, podName,
        () -> client.pods().inNamespace(namespace).withName(podName).inContainer(MAIN_CONTAINER).getLog());
  }

  /** Follows the step's log into {@code out} until the container ends; close the watch to stop early. */
  public LogWatch follow(String namespace, String podName, OutputStream out) {
    return call("get", "pods/log", namespace, podName,
        () -> client.pods().inNamespace(namespace).withName(podName).inContainer(MAIN_CONTAINER).watchLog(out));
  }

  /** Argo's v2 pod name: {@code <workflow>-<template>-<fnv32a(node name)>}, the node id for older Argo. */
  static String argoPodName(String workflowName, NodeRun node) {
    if (node.templateName().isEmpty()) {
      return node.id(); // v1 names, and what Argo does when it cannot name the template
    }
    if (workflowName.equals(node.name())) {
      return workflowName;
    }
    String prefix = node.name().contains(".inline") ? workflowName : workflowName + "-" + node.templateName();
    int maxPrefix = MAX_NAME - HASH_LENGTH - 1;
    if (prefix.length() > maxPrefix) {
      prefix = prefix.substring(0, maxPrefix);
    }
    return prefix + "-" + fnv32a(node.name());
  }

  /** FNV-1a, 32 bits, as an unsigned decimal (Go's hash/fnv New32a). */
  static long fnv32a(String text) {
    int hash = 0x811c9dc5;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x01000193;
    }
    return Integer.toUnsignedLong(hash);
  }

  private <T> T call(String verb, String resource, String namespace, String name, Supplier<T> action) {
    try {
      return action.get();
    } catch (KubernetesClientException e) {
      throw ArgoErrors.translate(e, verb, resource, namespace, name, String.valueOf(client.getMasterUrl()));
    }
  }
}
