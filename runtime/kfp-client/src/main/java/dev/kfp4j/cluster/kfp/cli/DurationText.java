package dev.kfp4j.cluster.kfp.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations as people type them: {@code 250ms}, {@code 90s}, {@code 30m}, {@code 1h30m}, or ISO {@code PT1H}. */
public final class DurationText implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    String text = value.trim().toUpperCase(Locale.ROOT);
    try {
      if (text.startsWith("P")) {
        return Duration.parse(text);
      }
      if (text.endsWith("MS") && text.length() > 2) {
        return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
      }
      return Duration.parse("PT" + text);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a duration; write e.g. 500ms, 90s, 30m or 1h30m");
    }
  }
}
