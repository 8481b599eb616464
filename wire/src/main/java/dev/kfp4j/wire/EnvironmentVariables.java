package dev.kfp4j.wire;

import java.util.List;
import java.util.Locale;

/** The environment variables kfp4j's specs set and its runtime and clients read. */
public final class EnvironmentVariables {

  /** The storage roots a component may read and write, comma-separated URIs (set by the Argo Workflow). */
  public static final String STORAGE_ROOTS = "KFP4J_STORAGE_ROOTS";
  /** An S3 endpoint for MinIO and other S3-compatible stores. */
  public static final String S3_ENDPOINT = "KFP4J_S3_ENDPOINT";
  /** The storage credentials, taken from a Kubernetes Secret by name, never written into a spec. */
  public static final List<String> STORAGE_CREDENTIALS = List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
  /** The Kubeflow Pipelines host of the KFP client. */
  public static final String KFP_HOST = "KFP4J_KFP_HOST";
  /** A bearer token for the Kubeflow Pipelines API. */
  public static final String KFP_TOKEN = "KFP4J_KFP_TOKEN";
  /** A session cookie for the Kubeflow Pipelines API. */
  public static final String KFP_COOKIE = "KFP4J_KFP_COOKIE";

  /**
   * Set to {@value #CONTEXT_PROTOCOL} on a container step that speaks kfp4j's context protocol (in the KFP IR, for
   * the local runner); a plain step has none.
   */
  public static final String PROTOCOL = "KFP4J_PROTOCOL";
  /** The value of {@link #PROTOCOL} for a context-protocol container step. */
  public static final String CONTEXT_PROTOCOL = "context";

  private EnvironmentVariables() {}

  /** The variable of a setting key: {@code kfp4j.s3.endpoint} → {@code KFP4J_S3_ENDPOINT}. */
  public static String ofSetting(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
