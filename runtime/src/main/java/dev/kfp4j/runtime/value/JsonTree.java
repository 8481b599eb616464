package dev.kfp4j.runtime.value;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small JSON documents of the component protocol (contexts, {@code --contexts}, {@code --inputs}, KFP's
 * executor input) as plain Java values, read with jackson-core alone: an object is a
 * {@code Map<String, Object>} in document order, an array a {@code List<Object>}, a string a
 * {@code String}, {@code true}/{@code false} a {@code Boolean}, a number a {@link JsonNumber} (its
 * text, unchanged) and {@code null} {@link #NULL}. Duplicate keys are an error.
 */
public final class JsonTree {

  /** JSON's {@code null}. */
  public static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  /** A JSON number, exactly as written. */
  public record JsonNumber(String text) {}

  private JsonTree() {}

  /** The strict factory the component path reads and writes JSON with. */
  public static JsonFactory factory() {
    return Codec.JSON;
  }

  /**
   * Parses one JSON document.
   *
   * @throws com.fasterxml.jackson.core.JsonProcessingException if it is not well-formed (with its location)
   */
  public static Object parse(String json) throws IOException {
    try (JsonParser parser = Codec.JSON.createParser(json)) {
      return parse(parser);
    }
  }

  /**
   * Parses one JSON document from {@code in}.
   *
   * @throws com.fasterxml.jackson.core.JsonProcessingException if it is not well-formed (with its location)
   */
  public static Object parse(java.io.InputStream in) throws IOException {
    try (JsonParser parser = Codec.JSON.createParser(in)) {
      return parse(parser);
    }
  }

  private static Object parse(JsonParser parser) throws IOException {
    JsonToken first = parser.nextToken();
    if (first == null) {
      return null;
    }
    Object tree = read(parser);
    JsonToken trailing = parser.nextToken();
    if (trailing != null) {
      throw new com.fasterxml.jackson.core.JsonParseException(parser,
          "Trailing token (of type " + trailing + ") found after value", parser.currentTokenLocation());
    }
    return tree;
  }

  private static Object read(JsonParser parser) throws IOException {
    switch (parser.currentToken()) {
      case START_OBJECT: {
        Map<String, Object> object = new LinkedHashMap<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
          String name = parser.currentName();
          parser.nextToken();
          object.put(name, read(parser));
        }
        return object;
      }
      case START_ARRAY: {
        List<Object> array = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
          array.add(read(parser));
        }
        return array;
      }
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return new JsonNumber(parser.getText());
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return NULL;
      default:
        throw new IllegalStateException("unexpected token " + parser.currentToken());
    }
  }

  /** The kind of a node as messages name it: OBJECT, ARRAY, STRING, NUMBER, BOOLEAN or NULL. */
  public static String kind(Object node) {
    if (node instanceof Map<?, ?>) {
      return "OBJECT";
    } else if (node instanceof List<?>) {
      return "ARRAY";
    } else if (node instanceof String) {
      return "STRING";
    } else if (node instanceof JsonNumber) {
      return "NUMBER";
    } else if (node instanceof Boolean) {
      return "BOOLEAN";
    }
    return "NULL";
  }

  /** The node as compact JSON. */
  public static String write(Object node) {
    StringWriter text = new StringWriter();
    try (JsonGenerator generator = Codec.JSON.createGenerator(text)) {
      write(generator, node);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return text.toString();
  }

  /** Writes the node with {@code generator}. */
  public static void write(JsonGenerator generator, Object node) throws IOException {
    if (node instanceof Map<?, ?> object) {
      generator.writeStartObject();
      for (Map.Entry<?, ?> entry : object.entrySet()) {
        generator.writeFieldName((String) entry.getKey());
        write(generator, entry.getValue());
      }
      generator.writeEndObject();
    } else if (node instanceof List<?> array) {
      generator.writeStartArray();
      for (Object item : array) {
        write(generator, item);
      }
      generator.writeEndArray();
    } else if (node instanceof String text) {
      generator.writeString(text);
    } else if (node instanceof JsonNumber number) {
      generator.writeNumber(number.text());
    } else if (node instanceof Boolean bool) {
      generator.writeBoolean(bool);
    } else {
      generator.writeNull();
    }
  }
}
