package dev.kfp4j.processor.model;

import com.palantir.javapoet.ClassName;
import dev.kfp4j.wire.ComponentAddress;
import dev.kfp4j.wire.DefaultNames;
import dev.kfp4j.wire.WorkflowNames;
import java.util.regex.Pattern;

/** Name rules shared by components, pipelines and tasks (DNS-1123 labels: valid in both engines). */
public final class Names {

  /** The task (and Argo template) that starts a run; no task of a pipeline gets this name. */
  public static final String INIT = WorkflowNames.INIT_TASK;
  /** The Argo template that lists a loop's items, one binding per iteration. */
  public static final String LOOP_ITEMS = "kfp4j-loop-items";
  /** The Argo template that gathers a loop's collected outputs into lists. */
  public static final String LOOP_COLLECT = "kfp4j-loop-collect";
  /** The Argo template that gives a condition chain's one-of values the value of the branch that ran. */
  public static final String CONDITION_SELECT = "kfp4j-condition-select";
  /** The suffix of a condition chain's Argo step (and template) that reads the values its conditions compare. */
  public static final String OPERANDS_SUFFIX = "-operands";
  /** The suffix of an exit handler's Argo template that runs its clean-up tasks. */
  public static final String FINALLY_SUFFIX = "-finally";
  /**
   * The folder under a run's root that holds the pipeline's parameters ({@code <root>/inputs/<name>.json});
   * a task's outputs go to {@code <root>/<task>/}, so no task gets this name (a component named
   * {@code inputs} runs as task {@code inputs-2}).
   */
  public static final String PARAMETERS_FOLDER = "inputs";
  /** Names no task of a pipeline gets. */
  public static final java.util.Set<String> RESERVED_TASK_NAMES = java.util.Set.of(INIT, PARAMETERS_FOLDER);
  /** What Argo DAG templates are named: this prefix and the pipeline's name. */
  public static final String DAG_PREFIX = "pipeline-";

  private static final Pattern VALID = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");

  private Names() {}

  /** Whether {@code name} is a valid component, pipeline or task name. */
  public static boolean isValid(String name) {
    return VALID.matcher(name).matches();
  }

  /** {@code addAll} → {@code add-all}, {@code computeHTTPStats} → {@code compute-http-stats}, {@code my_step} → {@code my-step}. */
  public static String kebab(String javaName) {
    return DefaultNames.of(javaName);
  }


  /**
   * The generated entrypoint class of a component method: {@code Average.add} → {@code Average_AddEntrypoint};
   * {@code Outer.Inner.add} → {@code Outer_Inner_AddEntrypoint}.
   */
  public static ClassName entrypoint(ClassName owner, String methodName) {
    return ClassName.get(owner.packageName(), ComponentAddress.generatedEntrypointName(owner.simpleNames(), methodName));
  }

  /** {@code base-n}, shortened so the result stays within 63 characters. */
  public static String withSuffix(String base, int n) {
    String suffix = "-" + n;
    return (base.length() + suffix.length() > 63 ? base.substring(0, 63 - suffix.length()) : base) + suffix;
  }

  /** A valid name close to {@code name}, for "e.g." hints. */
  public static String suggest(String name) {
    String kebab = kebab(name).replaceAll("[^-a-z0-9]", "-").replaceAll("-+", "-").replaceAll("^[-0-9]+|-+$", "");
    if (kebab.isEmpty()) {
      return "my-step";
    }
    return kebab.length() > 63 ? kebab.substring(0, 63).replaceAll("-+$", "") : kebab;
  }
}
