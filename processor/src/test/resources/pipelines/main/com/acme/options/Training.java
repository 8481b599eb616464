package com.acme.options;

import dev.kfp4j.annotations.Cache;
import dev.kfp4j.annotations.Component;
import dev.kfp4j.annotations.DisplayName;
import dev.kfp4j.annotations.Env;
import dev.kfp4j.annotations.Image;
import dev.kfp4j.annotations.ImagePullPolicy;
import dev.kfp4j.annotations.ImagePullSecret;
import dev.kfp4j.annotations.NodeSelector;
import dev.kfp4j.annotations.Pipeline;
import dev.kfp4j.annotations.PodAnnotation;
import dev.kfp4j.annotations.PodLabel;
import dev.kfp4j.annotations.Resources;
import dev.kfp4j.annotations.Retry;
import dev.kfp4j.annotations.SecretEnv;
import dev.kfp4j.annotations.SecretVolume;
import dev.kfp4j.annotations.Timeout;
import dev.kfp4j.annotations.Toleration;
import java.util.List;

/** Per-task options on the pipeline, on components and on calls: most of them, in one pipeline. */
public final class Training {

  static final String GPU = "nvidia.com/gpu";

  private Training() {}

  @Component
  @Retry(value = 2, backoff = "10s")
  @Env(name = "DOWNLOAD_MODE", value = "fast")
  public static List<Double> download(String url) {
    return List.of(1.0, 2.0);
  }

  @Component
  @Resources(cpuRequest = "2", memoryRequest = "4Gi")
  public static double train(List<Double> data, double rate) {
    return rate;
  }

  @Component
  public static void publish(double score) {}

  @Pipeline(name = "options-training")
  @Env(name = "LOG_LEVEL", value = "info")
  @Timeout("2h")
  @PodLabel(key = "team", value = "ml")
  @ImagePullSecret("registry-creds")
  public static void training(String url, double rate) {
    List<Double> data = download(url);
    @Retry(value = 3, backoff = "30s", factor = 2.0, maxBackoff = "10m")
    @Resources(cpuLimit = "4", memoryLimit = "16Gi", accelerator = GPU, acceleratorCount = 1)
    @Timeout("1h")
    @Env(name = "LOG_LEVEL", value = "debug")
    @SecretEnv(secret = "db", key = "password", env = "DB_PASSWORD")
    @SecretVolume(secret = "tls", mountPath = "/etc/tls")
    @NodeSelector(key = "cloud.google.com/gke-accelerator", value = "nvidia-tesla-t4")
    @Toleration(key = GPU, operator = "Exists", effect = "NoSchedule")
    @Cache(false)
    @DisplayName("Train the model")
    @PodAnnotation(key = "example.com/owner", value = "data-science")
    @ImagePullPolicy("Always")
    double score = train(data, rate);
    @DisplayName("Train again, small")
    @Resources(cpuRequest = "250m", cpuLimit = "500m", memoryRequest = "512Mi", memoryLimit = "1Gi")
    @Image("registry.example.com/train-small:1.0")
    double small = train(data, 0.1);
    publish(score);
    publish(small);
  }
}
