package com.acme.conditions;

import dev.kfp4j.annotations.Component;
import dev.kfp4j.annotations.Pipeline;
import java.util.ArrayList;
import java.util.List;

/**
 * Conditions: if / else if / else on task outputs, parameters, constants and loop items; nested in each other
 * and in loops; variables assigned in every branch (one-of values).
 */
public final class Conditions {

  /** How a run should treat its model. */
  public enum Mode { FAST, CAREFUL }

  /** A trial of a loop: a record item. */
  public record Trial(String name, int size) {}

  static final String HEADS = "heads";

  @Component
  public static String flip(String seed) {
    return seed.length() % 2 == 0 ? "heads" : "tails";
  }

  @Component
  public static int roll(int sides) {
    return sides / 2;
  }

  @Component
  public static double evaluate(String model) {
    return model.length() / 10.0;
  }

  @Component
  public static boolean isReady(String model) {
    return !model.isEmpty();
  }

  @Component
  public static String say(String text) {
    return text;
  }

  @Component
  public static String deploy(String model) {
    return "deployed " + model;
  }

  @Component
  public static String retrain(String model, int rounds) {
    return "retrained " + model + " " + rounds;
  }

  @Component
  public static String publish(String report) {
    return "published " + report;
  }

  /** Nested conditions on a string output and an int output. */
  @Pipeline(name = "nested-conditions")
  public static void nested(String seed, int sides) {
    String coin = flip(seed);
    if (coin.equals("heads")) {
      int n = roll(sides);
      if (n > 2) {
        say("heads and high");
      }
      if (n <= 2 && !coin.equals("tails")) {
        say("heads and low");
      }
    }
    if ("tails".equals(coin) || sides == 0) {
      say("tails");
    }
  }

  /** If / else if / else with a one-of value used after the chain and returned. */
  @Pipeline(name = "train-and-maybe-deploy")
  public static String deployOrNot(String model, double threshold, Mode mode) {
    double accuracy = evaluate(model);
    String report;
    if (accuracy >= threshold && mode == Mode.FAST) {
      report = deploy(model);
    } else if (accuracy >= 0.5) {
      report = retrain(model, 3);
    } else {
      report = say("accuracy too low: \"" + "none" + "\"");
    }
    return publish(report);
  }

  /** A one-of value returned from a nested pipeline, a boolean output tested on its own, a quoted constant. */
  @Pipeline(name = "outer-with-oneof")
  public static String outer(String model) {
    String report = deployOrNot(model, 0.9, Mode.CAREFUL);
    boolean ready = isReady(report);
    String message;
    if (ready) {
      message = say("it's \"ready\" {{x}}");
    } else {
      message = say("not ready");
    }
    if (message.equals("it's \"ready\" {{x}}")) {
      publish(message);
    }
    return message;
  }

  /** Conditions in a loop on the item (and a record item's component), and a loop in a condition. */
  @Pipeline(name = "conditions-and-loops")
  public static List<String> loops(List<Integer> sizes, List<Trial> trials, boolean deep) {
    List<String> said = new ArrayList<>();
    for (int size : sizes) {
      String text;
      if (size == 3) {
        text = say("three");
      } else {
        text = say("other");
      }
      said.add(text);
    }
    for (Trial trial : trials) {
      if (trial.size() > 1 && trial.name().equals(HEADS)) {
        say(trial.name());
      }
    }
    if (deep) {
      for (int size : sizes) {
        roll(size);
      }
    }
    return said;
  }
}
