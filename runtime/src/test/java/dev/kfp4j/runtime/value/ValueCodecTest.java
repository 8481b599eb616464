package dev.kfp4j.runtime.value;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The value codec: round trips of every supported type, the same bytes whatever the map order, and strict
 * decoding (no coercion between numbers, booleans and strings, exact records and enums, duplicate keys and
 * trailing content refused) with messages that name the path and leave out Jackson's advice.
 */
class ValueCodecTest {

  enum Coin { HEADS, TAILS }

  record Point(int x, int y) {}

  record Stats(double mean, List<Point> points, Map<String, Coin> coins, String label) {}

  private static final ValueCodec CODEC = ValueCodec.get();

  private static <T> String encode(T value, ValueType<T> type) throws ValueException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CODEC.encode(value, type, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static <T> T decode(String json, ValueType<T> type) throws ValueException {
    return CODEC.decode(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), type);
  }

  private static String failure(String json, ValueType<?> type) {
    return assertThrows(ValueException.class, () -> decode(json, type)).getMessage();
  }

  static Stream<Arguments> roundTrips() {
    Map<String, Integer> unsorted = new LinkedHashMap<>();
    unsorted.put("b", 2);
    unsorted.put("a", 1);
    return Stream.of(
        Arguments.of(ValueType.of(int.class), 6, "6"),
        Arguments.of(ValueType.of(Integer.class), -7, "-7"),
        Arguments.of(ValueType.of(long.class), 9_007_199_254_740_993L, "9007199254740993"),
        Arguments.of(ValueType.of(Long.class), Long.MIN_VALUE, "-9223372036854775808"),
        Arguments.of(ValueType.of(double.class), 2.0, "2.0"),
        Arguments.of(ValueType.of(Double.class), 0.1, "0.1"),
        Arguments.of(ValueType.of(double.class), Double.NaN, "\"NaN\""),
        Arguments.of(ValueType.of(double.class), Double.NEGATIVE_INFINITY, "\"-Infinity\""),
        Arguments.of(ValueType.of(float.class), 0.1f, "0.1"),
        Arguments.of(ValueType.of(Float.class), 1.5f, "1.5"),
        Arguments.of(ValueType.of(boolean.class), true, "true"),
        Arguments.of(ValueType.of(Boolean.class), false, "false"),
        Arguments.of(ValueType.of(String.class), "héllo \"q\"\n", "\"héllo \\\"q\\\"\\n\""),
        Arguments.of(ValueType.of(Coin.class), Coin.TAILS, "\"TAILS\""),
        Arguments.of(new ValueType<List<Integer>>() {}, List.of(1, 2, 3), "[1,2,3]"),
        Arguments.of(new ValueType<Map<String, Integer>>() {}, unsorted, "{\"a\":1,\"b\":2}"),
        Arguments.of(ValueType.of(Point.class), new Point(1, 2), "{\"x\":1,\"y\":2}"),
        Arguments.of(new ValueType<List<List<String>>>() {}, List.of(List.of("a"), List.of()), "[[\"a\"],[]]"),
        Arguments.of(ValueType.of(Stats.class),
            new Stats(2.5, List.of(new Point(3, 4)), new TreeMap<>(Map.of("z", Coin.HEADS, "a", Coin.TAILS)), "s"),
            "{\"coins\":{\"a\":\"TAILS\",\"z\":\"HEADS\"},\"label\":\"s\",\"mean\":2.5,\"points\":[{\"x\":3,\"y\":4}]}"));
  }

  @ParameterizedTest
  @MethodSource("roundTrips")
  <T> void roundTrip(ValueType<T> type, T value, String json) throws Exception {
    assertEquals(json, encode(value, type));
    T decoded = decode(json, type);
    if (value instanceof Double d && d.isNaN()) {
      assertTrue(((Double) decoded).isNaN());
    } else {
      assertEquals(value, decoded);
    }
    assertEquals(CODEC.mapper().readTree(json), CODEC.toTree(value, type));
  }

  @Test
  void sameValueSameBytesWhateverTheMapOrder() throws Exception {
    Map<String, Point> one = new LinkedHashMap<>();
    one.put("b", new Point(1, 1));
    one.put("a", new Point(2, 2));
    Map<String, Point> two = new TreeMap<>(one);
    ValueType<Map<String, Point>> type = new ValueType<>() {};
    assertArrayEquals(encode(one, type).getBytes(StandardCharsets.UTF_8), encode(two, type).getBytes(StandardCharsets.UTF_8));
    assertEquals("{\"a\":{\"x\":2,\"y\":2},\"b\":{\"x\":1,\"y\":1}}", encode(one, type));
  }

  @Test
  void integersWidenToDoubles() throws Exception {
    assertEquals(5.0, decode("5", ValueType.of(double.class)));
    assertEquals(List.of(1.0, 2.5), decode("[1,2.5]", new ValueType<List<Double>>() {}));
  }

  @Test
  void decodingDoesNotCloseTheCallersStreamOnEncode() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream() {
      @Override
      public void close() {
        throw new AssertionError("closed");
      }
    };
    CODEC.encode(List.of(1), new ValueType<List<Integer>>() {}, out);
    assertEquals("[1]", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aStringIsNotAnInt() {
    assertEquals("expected int at $ (line 1, column 1): Cannot coerce String value (\"5\") to `int` value",
        failure("\"5\"", ValueType.of(int.class)));
  }

  @Test
  void aFractionIsNotAnInt() {
    String message = failure("2.5", ValueType.of(int.class));
    assertTrue(message.startsWith("expected int at $ (line 1, column 1): Cannot coerce Floating-point value (2.5)"), message);
    assertTrue(failure("[1,2.0]", new ValueType<List<Integer>>() {}).startsWith("expected List<Integer> at $[1] "));
  }

  @Test
  void anIntOutOfRangeNamesTheType() {
    String message = failure("3000000000", ValueType.of(int.class));
    assertTrue(message.startsWith("expected int at $ (line 1, column "), message);
    assertTrue(message.contains("out of range of int"), message);
    String nested = failure("{\"x\":3000000000,\"y\":1}", ValueType.of(Point.class));
    assertTrue(nested.startsWith("expected dev.kfp4j.runtime.value.ValueCodecTest$Point at $.x "), nested);
  }

  @Test
  void numbersBooleansAndStringsDoNotCoerceIntoEachOther() {
    assertTrue(failure("5", ValueType.of(String.class)).startsWith("expected String at $ "));
    assertTrue(failure("true", ValueType.of(String.class)).startsWith("expected String at $ "));
    assertTrue(failure("\"true\"", ValueType.of(boolean.class)).startsWith("expected boolean at $ "));
    assertTrue(failure("1", ValueType.of(Boolean.class)).startsWith("expected Boolean at $ "));
    assertTrue(failure("[\"a\",2]", new ValueType<List<String>>() {}).startsWith("expected List<String> at $[1] "));
  }

  @Test
  void nullIsNotAPrimitive() {
    assertTrue(failure("null", ValueType.of(int.class)).startsWith("expected int at $ "));
    String nested = failure("{\"mean\":null,\"points\":[],\"coins\":{},\"label\":\"x\"}", ValueType.of(Stats.class));
    assertTrue(nested.startsWith("expected dev.kfp4j.runtime.value.ValueCodecTest$Stats at $.mean "), nested);
  }

  @Test
  void recordsMustMatchExactly() {
    String unknown = failure("{\"points\":[{\"x\":1,\"y\":2,\"z\":3}],\"mean\":1,\"coins\":{},\"label\":\"l\"}",
        ValueType.of(Stats.class));
    assertTrue(unknown.startsWith("expected dev.kfp4j.runtime.value.ValueCodecTest$Stats at $.points[0].z "), unknown);
    assertTrue(unknown.contains("Unrecognized field \"z\""), unknown);
    String missing = failure("{\"x\":1}", ValueType.of(Point.class));
    assertTrue(missing.startsWith("expected dev.kfp4j.runtime.value.ValueCodecTest$Point at $.y "), missing);
    assertTrue(missing.contains("Missing creator property 'y'"), missing);
  }

  @Test
  void enumsByExactNameOnly() {
    assertTrue(failure("\"heads\"", ValueType.of(Coin.class)).contains("not one of the values accepted for Enum class: [HEADS, TAILS]"));
    assertTrue(failure("1", ValueType.of(Coin.class)).startsWith("expected dev.kfp4j.runtime.value.ValueCodecTest$Coin at $ "));
  }

  @Test
  void jacksonsAdviceToChangeItsSettingsIsLeftOut() {
    for (String json : new String[] {"null", "\"5\"", "2.5", "1 2"}) {
      String message = failure(json, ValueType.of(int.class));
      assertTrue(!message.contains("CoercionConfig") && !message.contains("DeserializationFeature")
          && !message.contains("DeserializationConfig"), message);
    }
    assertEquals("Cannot map `null` into type `int`", ValueCodec.withoutConfigHints("Cannot map `null` into type `int`"
        + " (set DeserializationConfig.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES to 'false' to allow)"));
    assertEquals("Trailing token (of type VALUE_NUMBER_INT) found after value (bound as `int`)",
        ValueCodec.withoutConfigHints("Trailing token (of type VALUE_NUMBER_INT) found after value (bound as `int`): "
            + "not allowed as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`"));
    assertEquals("Cannot deserialize value of type `E` from number 1: not allowed to deserialize Enum value out of number",
        ValueCodec.withoutConfigHints("Cannot deserialize value of type `E` from number 1: not allowed to deserialize Enum"
            + " value out of number: disable DeserializationConfig.DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS to allow"));
    assertEquals("Missing creator property 'y' (index 1)", ValueCodec.withoutConfigHints(
        "Missing creator property 'y' (index 1); `DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES` enabled"));
  }

  @Test
  void trailingContent() {
    String message = failure("[1,2] [3]", new ValueType<List<Integer>>() {});
    assertTrue(message.startsWith("expected List<Integer> at $ "), message);
    assertTrue(message.contains("Trailing token"), message);
  }

  @Test
  void duplicateKeysNameTheirPath() {
    String message = failure("{\"a\":{\"x\":1,\"x\":2,\"y\":3}}", new ValueType<Map<String, Point>>() {});
    assertTrue(message.startsWith("expected Map<String, dev.kfp4j.runtime.value.ValueCodecTest$Point> at $.a.x (line 1, column "),
        message);
    assertTrue(message.contains("malformed JSON: Duplicate field 'x'"), message);
  }

  @Test
  void malformedJson() {
    String message = failure("[1,2", new ValueType<List<Integer>>() {});
    assertTrue(message.startsWith("expected List<Integer> at $"), message);
    assertTrue(message.contains("malformed JSON: Unexpected end-of-input"), message);
    assertTrue(failure("", ValueType.of(int.class)).contains("No content"));
  }

  @Test
  void decodingATreeIsAsStrict() throws Exception {
    assertEquals(List.of(1, 2), CODEC.decode(CODEC.mapper().readTree("[1,2]"), new ValueType<List<Integer>>() {}));
    String message = assertThrows(ValueException.class,
        () -> CODEC.decode(CODEC.mapper().readTree("[1,\"2\"]"), new ValueType<List<Integer>>() {})).getMessage();
    assertTrue(message.startsWith("expected List<Integer> at $[1]: Cannot coerce String value"), message);
  }

  @Test
  void valueTypesCaptureTheFullType() {
    assertEquals("List<Integer>", new ValueType<List<Integer>>() {}.toString());
    assertEquals("Map<String, List<Long>>", new ValueType<Map<String, List<Long>>>() {}.toString());
    assertEquals("int", ValueType.of(int.class).toString());
    assertEquals(new ValueType<List<Integer>>() {}, new ValueType<List<Integer>>() {});
    assertEquals(ValueType.of(String.class), new ValueType<String>() {});
  }

  @Test
  void aValueTypeOfATypeVariableIsRefused() {
    assertThrows(IllegalStateException.class, ValueCodecTest::<String>captureVariable);
  }

  private static <T> ValueType<List<T>> captureVariable() {
    return new ValueType<List<T>>() {};
  }
}
