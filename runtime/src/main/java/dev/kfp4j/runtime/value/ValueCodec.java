package dev.kfp4j.runtime.value;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Java values ↔ JSON, the wire format of every value kfp4j stores. Strict on the way in (no
 * coercion of {@code "5"} to 5 or of 2.5 to 2, no unknown record fields, no null for a primitive,
 * no trailing content) and canonical on the way out (map keys sorted), so the same value always has
 * the same bytes.
 */
public final class ValueCodec {

  private static final ValueCodec INSTANCE = new ValueCodec();

  private final ObjectMapper mapper;

  private ValueCodec() {
    JsonMapper mapper = JsonMapper.builder()
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .build();
    // ALLOW_COERCION_OF_SCALARS does not stop 5, 2.5 or true from becoming a String. (Set here
    // rather than with the builder's lambda: every lambda costs start-up time in each container.)
    mapper.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    // No null anywhere in a value: not as a list element, a map value or a record component. Java
    // code receiving [1,null] as List<Integer> fails later with a NullPointerException blamed on it.
    mapper.setDefaultSetterInfo(JsonSetter.Value.construct(Nulls.FAIL, Nulls.FAIL));
    this.mapper = mapper;
  }

  /**
   * The failure for a JSON {@code null} where a value is needed, at JSON path {@code path}
   * ({@code $[1]}, {@code $.points[0].x}, optionally followed by {@code " (line 1, column 4)"}). Every
   * decoder of kfp4j values reports a null this way.
   */
  public static ValueException nullValue(ValueType<?> type, String path) {
    return new ValueException("expected " + type + " at " + path + ": a value cannot be null (not a list element, a "
        + "map value, a record component or the value itself); pass a value there", null);
  }

  /** The shared codec. */
  public static ValueCodec get() {
    return INSTANCE;
  }

  /**
   * A value read with jackson-core alone ({@link JsonTree}: a String, number, Boolean, List or Map) as a
   * jackson-databind tree, for the tools that work with those: through its stored bytes
   * ({@link ParameterValues#canonicalJson}), so both forms stand for the same stored value.
   */
  public JsonNode node(Object tree) {
    try {
      return mapper.readTree(ParameterValues.canonicalJson(tree));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed value does not read back: " + e.getOriginalMessage(), e);
    }
  }

  /** A jackson-databind tree as a {@link JsonTree} value, what the step programs store ({@link #node} back). */
  public Object tree(JsonNode node) throws IOException {
    return JsonTree.parse(mapper.writeValueAsString(node));
  }

  /** The underlying mapper, for runtime code that reads JSON documents (contexts, executor input). */
  public ObjectMapper mapper() {
    return mapper;
  }

  /** Reads one JSON value of the given type from {@code in}. */
  public <T> T decode(InputStream in, ValueType<T> type) throws ValueException {
    try {
      return notNull(mapper.readValue(in, this.<T>javaType(type)), type);
    } catch (InvalidNullException e) {
      throw nullValue(type, pathOf(e) + where(e));
    } catch (JsonProcessingException e) {
      throw new ValueException(describe(e, type), e);
    } catch (IOException e) {
      throw new ValueException("could not read: " + e.getMessage(), e);
    }
  }

  /** Converts an already parsed JSON value (as in KFP's executor input) to the given type. */
  public <T> T decode(JsonNode json, ValueType<T> type) throws ValueException {
    try {
      return notNull(mapper.treeToValue(json, this.<T>javaType(type)), type);
    } catch (InvalidNullException e) {
      throw nullValue(type, pathOf(e) + where(e));
    } catch (JsonProcessingException e) {
      throw new ValueException(describe(e, type), e);
    } catch (IllegalArgumentException e) {
      throw new ValueException("expected " + type + ": " + e.getMessage(), e);
    }
  }

  /** Writes {@code value} as JSON to {@code out}; does not close it. */
  public <T> void encode(T value, ValueType<T> type, OutputStream out) throws ValueException {
    try {
      mapper.writerFor(this.<T>javaType(type)).writeValue(new NonClosing(out), value);
    } catch (IOException e) {
      throw new ValueException("could not write " + type + ": " + e.getMessage(), e);
    }
  }

  /** {@code value} as a JSON tree, canonical as {@link #encode} writes it. */
  public <T> JsonNode toTree(T value, ValueType<T> type) throws ValueException {
    try {
      return mapper.readTree(mapper.writerFor(this.<T>javaType(type)).writeValueAsBytes(value));
    } catch (IOException e) {
      throw new ValueException("could not convert " + type + " to JSON: " + e.getMessage(), e);
    }
  }

  private static <T> T notNull(T value, ValueType<T> type) throws ValueException {
    if (value == null) {
      throw nullValue(type, "$");
    }
    return value;
  }

  private <T> JavaType javaType(ValueType<T> type) {
    return mapper.getTypeFactory().constructType(type.type());
  }

  /** "expected List<Integer> at $[1] (line 1, column 5): …", or "… malformed JSON …" for a syntax error. */
  private static String describe(JsonProcessingException e, ValueType<?> type) {
    String where = where(e);
    if (e instanceof JsonParseException) {
      // Never echo what the object holds: an unparsable object may be a file that is not a value at all.
      return "expected " + type + " at " + pathOf(e) + where + ": malformed JSON: "
          + withoutContent(withoutConfigHints(Codec.firstLine(e.getOriginalMessage())));
    }
    return "expected " + type + " at " + pathOf(e) + where + ": " + withoutConfigHints(Codec.firstLine(e.getOriginalMessage()));
  }

  /** " (line 1, column 5)", or nothing for a tree being converted (executor input), which has no text position. */
  private static String where(JsonProcessingException e) {
    return e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
        : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
  }

  /**
   * Drops Jackson's advice to change mapper settings ("(but might if coercion using `CoercionConfig`
   * was enabled)", "not allowed as per `DeserializationFeature…`"): a component's author cannot act on
   * it, and the strictness is deliberate.
   */
  static String withoutConfigHints(String message) {
    return message
        .replaceAll("\\s*\\((but|set|disable|enable)\\b[^()]*(CoercionConfig|DeserializationFeature|MapperFeature)[^()]*\\)", "")
        .replaceAll("[:;]\\s*(not allowed as per|disable|enable|set)?\\s*`?(DeserializationConfig\\.)?(DeserializationFeature|MapperFeature)\\.[A-Z_]+`?( enabled| to (allow|'false' to allow))?", "")
        .trim();
  }

  /**
   * A parser message without the text it quotes from the input: {@code Unrecognized token 'hunter2'}
   * becomes {@code Unrecognized token}, {@code Unexpected character ('x' (code 120))} becomes
   * {@code Unexpected character (code 120)}.
   */
  static String withoutContent(String message) {
    return message
        .replaceAll("token '[^']*'(?=: was expecting)", "token")
        .replaceAll("\\('.{1,2}' \\((code \\d+)\\)\\)", "($1)");
  }

  /** The JSON path of the failure ({@code $.points[2].x}), from the mapping path or else the parser's position. */
  private static String pathOf(JsonProcessingException e) {
    StringBuilder path = new StringBuilder("$");
    // A mapping failure knows its path (empty: the root, e.g. trailing content); a syntax error
    // knows only where the parser stood.
    if (e instanceof JsonMappingException mapping) {
      for (JsonMappingException.Reference ref : mapping.getPath()) {
        if (ref.getFieldName() != null) {
          path.append('.').append(ref.getFieldName());
        } else if (ref.getIndex() >= 0) {
          path.append('[').append(ref.getIndex()).append(']');
        }
      }
    } else if (e.getProcessor() instanceof JsonParser parser) {
      return Codec.path(parser.getParsingContext(), "");
    }
    return path.toString();
  }

  /** Keeps Jackson from closing a stream the caller owns. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
