package dev.kfp4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Sets an environment variable in the task's container. Never for credentials: use {@link SecretEnv}.
 *
 * <p>A per-task option: on a {@link Pipeline} method it is the default for every task of that pipeline, on a
 * {@link Component} method the default for every call of that component, and on the local variable that
 * receives a call's result ({@code @Env(…) double score = train(data);}) it applies to that call only. The
 * more specific place wins. See the README's "Per-task options" table for what each engine makes of it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.LOCAL_VARIABLE})
@Repeatable(Env.List.class)
public @interface Env {

  /** The variable name: a letter or {@code _}, then letters, digits or {@code _}. */
  String name();

  /** Its value. */
  String value();

  /** Holds repeated {@code @Env} annotations; written by javac, not by hand. */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.METHOD, ElementType.LOCAL_VARIABLE})
  @interface List {
    Env[] value();
  }
}
