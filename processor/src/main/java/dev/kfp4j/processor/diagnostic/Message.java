package dev.kfp4j.processor.diagnostic;

import java.util.Locale;

/**
 * Every message the processor reports, in one place: subject + rule + fix, each with a stable tag
 * ({@code [kfp4j:ComponentNotStatic]}) that the README's error reference lists.
 */
public enum Message {
  COMPONENT_NOT_STATIC("@Component method '%s' must be static; add the static modifier"),
  COMPONENT_NOT_PUBLIC("@Component method '%s' must be public, so its generated entrypoint can call it; add the public modifier"),
  COMPONENT_CLASS_NOT_ACCESSIBLE("@Component method '%s' is in %s, which must be a public top-level class or a public static nested class; %s"),
  COMPONENT_GENERIC("@Component method '%s' must not declare type parameters %s: a container step needs concrete types; replace them with concrete types"),
  UNSUPPORTED_PARAMETER_TYPE("parameter '%s' of @Component method '%s' has type %s, which cannot be passed between steps%s; supported: int, long, double, float, boolean, String and their boxes, List<T>, Map<String, T>, public records and enums of these, nested freely"),
  UNSUPPORTED_RETURN_TYPE("@Component method '%s' returns %s, which cannot be passed between steps%s; supported: void, int, long, double, float, boolean, String and their boxes, List<T>, Map<String, T>, public records and enums of these, nested freely"),
  INVALID_NAME("%s name '%s' is not valid: use lower-case letters, digits and '-', start with a letter, end with a letter or digit, at most 63 characters (e.g. '%s')"),
  DUPLICATE_COMPONENT_NAME("component name '%s' is already used by %s; component names must be unique within a class (overloads included); rename one method or set @Component(name = \"…\")"),
  OVERLOADED_COMPONENT_METHOD("@Component method %s overloads %s; both would be run by %s, which is named after the method; give the methods different names"),
  ENTRYPOINT_NAME_CLASH("@Component method %s would be run by the generated class %s, which is already generated for %s (generated names join class and method names, so 'inc' and 'Inc', or Outer.Steps and Outer_Steps, meet); rename one of the methods or classes"),
  COMPONENT_IN_LOCAL_CLASS("@%s method '%s' is in %s, a class declared inside a method body, which no generated entrypoint or pipeline can reach; move it to a public top-level class or a public static nested class"),
  INVALID_VALUE_NAME("%s '%s' of '%s' cannot name a value: its name becomes part of storage addresses and of the specs' keys, so it must use only ASCII letters, digits and '_' (e.g. '%s')"),
  INVALID_RETRIES("@Component(retries = %d) on '%s' must be between 0 and 100"),

  CONTAINER_STEP_NOT_COMPONENT("@%s on '%s' makes a @Component a container step, but '%s' has no @Component; add @Component"),
  CONTAINER_STEP_AND_FILE("'%s' has both @ContainerStep and @ComponentFile; a step runs one container: keep one of them"),
  CONTAINER_IMAGE_CONFLICT("'%s' names its image twice: @Component(image = \"%s\") and the container step's '%s'; remove @Component(image)"),
  CONTAINER_EMPTY_FIELD("@ContainerStep(%s) of '%s' is empty; give the step's %s"),
  CONTAINER_BAD_PLACEHOLDER("'%s' in @ContainerStep of '%s' is not a placeholder kfp4j knows; use {{inputs.NAME}} for an input's value or {{outputs.NAME}} for an output's file"),
  CONTAINER_UNKNOWN_PLACEHOLDER("placeholder '%s' in @ContainerStep of '%s' names no %s of the method; it has: %s"),
  CONTAINER_CONTEXT_PLACEHOLDER("@ContainerStep of '%s' uses protocol CONTEXT, whose program gets every value through the context; remove placeholder '%s', or use protocol PLAIN"),
  CONTAINER_OUTPUT_NOT_WRITTEN("output '%s' of container step '%s' has no {{outputs.%s}} placeholder in its command or args, so the program has no file to write it to; add one"),
  COMPONENT_FILE_NOT_FOUND("component file '%s' of '%s' is neither on the source path nor on the class path; put it under src/main/resources/%s, or fix the path"),
  COMPONENT_FILE_INVALID("component file '%s' of '%s' is not a KFP component: %s; fix the file"),
  COMPONENT_FILE_UNSUPPORTED("component file '%s' of '%s' uses %s, which kfp4j does not run yet; use a component that passes its values by KFP's container placeholders (v1: inputValue/inputPath/inputUri/outputPath/outputUri; v2: {{$.inputs.parameters[…]}}, {{$.outputs.parameters[…].output_file}}, {{$.inputs.artifacts[…].path}}, {{$.outputs.artifacts[…].path}})"),
  COMPONENT_FILE_UNKNOWN_PARAMETER("parameter '%s' of '%s' is not an input of component file '%s'; its inputs are: %s; rename the parameter"),
  COMPONENT_FILE_MISSING_INPUT("'%s' has no parameter for the required input '%s' of component file '%s'; add a parameter for it (type %s)"),
  COMPONENT_FILE_TYPE_MISMATCH("%s of '%s' has type %s, but component file '%s' declares it as %s; use %s"),
  COMPONENT_FILE_OUTPUTS_MISMATCH("'%s' returns %s, but component file '%s' has %s; %s"),
  COMPONENT_FILE_ARTIFACT_MISMATCH("%s of '%s' is %s, but component file '%s' passes it %s; %s"),
  COMPONENT_FILE_ARTIFACT_TYPE("%s of '%s' is @Artifact(%s), a %s, but component file '%s' declares a %s; use @Artifact(%s), or @Artifact without a type, which takes any artifact"),

  PIPELINE_NOT_STATIC("@Pipeline method '%s' must be static; add the static modifier"),
  PIPELINE_NOT_PUBLIC("@Pipeline method '%s' must be public; add the public modifier"),
  PIPELINE_WITHOUT_BODY("@Pipeline method '%s' has no body (%s); kfp4j reads a pipeline from its body; write it as a static method with a body"),
  PIPELINE_GENERIC("@Pipeline method '%s' must not declare type parameters; replace them with concrete types"),
  DUPLICATE_PIPELINE_NAME("pipeline name '%s' is already used by %s; pipeline names must be unique; set @Pipeline(name = \"…\")"),
  UNSUPPORTED_PIPELINE_PARAMETER_TYPE("parameter '%s' of @Pipeline method '%s' has type %s, which cannot be a pipeline input%s; supported: int, long, double, float, boolean, String and their boxes, List<T>, Map<String, T>, public records and enums of these"),
  UNSUPPORTED_PIPELINE_RETURN_TYPE("@Pipeline method '%s' returns %s, which cannot be a pipeline output%s; return void or a supported value type"),
  UNSUPPORTED_STATEMENT("%s is not supported in a @Pipeline body; a pipeline body holds local variables initialised by component calls (int s = add(xs);), component calls, and one final return"),
  UNSUPPORTED_EXPRESSION("%s is not supported here in a @Pipeline body; use a pipeline parameter, a literal or constant, a variable holding a component result, or a record component of one (stats.mean())"),
  METHOD_CALL_ON_VALUE("UnsupportedExpression", "'%s' calls a method on the value '%s', which a @Pipeline body cannot do: the body only wires components together, and the value exists only when the pipeline runs; move it into a @Component method that takes '%s', and call that component here"),
  NESTED_RECORD_ACCESS("UnsupportedExpression", "'%s' reads a component of a nested record; a @Pipeline body reads record results one level deep (%s); pass %s to a component that reads what it needs, or return the value as a component of the outer record"),
  NOT_A_COMPONENT("'%s' is not a @Component or @Pipeline method; a @Pipeline body may only call components and pipelines; annotate '%s' with @Component, or compute the value inside a component"),
  UNKNOWN_METHOD("cannot find a component or pipeline named '%s'; %s"),
  WRONG_ARGUMENT_COUNT("'%s' takes %d argument(s) (%s) but is called with %d; pass exactly one value per parameter"),
  ARGUMENT_TYPE_MISMATCH("argument for parameter '%s' of '%s' has type %s, which is not assignable to %s; pass a value of type %s"),
  UNDEFINED_VARIABLE("'%s' is not a pipeline parameter or a variable assigned earlier in this pipeline; pass a parameter, a literal, or the result of an earlier component call"),
  WHOLE_RECORD_RESULT("'%s' holds the record result of '%s', whose components are separate outputs (%s); pass one of them, e.g. %s.%s()"),
  UNKNOWN_RECORD_COMPONENT("'%s' has no record component '%s()'; it has: %s"),
  VOID_RESULT_USED("'%s' returns void, so it has no result to use; call it as a statement"),
  LIBRARY_COMPONENT_NOT_PROCESSED("'%s' is a @Component method of a compiled class, but %s is not on the class path, so its library was not compiled with the kfp4j processor; compile that library with kfp4j-processor on its annotation processor path"),
  PIPELINE_NOT_IN_SOURCE("'%s' is a @Pipeline method of a compiled class; kfp4j reads pipeline bodies from source, so a nested pipeline must be compiled in the same javac run; move it into this project, or call its components directly"),
  RECURSIVE_PIPELINE("pipeline '%s' calls itself through %s; pipelines cannot recurse; restructure the pipelines so that none calls back into one of its callers"),
  EMPTY_PIPELINE("@Pipeline method '%s' calls no component or pipeline; a pipeline needs at least one task (Argo and Kubeflow Pipelines reject an empty DAG)"),
  TOO_MANY_TEMPLATES("pipeline '%s' needs %d Argo templates (one per component it runs, one per nested pipeline, a few per loop, and 2 of its own); Argo allows at most %d in one workflow; split it into separate pipelines"),
  TOO_MANY_TASKS("%s has %d tasks; Argo allows at most %d tasks in one DAG; split it into nested @Pipeline methods"),
  OVERLOADED_COMPONENT("'%s' has more than one @Component or @Pipeline overload with %d parameters; the pipeline reader resolves calls by name and argument count; rename one of them"),
  PIPELINE_RETURN_NOT_LAST("the return statement must be the last statement of a @Pipeline body; move the remaining component calls before it"),
  INVALID_QUANTITY("%s = \"%s\") is not a Kubernetes %s quantity; write %s"),
  LIMIT_BELOW_REQUEST("%s %s is below its request %s (%s); Kubernetes rejects such a pod; raise the limit or lower the request"),
  INVALID_DURATION("%s = \"%s\") is not a duration; write a number with a unit (h, m, s, ms), e.g. \"30s\", \"10m\", \"1h30m\""),
  INVALID_RETRY("@Retry(%d) must be between 0 and 100 retries"),
  INVALID_BACKOFF_FACTOR("@Retry(factor = %s) must be a number greater than 0; 2 doubles the wait after each retry"),
  INVALID_TIMEOUT("@Timeout(\"%s\") must be at least 1s and a whole number of seconds (Kubernetes' activeDeadlineSeconds); e.g. \"45s\", \"1h\""),
  ACCELERATOR_COUNT_WITHOUT_TYPE("@Resources(acceleratorCount = %d) needs an accelerator type; add accelerator = \"nvidia.com/gpu\" (or the resource name your cluster uses)"),
  INVALID_ACCELERATOR("%s; the accelerator is a Kubernetes resource name such as \"nvidia.com/gpu\", with a count of 1 or more"),
  INVALID_ENV_NAME("environment variable name '%s' is not valid; use a letter or '_', then letters, digits or '_' (e.g. '%s')"),
  RESERVED_ENV_NAME("environment variable '%s' is set by kfp4j itself (names starting with KFP4J_ are reserved); choose another name"),
  DUPLICATE_ENV_NAME("environment variable '%s' is set twice here (%s); set each variable once"),
  SECRET_IN_ENV("@Env(name = \"%s\") looks like a credential, and its value would be written into the specs and logs in plain text; keep it in a Kubernetes Secret and use @SecretEnv(secret = \"…\", key = \"…\", env = \"%s\")"),
  INVALID_SECRET_NAME("%s name '%s' is not a valid Kubernetes name (DNS-1123: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters)"),
  INVALID_SECRET_KEY("Secret key '%s' is not valid; use letters, digits, '-', '_' and '.'"),
  INVALID_MOUNT_PATH("@SecretVolume(mountPath = \"%s\") %s"),
  INVALID_LABEL("%s '%s' is not valid: %s"),
  INVALID_TOLERATION("@Toleration %s"),
  INVALID_PULL_POLICY("@ImagePullPolicy(\"%s\") must be \"Always\", \"IfNotPresent\" or \"Never\""),
  BLANK_OPTION("@%s must not be blank; %s"),
  TEMPLATE_TAG_IN_OPTION("@%s(%s = \"%s\") contains '{{', which Argo Workflows (also under Kubeflow Pipelines) reads as the start of a template tag, and there is no escaping it; write the text without '{{'"),
  OPTIONS_ON_PIPELINE_CALL("@%s on a variable holding the result of the nested pipeline '%s' is not supported; put the option on the @Pipeline method '%s' (the default for all its tasks) or on the calls inside it"),
  CONSTANT_NOT_SERIALIZABLE("%s cannot be written into a spec as a constant; use a literal or compile-time constant of a supported type, or make the value a pipeline parameter"),
  CREDENTIAL_IN_OPTION("-A%s=%s carries a credential (%s); credentials never go into a spec: remove it and give it to the storage client through the Kubernetes Secret named by -Akfp4j.storage.secret"),

  UNSUPPORTED_COMPILER("kfp4j reads @Pipeline bodies with javac's Tree API; compile with javac"),
  WRITE_FAILED("could not write %s: %s; check that the build's output folders are writable and have space"),
  BAD_OPTION("-A%s=%s is not %s; using %s"),
  UNKNOWN_OPTION_VALUE("-A%s=%s is not a value of that option, which takes %s; %s"),
  INTERNAL_ERROR("kfp4j failed on %s with %s; this is a bug in kfp4j, not in your code: please report it with this message and the source it names"),

  UNSUPPORTED_LOOP("%s is not supported in a @Pipeline body; the one loop a pipeline has is the for-each over a list, one parallel iteration per element: for (T x : items) { ... }"),
  LOOP_JUMP("%s is not supported in a @Pipeline loop: every iteration runs its whole body; to skip work for some items, filter the list in a component before the loop"),
  LOOP_RETURN("a return statement inside a loop is not supported in a @Pipeline body; collect the loop's results (acc.add(x)) and return after the loop"),
  LOOP_OVER_NON_LIST("'%s' has type %s, but a @Pipeline loop iterates over a List; loop over a List<T> parameter, task result, constant List.of(...) or enclosing loop item"),
  LOOP_REASSIGNMENT("'%s' is declared outside the loop and cannot be assigned inside it (every iteration runs in parallel); declare a new variable in the loop, and collect results with a List declared before the loop: acc.add(x)"),
  LOOP_VALUE_ESCAPES("'%s' is computed inside a loop and does not exist after it; collect it into a List declared before the loop (List<T> acc = new ArrayList<>(); ... acc.add(%s);) and use that list"),
  COLLECT_NOT_TASK_RESULT("'%s' is not the result of a task of this loop's body; a loop collects task results only: add the result of a component or pipeline called in this iteration, e.g. acc.add(step(x))"),
  COLLECT_OUTSIDE_LOOP("'%s' collects results only in the first loop that follows its declaration, directly in that loop's body; declare the list right before the loop that adds to it"),
  COLLECT_TWICE("'%s' already collects one result per iteration of %s; add to each list at most once per iteration, in one loop"),
  ACCUMULATOR_USED_EARLY("'%s' is the list a loop collects into and holds its results only after that loop; use it after the loop"),
  ACCUMULATOR_NOT_EMPTY("'%s' must start as an empty list (new ArrayList<>()) so that it holds exactly the loop's results"),
  INVALID_PARALLELISM("@Parallelism(%s) must be a constant int of at least 1 (the number of iterations that may run at once)"),

  UNSUPPORTED_CONDITION("%s is not supported in a @Pipeline condition, which the engines evaluate on the run's values; a condition compares values with == != < <= > >= (numbers, booleans, enums), a.equals(b) on strings and enums, tests a boolean value, and joins these with !, && and ||; %s"),
  CONDITION_OPERAND_TYPE("'%s' has type %s, which a @Pipeline condition cannot compare; conditions compare int, long, double, float, boolean, String and enum values; compare a scalar computed by a component instead"),
  CONDITION_OPERANDS_MISMATCH("'%s' compares a %s with a %s; compare values of the same kind (numbers with numbers, strings with strings)"),
  STRING_IDENTITY("'%s' compares strings with %s, which in Java tests identity, not content, so a direct call would disagree with the engines; write %s"),
  CONDITION_RETURN("a return statement inside an if is not supported in a @Pipeline body; declare a variable before the if, assign it in every branch (with an else), and return it after the if"),
  CONDITION_VALUE_ESCAPES("'%s' is computed inside a branch of an if and does not exist after it; declare it before the if without a value, assign it in every branch including an else, and use it after the if"),
  ONE_OF_INCOMPLETE("'%s' is assigned in only some branches of the if before this line, so it has no value when another branch runs; assign it in every branch, including an else"),
  UNASSIGNED_VARIABLE("'%s' is declared without a value and not assigned before this line; assign it the result of a component call, or assign it in every branch of an if with an else"),
  ONE_OF_NOT_TASK_RESULT("'%s' is not the result of a task called in this branch; a variable assigned in the branches of an if takes a component or pipeline result of that branch, e.g. %s = step(x)"),
  TRY_CATCH("a catch block is not supported in a @Pipeline body: neither engine has a step that runs only when the try block failed with some exception; keep the clean-up in finally { … }, which runs whether the try block succeeded or failed"),
  EXIT_HANDLER_NOT_TOP_LEVEL("try / finally must be directly in the @Pipeline body, not inside a loop, an if or another try (KFP runs exit handlers at the top of a pipeline); move it out, or into a nested @Pipeline called there"),
  EXIT_HANDLER_NOT_LAST("statements after a try / finally are not supported in a @Pipeline body: in Java they run only when the try block succeeded, which neither engine expresses next to an exit handler; move them into the try block"),
  FINALLY_NOT_CALL("%s in a finally block: a finally block holds component or pipeline calls only (the clean-up tasks); move the rest into the try block, or into a nested @Pipeline called from finally"),
  FINALLY_USES_TRY_VALUE("'%s' is computed inside the try block, which may have failed before computing it; a finally block can use pipeline parameters and values computed before the try"),
  TRY_RETURN("a return statement inside try / finally is not supported in a @Pipeline body; a pipeline with an exit handler returns nothing"),
  COLLECT_IN_CONDITION("'%s' cannot collect inside an if, where an iteration could add nothing; assign a variable in every branch of the if (with an else) and add that variable after the if");

  private final String template;
  /** The tag of a message that refines another one's case (several messages may share a tag). */
  private final String tagOverride;

  Message(String template) {
    this(null, template);
  }

  Message(String tag, String template) {
    this.tagOverride = tag;
    this.template = template;
  }

  /** The stable tag shown in brackets: {@code ComponentNotStatic}. */
  public String tag() {
    if (tagOverride != null) {
      return tagOverride;
    }
    StringBuilder tag = new StringBuilder();
    for (String word : name().split("_")) {
      tag.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
    }
    return tag.toString();
  }

  /** The full message text with its tag. */
  public String format(Object... args) {
    return "[kfp4j:" + tag() + "] " + String.format(Locale.ROOT, template, args);
  }
}
