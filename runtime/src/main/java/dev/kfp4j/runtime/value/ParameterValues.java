package dev.kfp4j.runtime.value;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kfp4j.wire.ParameterKind;

/**
 * Whether a JSON value is of a KFP parameter kind: the one check behind the init step's {@code --param}, the local
 * runner's parameters, a container step's outputs and the KFP client's run parameters.
 */
public final class ParameterValues {

  private ParameterValues() {}

  /**
   * Whether {@code json} (null for no value) is a value of {@code kind}: an integral number for {@code NUMBER_INTEGER},
   * any number for {@code NUMBER_DOUBLE}, a boolean, an array for {@code LIST}, an object for {@code STRUCT}; any value
   * for {@code STRING}, whose text is taken as is.
   */
  public static boolean fits(ParameterKind kind, JsonNode json) {
    return json != null && switch (kind) {
      case NUMBER_INTEGER -> json.isIntegralNumber();
      case NUMBER_DOUBLE -> json.isNumber();
      case BOOLEAN -> json.isBoolean();
      case LIST -> json.isArray();
      case STRUCT -> json.isObject();
      case STRING -> true;
    };
  }
}
