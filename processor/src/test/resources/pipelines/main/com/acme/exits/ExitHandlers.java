package com.acme.exits;

import dev.kfp4j.annotations.Component;
import dev.kfp4j.annotations.Pipeline;

/** Exit handlers: clean-up calls that run after the try block's tasks however they ended. */
public final class ExitHandlers {

  @Component
  public static String train(String dataset) {
    return "model of " + dataset;
  }

  @Component
  public static double evaluate(String model) {
    return model.length() / 10.0;
  }

  @Component
  public static void fail(String message) {
    throw new IllegalStateException(message);
  }

  @Component
  public static String report(String model, double accuracy) {
    return model + ": " + accuracy;
  }

  @Component
  public static String cleanUp(String dataset) {
    return "cleaned " + dataset;
  }

  @Component
  public static void notify(String message) {
    System.out.println(message);
  }

  /** The shape: a try block with a condition and a one-of value, a finally that uses a parameter. */
  @Pipeline(name = "train-with-clean-up")
  public static void trainWithCleanUp(String dataset, double threshold) {
    String model = train(dataset);
    try {
      double accuracy = evaluate(model);
      String text;
      if (accuracy >= threshold) {
        text = report(model, accuracy);
      } else {
        text = report("rejected " + "model", accuracy);
      }
      notify(text);
    } finally {
      String cleaned = cleanUp(dataset);
      notify(cleaned);
      notify(model);
    }
  }

  /** KFP's pipeline_with_exit_handler: a failing task inside, the clean-up after it. */
  @Pipeline(name = "exit-handler-around-a-failure")
  public static void failing(String message) {
    try {
      notify(message);
      fail("Task failed.");
    } finally {
      notify("Exit handler has worked!");
    }
  }
}
