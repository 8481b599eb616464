package dev.kfp4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Retries a failed task with exponential backoff (KFP {@code set_retry}, Argo {@code retryStrategy}).
 * {@code @Retry(3)} alone means 3 retries with KFP's default backoff: no wait, factor 2, for at most an hour.
 *
 * <p>A per-task option: on a {@link Pipeline} method it is the default for every task of that pipeline, on a
 * {@link Component} method the default for every call of that component, and on the local variable that
 * receives a call's result ({@code @Retry(…) double score = train(data);}) it applies to that call only. The
 * more specific place wins. See the README's "Per-task options" table for what each engine makes of it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.LOCAL_VARIABLE})
public @interface Retry {

  /** How many times a failed execution is retried: 0 to 100. */
  int value();

  /** The wait before the first retry, as a duration ({@code "30s"}, {@code "2m"}, {@code "1h30m"}). */
  String backoff() default "0s";

  /** Each further wait is the previous one times this factor (greater than 0). */
  double factor() default 2.0;

  /** Retries stop once this much time has passed since the first attempt started. */
  String maxBackoff() default "3600s";
}
