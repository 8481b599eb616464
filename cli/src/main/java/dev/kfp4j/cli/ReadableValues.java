package dev.kfp4j.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** Values as a person reads them: a string as its text (no JSON quotes), anything else as JSON. */
final class ReadableValues {

  private ReadableValues() {}

  static String of(JsonNode value) {
    return value.isTextual() ? value.textValue() : value.toString();
  }
}
