package dev.kfp4j.cluster.argo.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations as people write them on a command line: {@code 90s}, {@code 30m}, {@code 1h30m}, or ISO {@code PT1H}. */
public final class DurationConverter implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    String text = value.trim().toUpperCase(Locale.ROOT);
    try {
      if (text.startsWith("P")) {
        return Duration.parse(text);
      }
      String iso = text.contains("D") ? "P" + text.replace("D", "DT") : "PT" + text;
      return Duration.parse(iso.endsWith("T") ? iso.substring(0, iso.length() - 1) : iso);
    } catch (DateTimeParseException e) {
      throw new TypeConversionException("'" + value + "' is not a duration; write e.g. 90s, 30m, 1h30m or 2d");
    }
  }
}
