package com.example.words;

import dev.kfp4j.annotations.Component;
import dev.kfp4j.annotations.Pipeline;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

public final class Words {

  @Component
  public static List<String> tokenize(String text) {
    return Arrays.asList(text.trim().split("\\s+"));
  }

  @Component
  public static int count(List<String> words) {
    return words.size();
  }

  @Component
  public static String longest(List<String> words) {
    return words.stream().max(Comparator.comparingInt(String::length)).orElse("");
  }

  @Component
  public static String report(int count, String longest) {
    return count + " words, longest " + longest;
  }

  @Pipeline(name = "word-stats")
  public static String wordStats(String text) {
    List<String> words = tokenize(text);
    int n = count(words);
    String w = longest(words);
    return report(n, w);
  }

  /** Whether a Kubernetes client is on the runner's classpath (in-process tasks see the runner's classes). */
  @Component
  public static boolean kubernetesClientOnRunner() {
    try {
      Class.forName("io.fabric8.kubernetes.client.KubernetesClient", false, Words.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  @Pipeline(name = "classpath-probe")
  public static boolean classpathProbe() {
    return kubernetesClientOnRunner();
  }
}
