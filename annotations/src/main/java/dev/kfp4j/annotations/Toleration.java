package dev.kfp4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets the task run on nodes with a matching taint (kfp-kubernetes {@code add_toleration}).
 *
 * <p>A per-task option: on a {@link Pipeline} method it is the default for every task of that pipeline, on a
 * {@link Component} method the default for every call of that component, and on the local variable that
 * receives a call's result ({@code @Toleration(…) double score = train(data);}) it applies to that call only. The
 * more specific place wins. See the README's "Per-task options" table for what each engine makes of it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.LOCAL_VARIABLE})
@Repeatable(Toleration.List.class)
public @interface Toleration {

  /** The taint key; empty with {@code operator = "Exists"} matches every taint. */
  String key() default "";

  /** {@code "Equal"} (key and value match) or {@code "Exists"} (key matches, no value). */
  String operator() default "Equal";

  /** The taint value, for {@code "Equal"}. */
  String value() default "";

  /** {@code "NoSchedule"}, {@code "PreferNoSchedule"}, {@code "NoExecute"}, or empty for all effects. */
  String effect() default "";

  /** For {@code NoExecute}: how long the task stays bound after the taint appears; -1 means forever. */
  long tolerationSeconds() default -1;

  /** Holds repeated {@code @Toleration} annotations; written by javac, not by hand. */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.METHOD, ElementType.LOCAL_VARIABLE})
  @interface List {
    Toleration[] value();
  }
}
