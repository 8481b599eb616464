package dev.kfp4j.processor;

import static dev.kfp4j.processor.PipelineValidationTest.assertErrorAt;
import static dev.kfp4j.processor.PipelineValidationTest.pipeline;

import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every loop form a pipeline refuses is a tagged error on the first token of the construct: the loops that are
 * not a for-each, jumps and returns in a loop, reassigning outer variables, values escaping a loop, and every
 * misuse of a list a loop collects into.
 */
class LoopValidationTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      UnsupportedLoop] a while loop        | while (xs.isEmpty()) { log("x"); }                                        | while (        | while
      UnsupportedLoop] a for loop          | for (int i = 0; i < 3; i++) { log("x"); }                                  | for (int i     | for
      UnsupportedLoop] a do-while loop     | do { log("x"); } while (xs.isEmpty());                                    | do {           | do
      LoopJump] break                      | for (int x : xs) { add(x, 1); break; }                                     | break;         | break
      LoopJump] continue                   | for (int x : xs) { add(x, 1); continue; }                                  | continue;      | continue
      LoopReturn] a return statement       | for (int x : xs) { add(x, 1); return; }                                    | return;        | return
      LoopOverNonList] 'n' has type int    | int n = sum(xs); for (int x : n) { add(x, 1); }                             | for (int x : n | n)
      LoopReassignment] 's' is declared    | int s = sum(xs); for (int x : xs) { s = add(x, 1); }                        | s = add        | s = add
      CollectNotTaskResult] 'x' is not     | java.util.List<Integer> acc = new java.util.ArrayList<>(); for (int x : xs) { acc.add(x); } | acc.add(x) | x)
      CollectOutsideLoop] 'acc' collects   | java.util.List<Integer> acc = new java.util.ArrayList<>(); acc.add(sum(xs));  | acc.add(sum   | acc.add
      CollectTwice] 'acc' already collects | java.util.List<Integer> acc = new java.util.ArrayList<>(); for (int x : xs) { acc.add(add(x, 1)); acc.add(add(x, 2)); } | acc.add(add(x, 2)) | acc.add(add(x, 2))
      AccumulatorUsedEarly] 'acc' is the   | java.util.List<Integer> acc = new java.util.ArrayList<>(); sum(acc);         | sum(acc)       | acc)
      AccumulatorNotEmpty] 'acc' must start | java.util.List<Integer> acc = new java.util.ArrayList<>(xs); for (int x : xs) { acc.add(add(x, 1)); } | new java.util | new
      InvalidParallelism] @Parallelism(0)  | for (@dev.kfp4j.annotations.Parallelism(0) int x : xs) { add(x, 1); }      | Parallelism(0) | 0)
      """)
  void refusedLoopForms(String message, String body, String line, String at) {
    JavaFileObject source = pipeline(body.replace("; ", ";\n").replace("{ ", "{\n").replace(" }", "\n}") + "\n");
    assertErrorAt(source, "[kfp4j:" + message, line.strip(), at.strip());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      LoopValueEscapes] 'y' is computed inside a loop | for (int x : xs) { int y = add(x, 1); } add(y, 2); | add(y, 2) | y, 2
      """)
  void valuesOfALoopDoNotEscapeIt(String message, String body, String line, String at) {
    JavaFileObject source = pipeline(body.replace("; ", ";\n").replace("{ ", "{\n").replace(" }", "\n}") + "\n");
    assertErrorAt(source, "[kfp4j:" + message, line.strip(), at.strip());
  }
}
