package dev.kfp4j.processor.options;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Go and Argo write them ({@code "30s"}, {@code "1h30m"}, {@code "500ms"}, {@code "0s"}): the same
 * text KFP's SDK takes for {@code set_retry} and Argo for its backoff.
 */
public final class Durations {

  private static final Pattern WHOLE = Pattern.compile("(?:[0-9]+(?:\\.[0-9]+)?(?:h|ms|m|s))+");
  private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(h|ms|m|s)");

  private Durations() {}

  /** The duration in milliseconds, or null if the text is not a duration. */
  public static Long millis(String text) {
    if (!WHOLE.matcher(text).matches()) {
      return null;
    }
    BigDecimal total = BigDecimal.ZERO;
    Matcher part = PART.matcher(text);
    while (part.find()) {
      long unit = switch (part.group(2)) {
        case "h" -> 3_600_000;
        case "m" -> 60_000;
        case "s" -> 1_000;
        default -> 1;
      };
      total = total.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(unit)));
    }
    try {
      return total.setScale(0, java.math.RoundingMode.UP).longValueExact();
    } catch (ArithmeticException tooLarge) {
      return null;
    }
  }

  /** Seconds as protobuf's JSON form of a Duration writes them: {@code "30s"}, {@code "0.5s"}. */
  public static String seconds(long millis) {
    return BigDecimal.valueOf(millis).movePointLeft(3).stripTrailingZeros().toPlainString() + "s";
  }

  /** A short human form for messages: {@code 1h}, {@code 90m}, {@code 1h30m}, {@code 45s}, {@code 1.5s}. */
  public static String human(long millis) {
    if (millis % 1000 != 0 || millis < 60_000) {
      return seconds(millis);
    }
    long seconds = millis / 1000;
    StringBuilder out = new StringBuilder();
    if (seconds >= 3600) {
      out.append(seconds / 3600).append('h');
      seconds %= 3600;
    }
    if (seconds >= 60) {
      out.append(seconds / 60).append('m');
      seconds %= 60;
    }
    if (seconds > 0) {
      out.append(seconds).append('s');
    }
    return out.toString();
  }
}
