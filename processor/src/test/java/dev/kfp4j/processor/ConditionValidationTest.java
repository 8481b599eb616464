package dev.kfp4j.processor;

import static dev.kfp4j.processor.PipelineValidationTest.assertErrorAt;
import static dev.kfp4j.processor.PipelineValidationTest.pipeline;

import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every condition form a pipeline refuses is a tagged error on the first token of the construct: what a condition
 * may not hold (calls, arithmetic, concatenation, null, non-scalar values, mixed kinds, strings compared by
 * identity), returns in a branch, values escaping a branch, and variables not assigned in every branch.
 */
class ConditionValidationTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      UnsupportedCondition] this method call 'sum(xs)'      | int s = sum(xs); if (s > sum(xs)) { log("x"); }                 | if (s > sum | sum(xs))
      UnsupportedCondition] this method call 'xs.isEmpty()' | if (xs.isEmpty()) { log("x"); }                                | if (xs.isEmpty | xs.isEmpty
      UnsupportedCondition] arithmetic 's + 1'              | int s = sum(xs); if (s + 1 > 2) { log("x"); }                   | if (s + 1   | s + 1
      UnsupportedCondition] string concatenation            | String t = "x"; if ((t + "y").equals("xy")) { log("x"); }      | if ((t      | t + "y"
      UnsupportedCondition] null                            | int s = sum(xs); if (s == null) { log("x"); }                   | if (s == null | null)
      UnsupportedCondition] '(s > 1) & (s < 5)'             | int s = sum(xs); if ((s > 1) & (s < 5)) { log("x"); }           | if ((s > 1) | (s > 1) &
      ConditionOperandType] 'xs' has type List<Integer>     | if (xs.equals(xs)) { log("x"); }                                | if (xs.equals | xs.equals
      ConditionOperandsMismatch] 't.equals(s)' compares a string with a number | int s = sum(xs); String t = "a"; if (t.equals(s)) { log("x"); } | if (t.equals | t.equals
      StringIdentity] 't == "b"' compares strings with ==   | String t = "a"; if (t == "b") { log("x"); }                     | if (t ==    | t == "b"
      ConditionReturn] a return statement inside an if      | int s = sum(xs); if (s > 1) { log("x"); return; }               | return;     | return
      """)
  void refusedConditionForms(String message, String body, String line, String at) {
    JavaFileObject source = pipeline(body.replace("; ", ";\n").replace("{ ", "{\n").replace(" }", "\n}") + "\n");
    assertErrorAt(source, "[kfp4j:" + message, line.strip(), at.strip());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      ConditionValueEscapes] 'y' is computed inside a branch | int s = sum(xs); if (s > 1) { int y = add(s, 1); } add(y, 2);                     | add(y, 2)      | y, 2
      OneOfIncomplete] 'r' is assigned in only some branches | int s = sum(xs); int r; if (s > 1) { r = add(s, 1); } add(r, 2);                  | add(r, 2)      | r, 2
      OneOfIncomplete] 'r' is assigned in only some branches | int s = sum(xs); int r; if (s > 1) { r = add(s, 1); } else if (s > 0) { r = add(s, 2); } add(r, 3); | add(r, 3) | r, 3
      UnassignedVariable] 'r' is declared without a value    | int r; add(r, 2);                                                                    | add(r, 2)      | r, 2
      OneOfNotTaskResult] 's' is not the result of a task    | int s = sum(xs); int r; if (s > 1) { r = s; } else { r = add(s, 2); }              | r = s;         | s;
      CollectInCondition] 'acc' cannot collect inside an if  | java.util.List<Integer> acc = new java.util.ArrayList<>(); for (int x : xs) { if (x > 1) { acc.add(add(x, 1)); } } | acc.add(add | acc.add
      LoopReassignment] 'r' is declared outside the loop     | int r; for (int x : xs) { if (x > 1) { r = add(x, 1); } else { r = add(x, 2); } } | r = add(x, 1) | r = add
      """)
  void branchValuesAndOneOfs(String message, String body, String line, String at) {
    JavaFileObject source = pipeline(body.replace("; ", ";\n").replace("{ ", "{\n").replace(" }", "\n}") + "\n");
    assertErrorAt(source, "[kfp4j:" + message, line.strip(), at.strip());
  }
}
