package com.example.words;

import dev.kfp4j.annotations.Component;
import dev.kfp4j.annotations.Pipeline;
import java.util.Arrays;
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

  @Pipeline(name = "word-count")
  public static int wordCount(String text) {
    return count(tokenize(text));
  }
}
