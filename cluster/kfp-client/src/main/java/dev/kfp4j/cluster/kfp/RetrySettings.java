package dev.kfp4j.cluster.kfp;

import java.time.Duration;

/**
 * How transient failures are retried: up to {@code maxRetries} more attempts, waiting
 * {@code initialDelay}, doubling up to {@code maxDelay} (or what a {@code Retry-After} header asks, capped there).
 *
 * @param maxRetries retries after the first attempt
 * @param initialDelay the first pause
 * @param maxDelay the longest pause
 */
public record RetrySettings(int maxRetries, Duration initialDelay, Duration maxDelay) {

  /** Checks the values. */
  public RetrySettings {
    if (maxRetries < 0 || initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("retry settings need maxRetries >= 0 and 0 <= initialDelay <= maxDelay");
    }
  }

  /** 4 retries, 0.5 s doubling to 8 s (about 15 s in all). */
  public static RetrySettings defaults() {
    return new RetrySettings(4, Duration.ofMillis(500), Duration.ofSeconds(8));
  }

  /** No retries. */
  public static RetrySettings none() {
    return new RetrySettings(0, Duration.ZERO, Duration.ZERO);
  }
}
