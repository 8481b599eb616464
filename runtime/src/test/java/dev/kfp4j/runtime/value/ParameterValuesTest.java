package dev.kfp4j.runtime.value;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kfp4j.wire.ParameterKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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
  }
}
