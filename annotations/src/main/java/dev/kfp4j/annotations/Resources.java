package dev.kfp4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The CPU, memory and accelerators a task requests and is limited to, as Kubernetes quantities
 * ({@code cpuLimit = "4"}, {@code cpuRequest = "500m"}, {@code memoryLimit = "16Gi"}). Empty means unset;
 * a more specific {@code @Resources} overrides only the fields it sets.
 *
 * <p>A per-task option: on a {@link Pipeline} method it is the default for every task of that pipeline, on a
 * {@link Component} method the default for every call of that component, and on the local variable that
 * receives a call's result ({@code @Resources(…) double score = train(data);}) it applies to that call only. The
 * more specific place wins. See the README's "Per-task options" table for what each engine makes of it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.LOCAL_VARIABLE})
public @interface Resources {

  /** Guaranteed CPU: whole or fractional cores ({@code "2"}, {@code "0.5"}) or millicores ({@code "500m"}). */
  String cpuRequest() default "";

  /** Maximum CPU, same form as {@link #cpuRequest()}; at least the request. */
  String cpuLimit() default "";

  /** Guaranteed memory: bytes with an optional suffix ({@code "512Mi"}, {@code "4Gi"}, {@code "2G"}). */
  String memoryRequest() default "";

  /** Maximum memory, same form as {@link #memoryRequest()}; at least the request. */
  String memoryLimit() default "";

  /** The accelerator resource name ({@code "nvidia.com/gpu"}, {@code "amd.com/gpu"}, a TPU type). */
  String accelerator() default "";

  /** How many accelerators; needs {@link #accelerator()}; 0 with an accelerator means 1. */
  int acceleratorCount() default 0;
}
