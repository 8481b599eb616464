package dev.kfp4j.cluster.kfp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON value against a Swagger 2.0 schema, strictly: every field must be declared where the
 * schema lists properties, and every value must have the declared JSON type (and enum value).
 */
final class SwaggerSchema {

  private SwaggerSchema() {}

  /** Adds a line to {@code problems} for each way {@code value} breaks {@code schema}. */
  static void check(JsonNode value, JsonNode schema, JsonNode swagger, String path, List<String> problems) {
    if (schema == null || schema.isMissingNode()) {
      return;
    }
    if (schema.has("$ref")) {
      String ref = schema.get("$ref").asText();
      JsonNode target = swagger.at(ref.substring(1)); // "#/definitions/x" → "/definitions/x"
      if (target.isMissingNode()) {
        problems.add(path + ": schema reference " + ref + " is not in the swagger");
        return;
      }
      check(value, target, swagger, path, problems);
      return;
    }
    String type = schema.path("type").asText("");
    switch (type) {
      case "object" -> checkObject(value, schema, swagger, path, problems);
      case "array" -> {
        if (!value.isArray()) {
          problems.add(path + ": expected an array, found " + value.getNodeType());
          return;
        }
        for (int i = 0; i < value.size(); i++) {
          check(value.get(i), schema.path("items"), swagger, path + "[" + i + "]", problems);
        }
      }
      case "string" -> {
        if (!value.isTextual()) {
          problems.add(path + ": expected a string, found " + value.getNodeType());
        } else if (schema.has("enum") && !contains(schema.get("enum"), value.asText())) {
          problems.add(path + ": '" + value.asText() + "' is not one of " + schema.get("enum"));
        }
      }
      case "integer" -> {
        if (!value.isIntegralNumber()) {
          problems.add(path + ": expected an integer, found " + value.getNodeType());
        }
      }
      case "number" -> {
        if (!value.isNumber()) {
          problems.add(path + ": expected a number, found " + value.getNodeType());
        }
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          problems.add(path + ": expected a boolean, found " + value.getNodeType());
        }
      }
      default -> {
        // No type: any JSON value (protobuf Value / Struct fields).
      }
    }
  }

  private static void checkObject(JsonNode value, JsonNode schema, JsonNode swagger, String path,
      List<String> problems) {
    if (!value.isObject()) {
      problems.add(path + ": expected an object, found " + value.getNodeType());
      return;
    }
    JsonNode properties = schema.get("properties");
    JsonNode additional = schema.get("additionalProperties");
    for (Iterator<Map.Entry<String, JsonNode>> it = value.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String fieldPath = path + "." + field.getKey();
      if (properties != null && properties.has(field.getKey())) {
        check(field.getValue(), properties.get(field.getKey()), swagger, fieldPath, problems);
      } else if (additional != null) {
        check(field.getValue(), additional, swagger, fieldPath, problems);
      } else if (properties != null) {
        problems.add(fieldPath + ": unknown field (declared: " + names(properties) + ")");
      }
      // Neither properties nor additionalProperties: a free-form object (google.protobuf.Struct).
    }
  }

  private static boolean contains(JsonNode values, String text) {
    for (JsonNode v : values) {
      if (v.asText().equals(text)) {
        return true;
      }
    }
    return false;
  }

  private static String names(JsonNode properties) {
    StringBuilder names = new StringBuilder();
    properties.fieldNames().forEachRemaining(n -> names.append(names.length() == 0 ? "" : ", ").append(n));
    return names.toString();
  }
}
