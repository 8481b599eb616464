package dev.kfp4j.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The one way every {@code kfp4j} option reads a duration: amounts with units, largest first
 * ({@code 500ms}, {@code 1.5s}, {@code 90s}, {@code 30m}, {@code 1h30m}, {@code 2d}), or ISO-8601
 * ({@code PT1H}). Units: {@code d h m s ms}; case does not matter; a bare number is refused (seconds or
 * milliseconds would be a guess).
 */
public final class DurationConverter implements ITypeConverter<Duration> {

  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|d|h|m|s)");
  private static final List<String> UNITS = List.of("d", "h", "m", "s", "ms");
  private static final long[] MILLIS = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};

  @Override
  public Duration convert(String value) {
    Duration duration = parse(value);
    if (duration == null) {
      throw new TypeConversionException("'" + value + "' is not a duration; write e.g. 500ms, 90s, 30m, 1h30m or 2d");
    }
    return duration;
  }

  /** The duration {@code value} stands for, or null if it is not one. */
  static Duration parse(String value) {
    String text = value.strip().toLowerCase(Locale.ROOT);
    if (text.startsWith("p")) {
      try {
        return Duration.parse(text.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    Matcher part = PART.matcher(text);
    BigDecimal millis = BigDecimal.ZERO;
    int end = 0;
    int lastUnit = -1;
    while (end < text.length() && part.find(end) && part.start() == end) {
      int unit = UNITS.indexOf(part.group(2));
      if (unit <= lastUnit) {
        return null; // "30s1h" or "1h1h": units go from largest to smallest, each once
      }
      lastUnit = unit;
      millis = millis.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(MILLIS[unit])));
      end = part.end();
    }
    if (end == 0 || end != text.length()) {
      return null;
    }
    try {
      return Duration.ofMillis(millis.setScale(0, RoundingMode.HALF_UP).longValueExact());
    } catch (ArithmeticException e) {
      return null;
    }
  }
}
