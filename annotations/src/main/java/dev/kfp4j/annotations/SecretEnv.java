package dev.kfp4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Sets an environment variable from a key of a Kubernetes Secret (kfp-kubernetes
 * {@code use_secret_as_env}). Run locally, the value comes from the runner's environment variable of the
 * same name, or from a local secrets folder (see docs/local-runner.md); it is never printed.
 *
 * <p>A per-task option: on a {@link Pipeline} method it is the default for every task of that pipeline, on a
 * {@link Component} method the default for every call of that component, and on the local variable that
 * receives a call's result ({@code @SecretEnv(…) double score = train(data);}) it applies to that call only. The
 * more specific place wins. See the README's "Per-task options" table for what each engine makes of it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.LOCAL_VARIABLE})
@Repeatable(SecretEnv.List.class)
public @interface SecretEnv {

  /** The Secret's name (DNS-1123: lower case, digits, {@code -} and {@code .}). */
  String secret();

  /** The key inside the Secret. */
  String key();

  /** The environment variable that receives the value. */
  String env();

  /** Holds repeated {@code @SecretEnv} annotations; written by javac, not by hand. */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.METHOD, ElementType.LOCAL_VARIABLE})
  @interface List {
    SecretEnv[] value();
  }
}
