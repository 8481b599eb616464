package dev.kfp4j.runtime.value;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads and writes the values of one Java type as JSON, streaming over jackson-core. Generated
 * entrypoints pass one for each input and output ({@code Codecs.INT}, {@code Codecs.list(Codecs.STRING)},
 * {@code Codecs.of(Point.class)}), so a component's JVM never builds an {@code ObjectMapper}.
 *
 * <p>The rules are {@link ValueCodec}'s: strict on the way in (no coercion between numbers, strings
 * and booleans, no fraction for an integer, no unknown or missing record component, no duplicate key,
 * no trailing content, no {@code null} for a primitive, a list element, a map value or a record
 * component) and canonical on the way out (map keys and record components sorted by name). A failure
 * names the type, the JSON path, the line and the column: {@code expected List<Integer> at $[1]
 * (line 1, column 4): Cannot coerce String value ("2") to `Integer` value}.
 *
 * @param <T> the Java type
 */
public abstract class Codec<T> {

  /** The one JSON factory of the component path: duplicate keys are an error. */
  static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final String display;
  private final boolean primitive;

  /** @param primitive whether the type is primitive: {@code null} is then no value of it, even at the top */
  Codec(String display, boolean primitive) {
    this.display = display;
    this.primitive = primitive;
  }

  /** Reads the value whose first token is the parser's current one (never {@code null}). */
  abstract T read(JsonParser parser, boolean kfpNumbers) throws IOException;

  /** Writes a non-null value. */
  abstract void write(JsonGenerator generator, T value) throws IOException;

  /** Reads one JSON value of this type from {@code in} (not closed). */
  public final T decode(InputStream in) throws ValueException {
    return decode(in, List.of());
  }

  /**
   * Reads the part of the JSON document in {@code in} (not closed) that {@code path} selects, a list
   * element by {@code Integer} index and an object member by {@code String} name in turn: element 3
   * of a list of records is {@code [3]}, its component {@code id} {@code [3, "id"]}. Errors name the
   * whole path ({@code expected Integer at $[3].id (line 1, column 40): …}); what follows the selected
   * part is not read.
   */
  public final T decode(InputStream in, List<?> path) throws ValueException {
    try (JsonParser parser = JSON.createParser(in)) {
      return decode(parser, false, path);
    } catch (ValueException e) {
      throw e;
    } catch (IOException e) {
      throw new ValueException("could not read: " + e.getMessage(), e);
    }
  }

  /** {@link #decode(InputStream, List)} of the document {@code json}. */
  public final T decode(String json, List<?> path) throws ValueException {
    try (JsonParser parser = JSON.createParser(json)) {
      return decode(parser, false, path);
    } catch (ValueException e) {
      throw e;
    } catch (IOException e) {
      throw new ValueException("could not read: " + e.getMessage(), e);
    }
  }

  /** Reads one JSON value of this type from {@code json}. */
  public final T decode(String json) throws ValueException {
    return decode(json, false);
  }

  /**
   * Reads one JSON value as Kubeflow Pipelines passes it: its numbers are doubles, so an integral one
   * ({@code 6.0}) is accepted where an integer is expected.
   */
  public final T decodeKfp(String json) throws ValueException {
    return decode(json, true);
  }

  private T decode(String json, boolean kfpNumbers) throws ValueException {
    try (JsonParser parser = JSON.createParser(json)) {
      return decode(parser, kfpNumbers, List.of());
    } catch (ValueException e) {
      throw e;
    } catch (IOException e) {
      throw new ValueException("could not read: " + e.getMessage(), e);
    }
  }

  private T decode(JsonParser parser, boolean kfpNumbers, List<?> path) throws IOException {
    try {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new Mismatch("$", null, "No content to map due to end-of-input");
      }
      for (Object step : path) {
        first = select(parser, step);
      }
      T value;
      if (first == JsonToken.VALUE_NULL) {
        if (primitive) {
          throw new Mismatch(parser, "Cannot map `null` into type `" + display + "`");
        }
        value = null;
      } else {
        value = read(parser, kfpNumbers);
      }
      JsonToken trailing = path.isEmpty() ? parser.nextToken() : null;
      if (trailing != null) {
        throw new Mismatch("$", parser.currentTokenLocation(),
            "Trailing token (of type " + trailing + ") found after value (bound as `" + display + "`)");
      }
      return value;
    } catch (Mismatch e) {
      throw new ValueException("expected " + display + " at " + e.path + where(e.location) + ": " + e.getMessage(), e);
    } catch (InputCoercionException e) {
      // A number out of the type's range: jackson-core's message says which ("out of range of int").
      throw new ValueException("expected " + display + " at " + path(parser.getParsingContext(), "")
          + where(parser.currentTokenLocation()) + ": " + firstLine(e.getOriginalMessage()), e);
    } catch (StreamReadException e) {
      throw new ValueException("expected " + display + " at " + path(parser.getParsingContext(), "")
          + where(e.getLocation()) + ": malformed JSON: " + ValueCodec.withoutContent(firstLine(e.getOriginalMessage())), e);
    }
  }

  /** Moves the parser from the start of a list or object to its element or member {@code step}; returns its first token. */
  private static JsonToken select(JsonParser parser, Object step) throws IOException {
    if (step instanceof Integer index) {
      if (parser.currentToken() != JsonToken.START_ARRAY) {
        throw new Mismatch(parser, "element " + index + " was selected, but the value here is not a list");
      }
      for (int i = 0; ; i++) {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.END_ARRAY) {
          throw new Mismatch(path(parser.getParsingContext(), "[" + index + "]"), parser.currentTokenLocation(),
              "no element " + index + ": the list has " + i + (i == 1 ? " element" : " elements"));
        }
        if (i == index) {
          return token;
        }
        parser.skipChildren();
      }
    }
    String name = (String) step;
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw new Mismatch(parser, "component '" + name + "' was selected, but the value here is not an object");
    }
    for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
      boolean found = name.equals(parser.currentName());
      JsonToken value = parser.nextToken();
      if (found) {
        return value;
      }
      parser.skipChildren();
    }
    throw new Mismatch(path(parser.getParsingContext(), "." + name), parser.currentTokenLocation(),
        "no component '" + name + "'");
  }

  /** Writes {@code value} as JSON to {@code out}; flushes, does not close it. */
  public final void encode(T value, OutputStream out) throws ValueException {
    try (JsonGenerator generator = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      if (value == null) {
        generator.writeNull();
      } else {
        write(generator, value);
      }
    } catch (NullValue e) {
      throw new ValueException("could not write " + display + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ValueException("could not write " + display + ": " + e.getMessage(), e);
    }
  }

  /** {@code value} as its JSON bytes. */
  public final byte[] encode(T value) throws ValueException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    encode(value, out);
    return out.toByteArray();
  }

  /** {@code value} as its JSON text. */
  public final String encodeToString(T value) throws ValueException {
    return new String(encode(value), StandardCharsets.UTF_8);
  }

  /** The type as a reader writes it: {@code List<Integer>}, {@code com.example.Point}. */
  @Override
  public final String toString() {
    return display;
  }

  static String where(JsonLocation location) {
    return location == null || location.getLineNr() < 1 ? ""
        : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  /** The JSON path of a parser (or generator) context ({@code $.points[2].x}), plus {@code suffix}. */
  static String path(JsonStreamContext context, String suffix) {
    StringBuilder path = new StringBuilder("$");
    appendContext(context, path);
    return path.append(suffix).toString();
  }

  private static void appendContext(JsonStreamContext context, StringBuilder path) {
    if (context == null || context.inRoot()) {
      return;
    }
    appendContext(context.getParent(), path);
    if (context.inObject() && context.getCurrentName() != null) {
      path.append('.').append(context.getCurrentName());
    } else if (context.inArray() && context.getCurrentIndex() >= 0) {
      path.append('[').append(context.getCurrentIndex()).append(']');
    }
  }

  static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** A JSON value that is well-formed but not a value of the expected type; carries where it is. */
  static final class Mismatch extends IOException {
    private static final long serialVersionUID = 1L;
    final String path;
    final transient JsonLocation location;

    /** At the parser's current token. */
    Mismatch(JsonParser parser, String message) {
      this(path(valueContext(parser), ""), parser.currentTokenLocation(), message);
    }

    /** The context the current value sits in: an array or object token has already opened its own. */
    private static JsonStreamContext valueContext(JsonParser parser) {
      JsonToken token = parser.currentToken();
      return token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT
          ? parser.getParsingContext().getParent() : parser.getParsingContext();
    }

    Mismatch(String path, JsonLocation location, String message) {
      super(message);
      this.path = path;
      this.location = location;
    }
  }

  /** A value about to be written holds a {@code null} where JSON needs a value. */
  static final class NullValue extends IOException {
    private static final long serialVersionUID = 1L;

    NullValue(String message) {
      super(message);
    }
  }
}
