package dev.kfp4j.runtime.value;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link Codec}s of every type kfp4j passes between steps: the scalars as constants, lists and
 * maps composed from their element's codec, enums and records by their class. Generated entrypoints
 * name them directly ({@code Codecs.list(Codecs.INT_BOX)}); {@link #forType} derives one from a
 * reflected type.
 */
public final class Codecs {

  private Codecs() {}

  /** {@code int}. */
  public static final Codec<Integer> INT = new IntCodec("int", true);
  /** {@code Integer}. */
  public static final Codec<Integer> INT_BOX = new IntCodec("Integer", false);
  /** {@code long}. */
  public static final Codec<Long> LONG = new LongCodec("long", true);
  /** {@code Long}. */
  public static final Codec<Long> LONG_BOX = new LongCodec("Long", false);
  /** {@code double}. */
  public static final Codec<Double> DOUBLE = new DoubleCodec("double", true);
  /** {@code Double}. */
  public static final Codec<Double> DOUBLE_BOX = new DoubleCodec("Double", false);
  /** {@code float}. */
  public static final Codec<Float> FLOAT = new FloatCodec("float", true);
  /** {@code Float}. */
  public static final Codec<Float> FLOAT_BOX = new FloatCodec("Float", false);
  /** {@code boolean}. */
  public static final Codec<Boolean> BOOLEAN = new BooleanCodec("boolean", true);
  /** {@code Boolean}. */
  public static final Codec<Boolean> BOOLEAN_BOX = new BooleanCodec("Boolean", false);
  /** {@code String}. */
  public static final Codec<String> STRING = new StringCodec();

  /** {@code List<E>}: a JSON array; no element may be {@code null}. */
  public static <E> Codec<List<E>> list(Codec<E> element) {
    return new ListCodec<>(element);
  }

  /** {@code Map<String, V>}: a JSON object, written with its keys sorted; no value may be {@code null}. */
  public static <V> Codec<Map<String, V>> map(Codec<V> value) {
    return new MapCodec<>(value);
  }

  /** The codec of a class: a primitive, a box, {@code String}, an enum (by constant name) or a record (an object of its components). */
  @SuppressWarnings("unchecked")
  public static <T> Codec<T> of(Class<T> type) {
    return (Codec<T>) forType(type);
  }

  /**
   * The codec of a reflected type ({@code List<Map<String, Point>>}).
   *
   * @throws IllegalArgumentException if it is not a type kfp4j passes between steps
   */
  public static Codec<?> forType(Type type) {
    if (type instanceof Class<?> raw) {
      Codec<?> scalar = scalar(raw);
      if (scalar != null) {
        return scalar;
      }
      if (raw.isEnum()) {
        return enumCodec(raw);
      }
      if (raw.isRecord()) {
        return new RecordCodec<>(raw);
      }
    } else if (type instanceof ParameterizedType parameterized) {
      Type[] arguments = parameterized.getActualTypeArguments();
      if (parameterized.getRawType() == List.class) {
        return list(forType(arguments[0]));
      }
      if (parameterized.getRawType() == Map.class && arguments[0] == String.class) {
        return map(forType(arguments[1]));
      }
    }
    throw new IllegalArgumentException(type.getTypeName() + " is not a kfp4j value type (primitives and their boxes,"
        + " String, List<T>, Map<String, T>, enums and records of these)");
  }

  private static Codec<?> scalar(Class<?> type) {
    if (type == int.class) {
      return INT;
    } else if (type == Integer.class) {
      return INT_BOX;
    } else if (type == long.class) {
      return LONG;
    } else if (type == Long.class) {
      return LONG_BOX;
    } else if (type == double.class) {
      return DOUBLE;
    } else if (type == Double.class) {
      return DOUBLE_BOX;
    } else if (type == float.class) {
      return FLOAT;
    } else if (type == Float.class) {
      return FLOAT_BOX;
    } else if (type == boolean.class) {
      return BOOLEAN;
    } else if (type == Boolean.class) {
      return BOOLEAN_BOX;
    } else if (type == String.class) {
      return STRING;
    }
    return null;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Codec<?> enumCodec(Class<?> type) {
    return new EnumCodec(type);
  }

  /** "Cannot coerce String value ("5") to `int` value", as Jackson words it, for the parser's current token. */
  static Codec.Mismatch coercion(JsonParser parser, String target) throws IOException {
    JsonToken token = parser.currentToken();
    String found;
    switch (token) {
      case VALUE_STRING -> found = "String value (\"" + abbreviate(parser.getText()) + "\")";
      case VALUE_NUMBER_INT -> found = "Integer value (" + abbreviate(parser.getText()) + ")";
      case VALUE_NUMBER_FLOAT -> found = "Floating-point value (" + abbreviate(parser.getText()) + ")";
      case VALUE_TRUE, VALUE_FALSE -> found = "Boolean value (" + parser.getText() + ")";
      case START_ARRAY -> {
        return new Codec.Mismatch(parser, "Cannot deserialize value of type `" + target + "` from Array value");
      }
      case START_OBJECT -> {
        return new Codec.Mismatch(parser, "Cannot deserialize value of type `" + target + "` from Object value");
      }
      default -> found = token + " token";
    }
    return new Codec.Mismatch(parser, "Cannot coerce " + found + " to `" + target + "` value");
  }

  private static String abbreviate(String text) {
    return text.length() <= 100 ? text : text.substring(0, 100) + "…";
  }

  private static final class IntCodec extends Codec<Integer> {
    IntCodec(String display, boolean primitive) {
      super(display, primitive);
    }

    @Override
    Integer read(JsonParser parser, boolean kfpNumbers) throws IOException {
      if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
        return parser.getIntValue();
      }
      if (kfpNumbers && parser.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
        double value = parser.getDoubleValue();
        if (value == Math.rint(value) && value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
          return (int) value;
        }
      }
      throw coercion(parser, toString());
    }

    @Override
    void write(JsonGenerator generator, Integer value) throws IOException {
      generator.writeNumber(value.intValue());
    }
  }

  private static final class LongCodec extends Codec<Long> {
    LongCodec(String display, boolean primitive) {
      super(display, primitive);
    }

    @Override
    Long read(JsonParser parser, boolean kfpNumbers) throws IOException {
      if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
        return parser.getLongValue();
      }
      if (kfpNumbers && parser.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
        double value = parser.getDoubleValue();
        // Beyond 2^53 a double no longer holds every integer: such a value was not meant exactly.
        if (value == Math.rint(value) && Math.abs(value) < 9.007199254740992E15) {
          return (long) value;
        }
      }
      throw coercion(parser, toString());
    }

    @Override
    void write(JsonGenerator generator, Long value) throws IOException {
      generator.writeNumber(value.longValue());
    }
  }

  /** True for the strings Jackson writes for the doubles JSON has no number for. */
  private static boolean nonFinite(String text) {
    return text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity");
  }

  private static final class DoubleCodec extends Codec<Double> {
    DoubleCodec(String display, boolean primitive) {
      super(display, primitive);
    }

    @Override
    Double read(JsonParser parser, boolean kfpNumbers) throws IOException {
      JsonToken token = parser.currentToken();
      if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
        return parser.getDoubleValue();
      }
      if (token == JsonToken.VALUE_STRING && nonFinite(parser.getText())) {
        return Double.valueOf(parser.getText());
      }
      throw coercion(parser, toString());
    }

    @Override
    void write(JsonGenerator generator, Double value) throws IOException {
      generator.writeNumber(value.doubleValue());
    }
  }

  private static final class FloatCodec extends Codec<Float> {
    FloatCodec(String display, boolean primitive) {
      super(display, primitive);
    }

    @Override
    Float read(JsonParser parser, boolean kfpNumbers) throws IOException {
      JsonToken token = parser.currentToken();
      if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
        return parser.getFloatValue();
      }
      if (token == JsonToken.VALUE_STRING && nonFinite(parser.getText())) {
        return Float.valueOf(parser.getText());
      }
      throw coercion(parser, toString());
    }

    @Override
    void write(JsonGenerator generator, Float value) throws IOException {
      generator.writeNumber(value.floatValue());
    }
  }

  private static final class BooleanCodec extends Codec<Boolean> {
    BooleanCodec(String display, boolean primitive) {
      super(display, primitive);
    }

    @Override
    Boolean read(JsonParser parser, boolean kfpNumbers) throws IOException {
      JsonToken token = parser.currentToken();
      if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
        return token == JsonToken.VALUE_TRUE;
      }
      throw coercion(parser, toString());
    }

    @Override
    void write(JsonGenerator generator, Boolean value) throws IOException {
      generator.writeBoolean(value);
    }
  }

  private static final class StringCodec extends Codec<String> {
    StringCodec() {
      super("String", false);
    }

    @Override
    String read(JsonParser parser, boolean kfpNumbers) throws IOException {
      if (parser.currentToken() == JsonToken.VALUE_STRING) {
        return parser.getText();
      }
      throw coercion(parser, toString());
    }

    @Override
    void write(JsonGenerator generator, String value) throws IOException {
      generator.writeString(value);
    }
  }

  private static final class EnumCodec<E extends Enum<E>> extends Codec<E> {
    private final Map<String, E> byName = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    EnumCodec(Class<E> type) {
      super(type.getTypeName(), false);
      for (E constant : type.getEnumConstants()) {
        byName.put(constant.name(), constant);
        names.add(constant.name());
      }
    }

    @Override
    E read(JsonParser parser, boolean kfpNumbers) throws IOException {
      if (parser.currentToken() != JsonToken.VALUE_STRING) {
        throw coercion(parser, toString());
      }
      E value = byName.get(parser.getText());
      if (value == null) {
        throw new Codec.Mismatch(parser, "Cannot deserialize value of type `" + this + "` from String \""
            + abbreviate(parser.getText()) + "\": not one of the values accepted for Enum class: " + names);
      }
      return value;
    }

    @Override
    void write(JsonGenerator generator, E value) throws IOException {
      generator.writeString(value.name());
    }
  }

  private static final class ListCodec<E> extends Codec<List<E>> {
    private final Codec<E> element;

    ListCodec(Codec<E> element) {
      super("List<" + element + ">", false);
      this.element = element;
    }

    @Override
    List<E> read(JsonParser parser, boolean kfpNumbers) throws IOException {
      if (parser.currentToken() != JsonToken.START_ARRAY) {
        throw coercion(parser, toString());
      }
      List<E> list = new ArrayList<>();
      for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
        if (token == JsonToken.VALUE_NULL) {
          throw new Codec.Mismatch(parser, "a list element cannot be null (a " + element + " is needed)");
        }
        list.add(element.read(parser, kfpNumbers));
      }
      return list;
    }

    @Override
    void write(JsonGenerator generator, List<E> value) throws IOException {
      generator.writeStartArray();
      for (int i = 0; i < value.size(); i++) {
        E item = value.get(i);
        if (item == null) {
          throw new Codec.NullValue("element [" + i + "] of the list is null; a list element cannot be null");
        }
        element.write(generator, item);
      }
      generator.writeEndArray();
    }
  }

  private static final class MapCodec<V> extends Codec<Map<String, V>> {
    private final Codec<V> value;

    MapCodec(Codec<V> value) {
      super("Map<String, " + value + ">", false);
      this.value = value;
    }

    @Override
    Map<String, V> read(JsonParser parser, boolean kfpNumbers) throws IOException {
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        throw coercion(parser, toString());
      }
      Map<String, V> map = new LinkedHashMap<>();
      for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
        String key = parser.currentName();
        if (parser.nextToken() == JsonToken.VALUE_NULL) {
          throw new Codec.Mismatch(parser, "a map value cannot be null (a " + value + " is needed)");
        }
        map.put(key, value.read(parser, kfpNumbers));
      }
      return map;
    }

    @Override
    void write(JsonGenerator generator, Map<String, V> map) throws IOException {
      String[] keys = new String[map.size()];
      int n = 0;
      for (Map.Entry<String, V> entry : map.entrySet()) {
        if (entry.getKey() == null) {
          throw new Codec.NullValue("a map key is null");
        }
        if (entry.getValue() == null) {
          throw new Codec.NullValue("the value of map key '" + entry.getKey() + "' is null; a map value cannot be null");
        }
        keys[n++] = entry.getKey();
      }
      Arrays.sort(keys);
      generator.writeStartObject();
      for (String key : keys) {
        generator.writeFieldName(key);
        value.write(generator, map.get(key));
      }
      generator.writeEndObject();
    }
  }
}
