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
  public record JsonNumber(String text) {
    /** Whether it is written without fraction or exponent, as jackson-databind reads an integral number. */
    public boolean isIntegral() {
      return text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
    }
  }

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

  /**
   * What is wrong with a document that is not well-formed JSON, and where, for a message that begins with what was
   * read: {@code " (line 1, column 5): Unexpected end-of-input: expected close marker for Array (start marker at line 1,
   * column 1)"}. The first line of the parser's message, with the locations in it given as line and column only.
   */
  public static String problem(com.fasterxml.jackson.core.JsonProcessingException e) {
    com.fasterxml.jackson.core.JsonLocation location = e.getLocation();
    String where = location == null || location.getLineNr() < 1 ? ""
        : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    int newline = message.indexOf('\n');
    message = newline < 0 ? message : message.substring(0, newline);
    // "[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1]" -> "line 1,
    // column 1" (no regular expression: a step's JVM compiles none).
    StringBuilder out = new StringBuilder(where).append(": ");
    int from = 0;
    for (int source = message.indexOf("[Source: "); source >= 0; source = message.indexOf("[Source: ", from)) {
      int line = message.indexOf("; line: ", source);
      int end = line < 0 ? -1 : message.indexOf(']', line);
      if (end < 0) {
        break;
      }
      out.append(message, from, source).append("line ")
          .append(message.substring(line + "; line: ".length(), end).replace(", column: ", ", column "));
      from = end + 1;
    }
    return out.append(message.substring(from)).toString();
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
    return write(node, false);
  }

  /**
   * The node as compact JSON; with {@code databindNumbers}, an integral number in plain digits and any other as a
   * {@code double}, as jackson-databind writes a tree it read ({@link ParameterValues#canonicalJson}).
   */
  static String write(Object node, boolean databindNumbers) {
    StringWriter text = new StringWriter();
    try (JsonGenerator generator = Codec.JSON.createGenerator(text)) {
      write(generator, node, databindNumbers);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return text.toString();
  }

  /** Writes the node with {@code generator}. */
  public static void write(JsonGenerator generator, Object node) throws IOException {
    write(generator, node, false);
  }

  private static void write(JsonGenerator generator, Object node, boolean databindNumbers) throws IOException {
    if (node instanceof Map<?, ?> object) {
      generator.writeStartObject();
      for (Map.Entry<?, ?> entry : object.entrySet()) {
        generator.writeFieldName((String) entry.getKey());
        write(generator, entry.getValue(), databindNumbers);
      }
      generator.writeEndObject();
    } else if (node instanceof List<?> array) {
      generator.writeStartArray();
      for (Object item : array) {
        write(generator, item, databindNumbers);
      }
      generator.writeEndArray();
    } else if (node instanceof String text) {
      generator.writeString(text);
    } else if (node instanceof JsonNumber number && databindNumbers) {
      if (number.isIntegral()) {
        generator.writeNumber(new java.math.BigInteger(number.text()));
      } else {
        generator.writeNumber(Double.parseDouble(number.text()));
      }
    } else if (node instanceof JsonNumber number) {
      generator.writeNumber(number.text());
    } else if (node instanceof Boolean bool) {
      generator.writeBoolean(bool);
    } else {
      generator.writeNull();
    }
  }
}
