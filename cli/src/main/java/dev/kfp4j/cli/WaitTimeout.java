package dev.kfp4j.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --timeout}, the same on every command that waits for a run to end ({@code argo submit|wait|status -w|logs -f},
 * {@code kfp run|wait}): how long to wait before exiting with {@link Kfp4jExitCodes#TIMEOUT}.
 */
public final class WaitTimeout {

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "24h", converter = DurationConverter.class,
      description = "how long to wait for the run to end (default: ${DEFAULT-VALUE}; e.g. 90s, 30m, 1h30m); "
          + "then exit 7")
  Duration timeout;

  /** The longest wait. */
  public Duration get() {
    return timeout;
  }
}
