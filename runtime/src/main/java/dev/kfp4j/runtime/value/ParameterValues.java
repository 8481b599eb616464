package dev.kfp4j.runtime.value;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kfp4j.wire.ParameterKind;
import java.util.List;
import java.util.Map;

/**
 * Whether a JSON value is of a KFP parameter kind: the one check behind the init step's {@code --param}, the local
 * runner's parameters, a container step's outputs and the KFP client's run parameters. The step programs ask it of a
 * {@link JsonTree} (jackson-core only), the tools of a jackson-databind {@code JsonNode}; both answer alike.
 */
public final class ParameterValues {

  private ParameterValues() {}

  /**
   * Whether {@code json} (null for no value) is a value of {@code kind}: an integral number for {@code NUMBER_INTEGER},
   * any number for {@code NUMBER_DOUBLE}, a boolean, an array for {@code LIST}, an object for {@code STRUCT}; any value
   * for {@code STRING}, whose text is taken as is.
   */
  public static boolean fits(ParameterKind kind, JsonNode json) {
    return json != null && fits(kind, json.isNumber(), json.isIntegralNumber(), json.isBoolean(), json.isArray(),
        json.isObject());
  }

  /** {@link #fits(ParameterKind, JsonNode)} of a {@link JsonTree} node ({@code null} for no value). */
  public static boolean fitsTree(ParameterKind kind, Object node) {
    boolean number = node instanceof JsonTree.JsonNumber;
    return node != null && fits(kind, number, number && ((JsonTree.JsonNumber) node).isIntegral(),
        node instanceof Boolean, node instanceof List<?>, node instanceof Map<?, ?>);
  }

  private static boolean fits(ParameterKind kind, boolean number, boolean integral, boolean bool, boolean array,
      boolean object) {
    return switch (kind) {
      case NUMBER_INTEGER -> integral;
      case NUMBER_DOUBLE -> number;
      case BOOLEAN -> bool;
      case LIST -> array;
      case STRUCT -> object;
      case STRING -> true;
    };
  }

  /**
   * The JSON path ({@code $}, {@code $[1]}, {@code $.a.b}) of the first number in {@code node} (a {@link JsonTree}) that a
   * stored value cannot hold: one with a fraction or an exponent beyond the range of a {@code double} ({@code 1e400}),
   * which {@link #canonicalJson} would write as the string {@code "Infinity"}; {@code null} if there is none.
   */
  public static String numberOutOfRange(Object node) {
    return numberOutOfRange(node, "$");
  }

  private static String numberOutOfRange(Object node, String path) {
    if (node instanceof JsonTree.JsonNumber number) {
      return !number.isIntegral() && Double.isInfinite(Double.parseDouble(number.text())) ? path : null;
    }
    String found = null;
    if (node instanceof List<?> array) {
      for (int i = 0; i < array.size() && found == null; i++) {
        found = numberOutOfRange(array.get(i), path + "[" + i + "]");
      }
    } else if (node instanceof Map<?, ?> object) {
      for (Map.Entry<?, ?> member : object.entrySet()) {
        found = found != null ? found : numberOutOfRange(member.getValue(), path + "." + member.getKey());
      }
    }
    return found;
  }

  /**
   * A {@link JsonTree} node as a stored parameter value: compact JSON, members in document order, an integral number
   * in plain digits ({@code -0} as {@code 0}) and any other number as a {@code double} ({@code 2.50} as {@code 2.5},
   * {@code 1e3} as {@code 1000.0}; see {@link #numberOutOfRange}): byte for byte what jackson-databind writes for the tree it reads from the same text,
   * so a value stored by a step program and one stored by the local runner are the same bytes.
   */
  public static String canonicalJson(Object node) {
    return JsonTree.write(node, true);
  }
}
