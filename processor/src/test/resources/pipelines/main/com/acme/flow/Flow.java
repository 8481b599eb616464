package com.acme.flow;

import static com.acme.steps.Steps.GREETING;
import static com.acme.steps.Steps.count;
import static com.acme.steps.Steps.log;

import com.acme.steps.Steps;
import com.acme.steps.Steps.Mode;
import com.acme.steps.Steps.Stats;
import dev.kfp4j.annotations.Component;
import dev.kfp4j.annotations.Pipeline;
import java.util.List;

/** Pipelines whose specs PipelineGraphTest reads; components come from Steps (another compilation unit). */
public final class Flow {

  private Flow() {}

  /** A component declared next to the pipelines that call it. */
  @Component
  public static int twice(int x) {
    return 2 * x;
  }

  /** sum and count are independent; div needs both. Qualified, statically imported and local calls. */
  @Pipeline(name = "mean-of")
  public static double meanOf(List<Integer> xs) {
    int s = Steps.sum(xs);
    int n = count(xs);
    int doubled = twice(n);
    return Steps.div(s, doubled);
  }

  /** One sum, used three times; two calls to add get distinct task names. */
  @Pipeline(name = "reuse")
  public static int reuse(List<Integer> xs) {
    int s = Steps.sum(xs);
    int a = Steps.add(s, s);
    return Steps.add(a, s);
  }

  /** A void pipeline whose calls are all leaves: a void component and a result nobody reads. */
  @Pipeline(name = "leaves")
  public static void leaves(List<Integer> xs) {
    log("starting");
    Steps.echo("nobody reads this");
    var n = count(xs);
    log("done");
  }

  /** Record results: one named output per record component, and a record returned as the pipeline's outputs. */
  @Pipeline(name = "record-outputs")
  public static Stats recordOutputs(List<Integer> xs) {
    Stats st = Steps.stats(xs);
    Steps.add(st.count(), Steps.LIMIT);
    return st;
  }

  /** A nested pipeline with a record component as its result. */
  @Pipeline(name = "inner-mean")
  public static double innerMean(List<Integer> values) {
    Stats st = Steps.stats(values);
    return st.mean();
  }

  /** Calls the nested pipeline twice (two sub-DAG tasks) and passes a nested result on. */
  @Pipeline(name = "outer")
  public static String outer(List<Integer> xs, String label) {
    double first = innerMean(xs);
    double second = innerMean(Steps.clip(xs, Steps.LIMIT));
    return Steps.describe(1, 2L, first, second, true, label, "x", Mode.FAST);
  }

  /** Two levels of nesting: deep → outer → inner-mean. */
  @Pipeline(name = "deep")
  public static String deep(List<Integer> xs) {
    return outer(xs, "deep");
  }

  /** Every kind of constant the reader accepts. */
  @Pipeline(name = "constants")
  public static String constants() {
    return Steps.describe(7, -3L, -2.5, 1e20, false, "say {{hi}} \"quoted\"\nnew line \u0085 \\ end", GREETING,
        Mode.SLOW);
  }
}
