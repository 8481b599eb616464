package dev.kfp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** The one duration grammar of every kfp4j option (--timeout, --poll, --retry-backoff). */
class DurationConverterTest {

  private final DurationConverter converter = new DurationConverter();

  @Test
  void amountsWithUnitsLargestFirstOrIso() {
    assertEquals(Duration.ofMillis(500), converter.convert("500ms"));
    assertEquals(Duration.ofMillis(1500), converter.convert("1.5s"));
    assertEquals(Duration.ofSeconds(90), converter.convert("90s"));
    assertEquals(Duration.ofMinutes(30), converter.convert("30m"));
    assertEquals(Duration.ofMinutes(90), converter.convert("1h30m"));
    assertEquals(Duration.ofDays(2), converter.convert("2d"));
    assertEquals(Duration.ofHours(26).plusSeconds(5).plusMillis(7), converter.convert("1d2h5s7ms"));
    assertEquals(Duration.ofHours(24), converter.convert(" 24H "));
    assertEquals(Duration.ofHours(1), converter.convert("PT1H"));
    assertEquals(Duration.ofDays(1), converter.convert("p1d"));
    assertEquals(Duration.ZERO, converter.convert("0s"));
  }

  @Test
  void anythingElseIsRefusedWithExamples() {
    for (String text : List.of("", "soon", "5", "-1s", "1h1h", "30s1h", "1.s", "s", "1 h", "PT", "1w")) {
      TypeConversionException e = assertThrows(TypeConversionException.class, () -> converter.convert(text), text);
      assertTrue(e.getMessage().equals("'" + text + "' is not a duration; write e.g. 500ms, 90s, 30m, 1h30m or 2d"),
          e.getMessage());
    }
  }
}
