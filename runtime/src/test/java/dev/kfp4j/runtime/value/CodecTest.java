package dev.kfp4j.runtime.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The streaming codecs of the component path: the same values, bytes and strictness as {@link ValueCodec}. */
class CodecTest {

  enum Coin { HEADS, TAILS }

  record Point(int x, int y) {}

  record Stats(double mean, List<Point> points, Map<String, Coin> coins, String label) {}

  record Tree(String name, List<Tree> children) {}

  record Positive(int value) {
    Positive {
      if (value <= 0) {
        throw new IllegalArgumentException("value must be positive, got " + value);
      }
    }
  }

  private static <T> T decode(String json, Codec<T> codec) throws ValueException {
    return codec.decode(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static String failure(String json, Codec<?> codec) {
    return assertThrows(ValueException.class, () -> decode(json, codec)).getMessage();
  }

  /** Every round trip of ValueCodecTest, through the codec of the same reflected type. */
  static Stream<org.junit.jupiter.params.provider.Arguments> roundTrips() {
    return ValueCodecTest.roundTrips();
  }

  @ParameterizedTest
  @MethodSource("roundTrips")
  @SuppressWarnings("unchecked")
  <T> void sameBytesAndValuesAsTheDatabindCodec(ValueType<T> type, T value, String json) throws Exception {
    Codec<T> codec = (Codec<T>) Codecs.forType(type.type());
    assertEquals(json, codec.encodeToString(value));
    ByteArrayOutputStream databind = new ByteArrayOutputStream();
    ValueCodec.get().encode(value, type, databind);
    assertEquals(databind.toString(StandardCharsets.UTF_8), codec.encodeToString(value));
    T decoded = decode(json, codec);
    if (value instanceof Double d && d.isNaN()) {
      assertTrue(((Double) decoded).isNaN());
    } else {
      assertEquals(value, decoded);
      assertEquals(ValueCodec.get().decode(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), type), decoded);
    }
    assertEquals(type.toString(), codec.toString());
  }

  @Test
  void generatedCodeComposesTheSameCodecs() throws Exception {
    Codec<Map<String, List<Point>>> codec = Codecs.map(Codecs.list(Codecs.of(Point.class)));
    assertEquals("Map<String, List<dev.kfp4j.runtime.value.CodecTest$Point>>", codec.toString());
    Map<String, List<Point>> value = new LinkedHashMap<>();
    value.put("b", List.of(new Point(1, 2)));
    value.put("a", List.of());
    assertEquals("{\"a\":[],\"b\":[{\"x\":1,\"y\":2}]}", codec.encodeToString(value));
    assertEquals(value, codec.decode("{\"b\":[{\"y\":2,\"x\":1}],\"a\":[]}"));
  }

  @Test
  void aRecurringRecordNests() throws Exception {
    Codec<Tree> codec = Codecs.of(Tree.class);
    Tree tree = new Tree("root", List.of(new Tree("leaf", List.of())));
    String json = codec.encodeToString(tree);
    assertEquals("{\"children\":[{\"children\":[],\"name\":\"leaf\"}],\"name\":\"root\"}", json);
    assertEquals(tree, codec.decode(json));
    String message = assertThrows(ValueException.class,
        () -> codec.decode("{\"name\":\"r\",\"children\":[{\"name\":1,\"children\":[]}]}")).getMessage();
    assertTrue(message.startsWith("expected dev.kfp4j.runtime.value.CodecTest$Tree at $.children[0].name (line 1, column 33): "
        + "Cannot coerce Integer value (1) to `String` value"), message);
  }

  @Test
  void aPathSelectsAnElementOrComponentAndErrorsNameTheWholePath() throws Exception {
    String json = "[{\"x\":1,\"y\":[5,6]},{\"x\":2,\"y\":[7,\"eight\"]}]";
    assertEquals(7, Codecs.INT.decode(json, List.of(1, "y", 0)));
    assertEquals(List.of(5, 6), Codecs.list(Codecs.INT_BOX).decode(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), List.of(0, "y")));
    ValueException wrongType = assertThrows(ValueException.class, () -> Codecs.INT.decode(json, List.of(1, "y", 1)));
    assertEquals("expected int at $[1].y[1] (line 1, column 34): Cannot coerce String value to `int` value",
        wrongType.getMessage().replaceAll(" \\(\"[^\"]*\"\\)", ""));
    ValueException noElement = assertThrows(ValueException.class, () -> Codecs.INT.decode(json, List.of(2)));
    assertEquals("expected int at $[2] (line 1, column 43): no element 2: the list has 2 elements", noElement.getMessage());
    ValueException noComponent = assertThrows(ValueException.class, () -> Codecs.INT.decode(json, List.of(0, "z")));
    assertEquals("expected int at $[0].z (line 1, column 18): no component 'z'", noComponent.getMessage());
    ValueException notAList = assertThrows(ValueException.class, () -> Codecs.INT.decode(json, List.of(0, 3)));
    assertEquals("expected int at $[0] (line 1, column 2): element 3 was selected, but the value here is not a list",
        notAList.getMessage());
  }

  @Test
  void aStringIsNotAnInt() {
    assertEquals("expected int at $ (line 1, column 1): Cannot coerce String value (\"5\") to `int` value",
        failure("\"5\"", Codecs.INT));
  }

  @Test
  void aFractionIsNotAnInt() {
    assertEquals("expected int at $ (line 1, column 1): Cannot coerce Floating-point value (2.5) to `int` value",
        failure("2.5", Codecs.INT));
    assertEquals("expected List<Integer> at $[1] (line 1, column 4): Cannot coerce Floating-point value (2.0) to `Integer` value",
        failure("[1,2.0]", Codecs.list(Codecs.INT_BOX)));
  }

  @Test
  void anIntOutOfRangeNamesTheType() {
    String message = failure("3000000000", Codecs.INT);
    assertTrue(message.startsWith("expected int at $ (line 1, column 1): "), message);
    assertTrue(message.contains("out of range of int"), message);
    String nested = failure("{\"x\":3000000000,\"y\":1}", Codecs.of(Point.class));
    assertTrue(nested.startsWith("expected dev.kfp4j.runtime.value.CodecTest$Point at $.x (line 1, column 6): "), nested);
  }

  @Test
  void numbersBooleansAndStringsDoNotCoerceIntoEachOther() {
    assertEquals("expected String at $ (line 1, column 1): Cannot coerce Integer value (5) to `String` value",
        failure("5", Codecs.STRING));
    assertTrue(failure("true", Codecs.STRING).startsWith("expected String at $ "));
    assertTrue(failure("\"true\"", Codecs.BOOLEAN).startsWith("expected boolean at $ "));
    assertTrue(failure("1", Codecs.BOOLEAN_BOX).startsWith("expected Boolean at $ "));
    assertTrue(failure("[\"a\",2]", Codecs.list(Codecs.STRING)).startsWith("expected List<String> at $[1] "));
    assertEquals("expected long at $ (line 1, column 1): Cannot deserialize value of type `long` from Array value",
        failure("[1]", Codecs.LONG));
    assertEquals("expected List<Double> at $ (line 1, column 1): Cannot deserialize value of type `List<Double>` from Object value",
        failure("{}", Codecs.list(Codecs.DOUBLE_BOX)));
  }

  @Test
  void nullIsAValueOnlyOfANonPrimitiveTopLevelType() throws Exception {
    assertEquals("expected int at $ (line 1, column 1): Cannot map `null` into type `int`", failure("null", Codecs.INT));
    assertEquals(null, decode("null", Codecs.INT_BOX));
    assertEquals(null, decode("null", Codecs.list(Codecs.INT_BOX)));
  }

  @Test
  void nullIsNoListElementMapValueOrRecordComponent() {
    assertEquals("expected List<Integer> at $[1] (line 1, column 4): a list element cannot be null (a Integer is needed)",
        failure("[1,null]", Codecs.list(Codecs.INT_BOX)));
    assertEquals("expected Map<String, String> at $.b (line 1, column 14): a map value cannot be null (a String is needed)",
        failure("{\"a\":\"x\",\"b\":null}", Codecs.map(Codecs.STRING)));
    String record = failure("{\"mean\":null,\"points\":[],\"coins\":{},\"label\":\"x\"}", Codecs.of(Stats.class));
    assertTrue(record.startsWith("expected dev.kfp4j.runtime.value.CodecTest$Stats at $.mean (line 1, column 9): "
        + "record component 'mean' cannot be null"), record);
    String label = failure("{\"mean\":1,\"points\":[],\"coins\":{},\"label\":null}", Codecs.of(Stats.class));
    assertTrue(label.startsWith("expected dev.kfp4j.runtime.value.CodecTest$Stats at $.label "), label);
  }

  @Test
  void nullInsideAnOutputIsRefusedWithWhere() {
    String list = assertThrows(ValueException.class,
        () -> Codecs.list(Codecs.INT_BOX).encode(Arrays.asList(1, null))).getMessage();
    assertEquals("could not write List<Integer>: element [1] of the list is null; a list element cannot be null", list);
    Map<String, String> map = new HashMap<>();
    map.put("k", null);
    assertTrue(assertThrows(ValueException.class, () -> Codecs.map(Codecs.STRING).encode(map)).getMessage()
        .contains("the value of map key 'k' is null"));
    assertTrue(assertThrows(ValueException.class,
        () -> Codecs.of(Stats.class).encode(new Stats(1, List.of(), Map.of(), null))).getMessage()
        .contains("record component 'label' of Stats is null"));
  }

  @Test
  void recordsMustMatchExactly() {
    String unknown = failure("{\"points\":[{\"x\":1,\"y\":2,\"z\":3}],\"mean\":1,\"coins\":{},\"label\":\"l\"}",
        Codecs.of(Stats.class));
    assertEquals("expected dev.kfp4j.runtime.value.CodecTest$Stats at $.points[0].z (line 1, column 25): "
        + "Unrecognized field \"z\" (record Point has: x, y)", unknown);
    String missing = failure("{\"x\":1}", Codecs.of(Point.class));
    assertEquals("expected dev.kfp4j.runtime.value.CodecTest$Point at $.y (line 1, column 7): "
        + "Missing creator property 'y' (record Point needs: x, y)", missing);
    String nested = failure("[{\"x\":1,\"y\":1},{\"y\":1}]", Codecs.list(Codecs.of(Point.class)));
    assertTrue(nested.startsWith("expected List<dev.kfp4j.runtime.value.CodecTest$Point> at $[1].x "), nested);
  }

  @Test
  void aRecordThatRefusesItsComponentsIsAnInputError() {
    assertEquals("expected dev.kfp4j.runtime.value.CodecTest$Positive at $ (line 1, column 12): Cannot construct instance"
        + " of `dev.kfp4j.runtime.value.CodecTest$Positive`, problem: java.lang.IllegalArgumentException: value must be"
        + " positive, got -1", failure("{\"value\":-1}", Codecs.of(Positive.class)));
  }

  @Test
  void enumsByExactNameOnly() {
    assertEquals("expected dev.kfp4j.runtime.value.CodecTest$Coin at $ (line 1, column 1): Cannot deserialize value of type"
        + " `dev.kfp4j.runtime.value.CodecTest$Coin` from String \"heads\": not one of the values accepted for Enum class:"
        + " [HEADS, TAILS]", failure("\"heads\"", Codecs.of(Coin.class)));
    assertTrue(failure("1", Codecs.of(Coin.class)).startsWith("expected dev.kfp4j.runtime.value.CodecTest$Coin at $ "));
  }

  @Test
  void trailingContent() {
    assertEquals("expected List<Integer> at $ (line 1, column 7): Trailing token (of type START_ARRAY) found after value"
        + " (bound as `List<Integer>`)", failure("[1,2] [3]", Codecs.list(Codecs.INT_BOX)));
  }

  @Test
  void duplicateKeysNameTheirPath() {
    String message = failure("{\"a\":{\"x\":1,\"x\":2,\"y\":3}}", Codecs.map(Codecs.of(Point.class)));
    assertTrue(message.startsWith("expected Map<String, dev.kfp4j.runtime.value.CodecTest$Point> at $.a.x (line 1, column "),
        message);
    assertTrue(message.contains("malformed JSON: Duplicate field 'x'"), message);
  }

  @Test
  void malformedJson() {
    String message = failure("[1,2", Codecs.list(Codecs.INT_BOX));
    assertTrue(message.startsWith("expected List<Integer> at $[1] (line 1, column 5): malformed JSON: Unexpected end-of-input"),
        message);
    assertEquals("expected int at $: No content to map due to end-of-input", failure("", Codecs.INT));
  }

  @Test
  void kubeflowNumbersAreDoublesAndIntegralOnesAreIntegers() throws Exception {
    assertEquals(6, Codecs.INT.decodeKfp("6.0"));
    assertEquals(List.of(1L, 2L), Codecs.list(Codecs.LONG_BOX).decodeKfp("[1.0,2]"));
    assertEquals(2.5, Codecs.DOUBLE.decodeKfp("2.5"));
    assertTrue(assertThrows(ValueException.class, () -> Codecs.INT.decodeKfp("6.5")).getMessage()
        .startsWith("expected int at $ (line 1, column 1): Cannot coerce Floating-point value (6.5)"));
    assertThrows(ValueException.class, () -> Codecs.INT.decode("6.0"));
  }

  @Test
  void onlyTheTypesKfp4jPassesHaveACodec() {
    assertThrows(IllegalArgumentException.class, () -> Codecs.forType(Object.class));
    assertThrows(IllegalArgumentException.class, () -> Codecs.forType(new ValueType<Map<Integer, String>>() {}.type()));
  }

  @Test
  void encodingDoesNotCloseTheCallersStream() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream() {
      @Override
      public void close() {
        throw new AssertionError("closed");
      }
    };
    Codecs.list(Codecs.INT_BOX).encode(List.of(1), out);
    assertEquals("[1]", out.toString(StandardCharsets.UTF_8));
  }
}
