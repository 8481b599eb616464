package dev.kfp4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public static method whose body calls {@link Component} methods as a pipeline.
 *
 * <p>Called directly, the method runs everything in-process, like any Java method. At compile time
 * the kfp4j annotation processor reads its body, derives the task graph from the data flow and
 * writes the workflow specs under {@code META-INF/kfp4j/<name>/} in the class output.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Pipeline {

  /**
   * The pipeline's name: lower-case letters, digits and '-', starting with a letter, at most 63
   * characters. Empty means the method name in kebab-case.
   */
  String name() default "";

  /** A one-line description, carried into the generated specs. */
  String description() default "";

  /** The default container image of this pipeline's components. */
  String image() default "";
}
