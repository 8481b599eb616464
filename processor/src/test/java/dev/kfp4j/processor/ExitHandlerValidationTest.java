package dev.kfp4j.processor;

import static dev.kfp4j.processor.PipelineValidationTest.assertErrorAt;
import static dev.kfp4j.processor.PipelineValidationTest.pipeline;

import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every try form a pipeline refuses is a tagged error on the first token of the construct: catch blocks,
 * try-with-resources, exit handlers not at the top of the body or not last, returns inside, a finally block that is
 * not calls, and a finally block using what the try block computed.
 */
class ExitHandlerValidationTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      TryCatch] a catch block is not supported            | try { log("a"); } catch (RuntimeException e) { log("b"); }          | catch (      | catch
      UnsupportedStatement] a try-with-resources          | try (java.io.StringReader r = new java.io.StringReader("")) { log("a"); } | try (   | try
      ExitHandlerNotTopLevel] try / finally must be       | for (int x : xs) { try { log("a"); } finally { log("b"); } }          | try {        | try
      ExitHandlerNotTopLevel] try / finally must be       | int s = sum(xs); if (s > 1) { try { log("a"); } finally { log("b"); } } | try {      | try
      ExitHandlerNotLast] statements after a try          | try { log("a"); } finally { log("b"); } log("c");                    | log("c")     | log
      TryReturn] a return statement inside try            | try { log("a"); return; } finally { log("b"); }                       | return;      | return
      FinallyNotCall] a for-each loop in a finally block  | try { log("a"); } finally { for (int x : xs) { log("b"); } }          | for (int x   | for
      FinallyUsesTryValue] 's' is computed inside the try | try { int s = sum(xs); } finally { add(s, 1); }                        | add(s, 1)    | s, 1
      """)
  void refusedTryForms(String message, String body, String line, String at) {
    JavaFileObject source = pipeline(body.replace("; ", ";\n").replace("{ ", "{\n").replace(" }", "\n}") + "\n");
    assertErrorAt(source, "[kfp4j:" + message, line.strip(), at.strip());
  }
}
