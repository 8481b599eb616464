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
   * A {@link JsonTree} node as a stored parameter value: compact JSON, members in document order, an integral number
   * in plain digits ({@code -0} as {@code 0}) and any other number as a {@code double} ({@code 2.50} as {@code 2.5},
   * {@code 1e3} as {@code 1000.0}): byte for byte what jackson-databind writes for the tree it reads from the same text,
   * so a value stored by a step program and one stored by the local runner are the same bytes.
   */
  public static String canonicalJson(Object node) {
    return JsonTree.write(node, true);
  }
}
