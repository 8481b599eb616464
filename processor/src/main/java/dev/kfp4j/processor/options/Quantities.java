package dev.kfp4j.processor.options;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities for CPU and memory: checked as Kubernetes reads them, and converted to the
 * numbers KFP's IR also carries (cores; memory in GB, 10^9 bytes, as KFP's SDK writes them).
 */
public final class Quantities {

  /** A plain decimal number with an optional binary or decimal SI suffix (Kubernetes' quantity, no exponent). */
  private static final Pattern QUANTITY = Pattern.compile("([0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?");
  private static final Map<String, BigDecimal> FACTORS = Map.ofEntries(
      Map.entry("", BigDecimal.ONE),
      Map.entry("m", new BigDecimal("0.001")),
      Map.entry("k", BigDecimal.TEN.pow(3)), Map.entry("M", BigDecimal.TEN.pow(6)),
      Map.entry("G", BigDecimal.TEN.pow(9)), Map.entry("T", BigDecimal.TEN.pow(12)),
      Map.entry("P", BigDecimal.TEN.pow(15)), Map.entry("E", BigDecimal.TEN.pow(18)),
      Map.entry("Ki", BigDecimal.valueOf(2).pow(10)), Map.entry("Mi", BigDecimal.valueOf(2).pow(20)),
      Map.entry("Gi", BigDecimal.valueOf(2).pow(30)), Map.entry("Ti", BigDecimal.valueOf(2).pow(40)),
      Map.entry("Pi", BigDecimal.valueOf(2).pow(50)), Map.entry("Ei", BigDecimal.valueOf(2).pow(60)));

  private Quantities() {}

  /** CPU cores of a CPU quantity ({@code "500m"} → 0.5), or null if it is not one. */
  public static BigDecimal cpu(String text) {
    Matcher m = QUANTITY.matcher(text);
    if (!m.matches() || (m.group(2) != null && !m.group(2).equals("m"))) {
      return null;
    }
    return value(m);
  }

  /** Bytes of a memory quantity ({@code "4Gi"} → 4294967296), or null if it is not one. */
  public static BigDecimal memory(String text) {
    Matcher m = QUANTITY.matcher(text);
    if (!m.matches() || "m".equals(m.group(2))) {
      return null;
    }
    return value(m);
  }

  /** Bytes in KFP's unit for the IR's numeric memory fields: GB (10^9 bytes). */
  public static BigDecimal gigabytes(BigDecimal bytes) {
    return bytes.divide(BigDecimal.TEN.pow(9), MathContext.DECIMAL64);
  }

  /** A number as the IR's double fields show it: {@code 4.0}, {@code 0.5}, {@code 15.032385536}. */
  public static String decimal(BigDecimal number) {
    String plain = number.stripTrailingZeros().toPlainString();
    return plain.contains(".") ? plain : plain + ".0";
  }

  private static BigDecimal value(Matcher m) {
    return new BigDecimal(m.group(1)).multiply(FACTORS.get(m.group(2) == null ? "" : m.group(2)));
  }
}
