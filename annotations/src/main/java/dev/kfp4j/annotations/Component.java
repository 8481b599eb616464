package dev.kfp4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public static method as a pipeline component: one step that runs in its own container.
 *
 * <p>The method is plain Java: it takes and returns ordinary values ({@code int long double float
 * boolean String}, their boxes, {@code List<T>}, {@code Map<String, T>}, records and enums, nested
 * freely). The kfp4j annotation processor generates, in the same package, a class named
 * {@code <EnclosingClasses>_<MethodName>Entrypoint} (for {@code Average.add}:
 * {@code Average_AddEntrypoint}; for a nested class {@code Outer.Inner.add}:
 * {@code Outer_Inner_AddEntrypoint}) whose {@code main} loads the run context, downloads each input
 * by its parameter name, calls the method and uploads the result under the output name
 * {@value #OUTPUT}. With the processor option {@code -Akfp4j.entrypoints=shared} no class is generated:
 * the runtime's {@code dev.kfp4j.runtime.entrypoint.SharedEntrypoint} does the same, given the method's
 * address ({@code com.acme.Outer$Inner#add}: the binary name of the class, {@code #}, the method).
 *
 * <p>A {@code void} method is a component with no outputs, run for its side effects.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Component {

  /** The name of the single output of a component that returns a value (KFP's convention). */
  String OUTPUT = "Output";

  /**
   * The component's name in specs and contexts: lower-case letters, digits and '-', starting with a
   * letter, at most 63 characters. Empty means the method name in kebab-case ({@code addAll} →
   * {@code add-all}).
   */
  String name() default "";

  /** A one-line description, carried into the generated specs. */
  String description() default "";

  /**
   * The container image that runs this component. Empty means the enclosing pipeline's image, then
   * the processor option {@code -Akfp4j.image=…}.
   */
  String image() default "";

  /** Whether a run may reuse an earlier execution's outputs when the component and its inputs match. */
  boolean cache() default true;

  /** How many times a failed execution is retried before the task fails (0 = no retries). */
  int retries() default 0;
}
