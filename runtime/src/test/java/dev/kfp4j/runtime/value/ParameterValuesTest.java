package dev.kfp4j.runtime.value;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kfp4j.wire.ParameterKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one check of a JSON value against a KFP parameter kind: each kind takes its own shape of value and refuses
 * every other one (a whole number is a number too; a STRING parameter takes any value as text).
 */
class ParameterValuesTest {

  private static final List<String> VALUES = List.of("42", "2.5", "true", "\"text\"", "[1,2,3]", "{\"key\":1}", "null");

  @ParameterizedTest
  @EnumSource(ParameterKind.class)
  void eachKindTakesItsOwnValues(ParameterKind kind) throws Exception {
    List<String> taken = new ArrayList<>();
    for (String text : VALUES) {
      JsonNode json = ValueCodec.get().mapper().readTree(text);
      if (ParameterValues.fits(kind, json)) {
        taken.add(text);
      }
    }
    List<String> expected = switch (kind) {
      case NUMBER_INTEGER -> List.of("42");
      case NUMBER_DOUBLE -> List.of("42", "2.5");
      case BOOLEAN -> List.of("true");
      case STRING -> VALUES;
      case LIST -> List.of("[1,2,3]");
      case STRUCT -> List.of("{\"key\":1}");
    };
    assertEquals(expected, taken, kind.name());
  }

  @ParameterizedTest
  @EnumSource(ParameterKind.class)
  void eachKindsExampleIsOneOfItsValues(ParameterKind kind) throws Exception {
    String text = kind == ParameterKind.STRING ? "\"" + kind.example() + "\"" : kind.example();
    assertEquals(true, ParameterValues.fits(kind, ValueCodec.get().mapper().readTree(text)), kind.example());
  }

  @ParameterizedTest
  @EnumSource(ParameterKind.class)
  void noValueIsNoKind(ParameterKind kind) {
    assertEquals(false, ParameterValues.fits(kind, null));
    assertEquals(false, ParameterValues.fitsTree(kind, null));
  }

  @ParameterizedTest
  @EnumSource(ParameterKind.class)
  void aStreamedTreeFitsTheKindsADatabindTreeFits(ParameterKind kind) throws Exception {
    for (String text : List.of("42", "-0", "2.5", "1e3", "1E-2", "12345678901234567890123", "true", "\"text\"",
        "[1,2,3]", "[]", "{\"key\":1}", "{}", "null")) {
      assertEquals(ParameterValues.fits(kind, ValueCodec.get().mapper().readTree(text)),
          ParameterValues.fitsTree(kind, JsonTree.parse(text)), kind + " " + text);
    }
  }

  /** What the init step and a container step's store half write is what jackson-databind wrote for the same text. */
  @ParameterizedTest
  @ValueSource(strings = {"42", "-0", "2.50", "1e3", "1E-7", "-0.0", "1.5e300", "1e400", "12345678901234567890123",
      "0.1", "3.0", "true", "null", "\"a \\\"b\\\" \\u00e9\\u2028 </\"", "[1, 2.0, \"x\", [], {}]",
      "{\"b\": 1, \"a\": {\"d\": [1.10, null], \"c\": false}}", "  [ 1 ,\n 2 ]  "})
  void storedBytesAreTheBytesDatabindWrote(String text) throws Exception {
    String databind = ValueCodec.get().mapper().writeValueAsString(ValueCodec.get().mapper().readTree(text));
    assertEquals(databind, ParameterValues.canonicalJson(JsonTree.parse(text)), text);
  }

  @Test
  void aNumberBeyondADoubleIsFoundByItsPath() throws Exception {
    assertEquals("$", ParameterValues.numberOutOfRange(JsonTree.parse("1e400")));
    assertEquals("$[1].x", ParameterValues.numberOutOfRange(JsonTree.parse("[1.5, {\"x\": -2E+309}, 1e999]")));
    assertEquals(null, ParameterValues.numberOutOfRange(JsonTree.parse("[1.7976931348623157e308, 4.9e-324, 1e-400, "
        + "123456789012345678901234567890, {\"a\": \"1e400\"}]")));
  }
}
