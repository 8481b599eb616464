package dev.kfp4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Mounts a Kubernetes Secret as files under a path in the task's container (kfp-kubernetes
 * {@code use_secret_as_volume}).
 *
 * <p>A per-task option: on a {@link Pipeline} method it is the default for every task of that pipeline, on a
 * {@link Component} method the default for every call of that component, and on the local variable that
 * receives a call's result ({@code @SecretVolume(…) double score = train(data);}) it applies to that call only. The
 * more specific place wins. See the README's "Per-task options" table for what each engine makes of it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.LOCAL_VARIABLE})
@Repeatable(SecretVolume.List.class)
public @interface SecretVolume {

  /** The Secret's name (DNS-1123: lower case, digits, {@code -} and {@code .}). */
  String secret();

  /** The absolute path the Secret's keys appear under, one file per key. */
  String mountPath();

  /** Whether the task may start when the Secret does not exist. */
  boolean optional() default false;

  /** Holds repeated {@code @SecretVolume} annotations; written by javac, not by hand. */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.METHOD, ElementType.LOCAL_VARIABLE})
  @interface List {
    SecretVolume[] value();
  }
}
