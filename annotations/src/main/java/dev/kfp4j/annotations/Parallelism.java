package dev.kfp4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Limits how many iterations of a for-each loop in a {@link Pipeline} body run at the same time:
 * {@code for (@Parallelism(4) String shard : shards) { ... }}. Without it, every iteration may run at
 * once (as many as the engine allows). It becomes KFP's {@code iteratorPolicy.parallelismLimit}, Argo's
 * {@code parallelism} on the loop's template, and the local runner's limit for that loop.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target({ElementType.LOCAL_VARIABLE, ElementType.PARAMETER})
public @interface Parallelism {

  /** At most this many iterations at once; at least 1. */
  int value();
}
