package com.acme.exits;

import dev.kfp4j.annotations.Component;
import dev.kfp4j.annotations.Pipeline;

/** Exit handlers: clean-up calls after a try block that succeeds or fails (KFP's pipeline_with_exit_handler). */
public final class CleanUps {

  private CleanUps() {}

  @Component
  public static String train(String dataset) {
    if (dataset.isEmpty()) {
      throw new IllegalArgumentException("no data set");
    }
    return "model of " + dataset;
  }

  @Component
  public static double evaluate(String model) {
    return model.length() / 10.0;
  }

  @Component
  public static String report(String model) {
    return "report on " + model;
  }

  @Component
  public static String cleanUp(String dataset) {
    return "cleaned " + dataset;
  }

  @Component
  public static void failOp(String message) {
    throw new IllegalStateException(message);
  }

  @Component
  public static void printOp(String message) {
    System.out.println(message);
  }

  /** A try block with a condition inside, a clean-up using a parameter and a value computed before the try. */
  @Pipeline(name = "train-with-clean-up")
  public static void trainWithCleanUp(String dataset, double threshold) {
    String first = cleanUp("before");
    try {
      String model = train(dataset);
      double accuracy = evaluate(model);
      if (accuracy >= threshold) {
        report(model);
      }
    } finally {
      cleanUp(dataset);
      printOp(first);
    }
  }

  /** KFP's pipeline_with_exit_handler ported: the try block fails; the exit task still runs. */
  @Pipeline(name = "pipeline-with-exit-handler")
  public static void withExitHandler(String message) {
    try {
      failOp("Task failed.");
      printOp(message);
    } finally {
      printOp("Exit handler has worked!");
    }
  }
}
