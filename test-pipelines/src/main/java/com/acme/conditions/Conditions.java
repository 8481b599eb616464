package com.acme.conditions;

import dev.kfp4j.annotations.Component;
import dev.kfp4j.annotations.Pipeline;
import java.util.ArrayList;
import java.util.List;

/** Conditions: if / else if / else chains with one-of values, nested, in loops, in nested pipelines, on enums. */
public final class Conditions {

  /** How carefully to treat a model. */
  public enum Mode { FAST, CAREFUL }

  @Component
  public static boolean isLong(String text) {
    return text.length() > 12;
  }

  @Component
  public static double evaluate(String model) {
    return model.length() / 10.0;
  }

  @Component
  public static String deploy(String model) {
    return "deployed " + model;
  }

  @Component
  public static String retrain(String model, int rounds) {
    return "retrained " + model + " x" + rounds;
  }

  @Component
  public static String say(String text) {
    return text;
  }

  @Component
  public static String publish(String report) {
    return "published: " + report;
  }

  @Component
  public static int roll(int sides) {
    if (sides < 0) {
      throw new IllegalArgumentException("no die has " + sides + " sides");
    }
    return sides / 2;
  }

  @Pipeline(name = "deploy-or-not")
  public static String deployOrNot(String model, double threshold) {
    double accuracy = evaluate(model);
    String report;
    if (accuracy >= threshold) {
      report = deploy(model);
    } else if (accuracy >= 0.5) {
      report = retrain(model, 3);
    } else {
      report = say("accuracy too low");
    }
    return publish(report);
  }

  @Pipeline(name = "nested-conditions")
  public static String nested(String coin, int sides) {
    String result;
    if (coin.equals("heads")) {
      int n = roll(sides);
      if (n > 2) {
        result = say("heads and high");
      } else {
        result = say("heads and low");
      }
    } else {
      result = say("tails");
    }
    if (sides == 0 || "it's \"odd\"".equals(coin)) {
      say("no sides, or an odd coin");
    }
    return publish(result);
  }

  @Pipeline(name = "conditions-in-loop")
  public static List<String> inLoop(List<Integer> sizes) {
    List<String> said = new ArrayList<>();
    for (int size : sizes) {
      String text;
      if (size == 3) {
        text = say("three");
      } else {
        text = retrain("size", size);
      }
      said.add(text);
    }
    return said;
  }

  /** A one-of value returned from a nested pipeline, a boolean output on its own, an enum parameter. */
  @Pipeline(name = "outer-with-oneof")
  public static String outer(String model, Mode mode) {
    String report = deployOrNot(model, 0.9);
    boolean longReport = isLong(report);
    String message;
    if (longReport && mode == Mode.CAREFUL) {
      message = say("a long report, read carefully");
    } else if (!longReport) {
      message = say("a short report");
    } else {
      message = publish(report);
    }
    return message;
  }
}
