package dev.kfp4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A label on the task's pod (kfp-kubernetes {@code add_pod_label}).
 *
 * <p>A per-task option: on a {@link Pipeline} method it is the default for every task of that pipeline, on a
 * {@link Component} method the default for every call of that component, and on the local variable that
 * receives a call's result ({@code @PodLabel(…) double score = train(data);}) it applies to that call only. The
 * more specific place wins. See the README's "Per-task options" table for what each engine makes of it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.LOCAL_VARIABLE})
@Repeatable(PodLabel.List.class)
public @interface PodLabel {

  /** The label key ({@code "team"}, {@code "example.com/owner"}). */
  String key();

  /** The label value (at most 63 characters of letters, digits, {@code -_.}). */
  String value();

  /** Holds repeated {@code @PodLabel} annotations; written by javac, not by hand. */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.METHOD, ElementType.LOCAL_VARIABLE})
  @interface List {
    PodLabel[] value();
  }
}
