package dev.kfp4j.processor.diagnostic;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/** Reports catalogue messages on the most precise place available and counts the errors. */
public final class Diagnostics {

  private final Messager messager;
  private final Trees trees;
  private int errors;

  public Diagnostics(Messager messager, Trees trees) {
    this.messager = messager;
    this.trees = trees;
  }

  /** Diagnostics that only count: for checking library elements, whose problems are not this compilation's. */
  public static Diagnostics quiet() {
    return new Diagnostics(null, null);
  }

  /** An error on an element (a method, a parameter). */
  public void error(Element element, Message message, Object... args) {
    errors++;
    if (messager != null) {
      messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element);
    }
  }

  /** An error on one value of an annotation on an element. */
  public void error(Element element, AnnotationMirror annotation, AnnotationValue value, Message message, Object... args) {
    errors++;
    if (messager != null) {
      messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element, annotation, value);
    }
  }

  /** An error on an expression or statement inside a method body. */
  public void error(Tree tree, CompilationUnitTree unit, Message message, Object... args) {
    errors++;
    if (trees != null) {
      trees.printMessage(Diagnostic.Kind.ERROR, message.format(args), tree, unit);
    }
  }

  /** An error about the whole compilation, not one element. */
  public void error(Message message, Object... args) {
    errors++;
    if (messager != null) {
      messager.printMessage(Diagnostic.Kind.ERROR, message.format(args));
    }
  }

  /** A warning about the whole compilation, not one element. */
  public void warning(Message message, Object... args) {
    if (messager != null) {
      messager.printMessage(Diagnostic.Kind.WARNING, message.format(args));
    }
  }

  /**
   * Runs the processing of one element; an unexpected exception becomes an {@link Message#INTERNAL_ERROR} on
   * that element instead of ending the whole compile with javac's "an annotation processor threw an uncaught
   * exception". The other elements are still processed.
   */
  public void guard(Element element, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException | StackOverflowError e) {
      if (e.getClass().getName().equals(COMPLETION_FAILURE)) {
        throw (RuntimeException) e; // a class file javac cannot read: javac reports it better than we can
      }
      error(element, Message.INTERNAL_ERROR,
          "'" + element.getEnclosingElement().getSimpleName() + "." + element.getSimpleName() + "'", describe(e));
    }
  }

  /** javac's "class file for X not found", which it reports itself when it leaves the processor. */
  private static final String COMPLETION_FAILURE = "com.sun.tools.javac.code.Symbol$CompletionFailure";

  /** {@code java.lang.IllegalStateException: boom (at dev.kfp4j.processor.X.y(X.java:12))}. */
  public static String describe(Throwable e) {
    StackTraceElement[] frames = e.getStackTrace();
    StackTraceElement at = frames.length == 0 ? null : frames[0];
    for (StackTraceElement frame : frames) {
      if (frame.getClassName().startsWith("dev.kfp4j.")) {
        at = frame;
        break;
      }
    }
    return e + (at == null ? "" : " (at " + at + ")");
  }

  /** A warning on one value of an annotation on an element (does not count as an error). */
  public void warning(Element element, AnnotationMirror annotation, AnnotationValue value, Message message,
      Object... args) {
    if (messager != null) {
      messager.printMessage(Diagnostic.Kind.WARNING, message.format(args), element, annotation, value);
    }
  }

  /** A warning on an expression or statement inside a method body. */
  public void warning(Tree tree, CompilationUnitTree unit, Message message, Object... args) {
    if (trees != null) {
      trees.printMessage(Diagnostic.Kind.WARNING, message.format(args), tree, unit);
    }
  }

  /** javac's trees, for finding a source position; null for quiet diagnostics. */
  public Trees trees() {
    return trees;
  }

  /** How many errors were reported so far. */
  public int errorCount() {
    return errors;
  }
}
