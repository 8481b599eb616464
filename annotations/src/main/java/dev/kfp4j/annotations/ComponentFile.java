package dev.kfp4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a {@link Component} method to a reusable KFP component file: the step runs the file's
 * container as written, and the method's signature is its typed Java face.
 *
 * <p>The file is a KFP v1 {@code component.yaml} (the format of KFP's published components:
 * {@code inputs}, {@code outputs}, {@code implementation.container} with {@code inputValue},
 * {@code outputPath}, {@code concat}, {@code if}/{@code isPresent} placeholders). It is looked up at
 * compile time on the source path, then the class path (for example {@code src/main/resources}).
 * The processor checks that every parameter is an input of the file with a compatible type
 * ({@code my-input} and {@code my_input} match a parameter {@code my_input} or {@code myInput}),
 * that every required input is a parameter, and that the return type matches the outputs: one output
 * for a plain return type, one record component per output for a record.
 *
 * <pre>{@code
 * @Component
 * @ComponentFile("components/add_component.yaml")
 * public static int add(int op_1, int op2) {
 *   return op_1 + op2; // what calling it in plain Java does
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ComponentFile {

  /** The file's path relative to a source or class path root ({@code components/add_component.yaml}). */
  String value();
}
