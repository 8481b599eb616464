package com.acme.clash;

import dev.kfp4j.annotations.Component;
import dev.kfp4j.annotations.Pipeline;

/** Names that collide with the names kfp4j gives its own parts of the specs, which must stay unique. */
public final class Clash {

  private Clash() {}

  /** Named like the Argo task and template that start a run. */
  @Component(name = "kfp4j-init")
  public static int init(int x) {
    return x;
  }

  /** Named like the Argo DAG template of the nested pipeline "step". */
  @Component(name = "pipeline-step")
  public static int pipelineStep(int x) {
    return x + 1;
  }

  /** Named like the nested pipeline "helper", whose KFP component would be comp-helper too. */
  @Component(name = "helper")
  public static int helperComponent(int x) {
    return x * 2;
  }

  /** Parameters named like the inputs kfp4j adds to a nested pipeline's Argo template. */
  @Pipeline(name = "helper")
  public static int helper(int prefix, int contexts) {
    int doubled = helperComponent(prefix);
    return pipelineStep(doubled);
  }

  @Pipeline(name = "step")
  public static int step(int inputs) {
    return pipelineStep(inputs);
  }

  @Pipeline(name = "clash")
  public static int clash(int x) {
    int a = init(x);
    int b = helper(a, x);
    int c = step(b);
    return helperComponent(c);
  }
}
