package dev.kfp4j.cluster.argo;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.stream.Collectors;

/**
 * Turns fabric8's exceptions into one-line {@link ArgoException}s that say what was attempted
 * (verb, resource, namespace) and what the API server answered.
 */
final class ArgoErrors {

  private ArgoErrors() {}

  /**
   * @param verb what was attempted, as RBAC names it (create, get, list, watch, patch, delete)
   * @param resource the resource, e.g. {@code workflows.argoproj.io} or {@code pods/log}
   * @param namespace the namespace
   * @param name the object's name, or null for collection calls
   * @param server the API server URL, for connection errors
   */
  static ArgoException translate(KubernetesClientException e, String verb, String resource, String namespace,
      String name, String server) {
    String target = resource + (name == null ? "" : " '" + name + "'") + " in namespace '" + namespace + "'";
    Status status = e.getStatus();
    String serverMessage = status == null || status.getMessage() == null ? firstLine(e.getMessage()) : status.getMessage();
    int code = e.getCode();
    if (code <= 0 || e instanceof KubernetesClientTimeoutException) {
      Throwable io = ioCause(e);
      if (io != null) {
        return new ArgoException("no Kubernetes API server reachable at " + server + " (" + describe(io)
            + "); check KUBECONFIG and the current context", e);
      }
    }
    String kind = status == null || status.getDetails() == null ? null : status.getDetails().getKind();
    switch (code) {
      case 401:
        return new ArgoException("unauthorized: the API server at " + server
            + " refused the credentials of the current kubeconfig context (" + verb + " " + target + ")", e);
      case 403:
        return new ArgoException("forbidden: not allowed to " + verb + " " + target + " (RBAC): " + serverMessage, e);
      case 404:
        if ("namespaces".equals(kind)) {
          return new ArgoException(ArgoException.Kind.NOT_FOUND, "namespace '" + namespace + "' does not exist (" + verb + " " + target + ")", e);
        }
        if (kind != null && name != null && resource.startsWith(kind)) {
          return new ArgoException(ArgoException.Kind.NOT_FOUND, resource + " '" + name + "' not found in namespace '" + namespace + "'", e);
        }
        if (resource.startsWith("workflows")) {
          return new ArgoException("the Argo Workflows CRD (workflows.argoproj.io/v1alpha1) is not installed on "
              + server + ": the API server has no such resource type; install Argo Workflows first", e);
        }
        return new ArgoException(ArgoException.Kind.NOT_FOUND, "not found: " + verb + " " + target + ": " + serverMessage, e);
      case 409:
        return new ArgoException("conflict on " + verb + " " + target + ": " + serverMessage
            + (verb.equals("create") ? "; submit with a generateName to get a fresh name" : ""), e);
      case 400:
      case 422:
        return new ArgoException(ArgoException.Kind.BAD_SPEC, "the API server rejected the workflow (" + verb + " " + target + "): "
            + serverMessage + causes(status), e);
      default:
        return new ArgoException("Kubernetes API error" + (code <= 0 ? "" : " " + code) + " on " + verb + " " + target
            + ": " + serverMessage, e);
    }
  }

  private static String causes(Status status) {
    if (status == null || status.getDetails() == null || status.getDetails().getCauses() == null
        || status.getDetails().getCauses().isEmpty()) {
      return "";
    }
    String listed = status.getDetails().getCauses().stream().map(ArgoErrors::cause).collect(Collectors.joining("; "));
    // Servers usually repeat the causes in the message; only add them when they say something new.
    return status.getMessage() != null && status.getMessage().contains(listed) ? "" : " [" + listed + "]";
  }

  private static String cause(StatusCause cause) {
    return (cause.getField() == null ? "" : cause.getField() + ": ") + cause.getMessage();
  }

  /** The I/O failure behind {@code e}, or null: a connect or name failure if any, else the innermost I/O cause. */
  private static Throwable ioCause(Throwable e) {
    Throwable innermost = null;
    for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
        return t;
      }
      if (t instanceof IOException) {
        innermost = t;
      }
    }
    return innermost;
  }

  private static String describe(Throwable io) {
    if (io instanceof ConnectException) {
      return "connection refused";
    }
    if (io instanceof UnknownHostException || io instanceof UnresolvedAddressException) {
      return "unknown host";
    }
    return io.getClass().getSimpleName() + (io.getMessage() == null ? "" : ": " + firstLine(io.getMessage()));
  }

  static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
