package dev.kfp4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the task only on nodes with this label (kfp-kubernetes {@code add_node_selector}).
 *
 * <p>A per-task option: on a {@link Pipeline} method it is the default for every task of that pipeline, on a
 * {@link Component} method the default for every call of that component, and on the local variable that
 * receives a call's result ({@code @NodeSelector(…) double score = train(data);}) it applies to that call only. The
 * more specific place wins. See the README's "Per-task options" table for what each engine makes of it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.LOCAL_VARIABLE})
@Repeatable(NodeSelector.List.class)
public @interface NodeSelector {

  /** The node label key ({@code "cloud.google.com/gke-accelerator"}). */
  String key();

  /** The label value it must have. */
  String value();

  /** Holds repeated {@code @NodeSelector} annotations; written by javac, not by hand. */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.METHOD, ElementType.LOCAL_VARIABLE})
  @interface List {
    NodeSelector[] value();
  }
}
