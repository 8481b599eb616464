package dev.kfp4j.processor.model;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Component and pipeline names: the DNS-1123 label rule and suggestions (default names: kfp4j-wire's DefaultNames). */
class NamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "add", "add-all", "a1", "step-2-go", "x9"})
  void validNames(String name) {
    assertThat(Names.isValid(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-a", "a-", "Add", "1a", "a_b", "a.b", "a b", "café"})
  void invalidNames(String name) {
    assertThat(Names.isValid(name)).isFalse();
  }

  @Test
  void atMostSixtyThreeCharacters() {
    assertThat(Names.isValid("a".repeat(63))).isTrue();
    assertThat(Names.isValid("a".repeat(64))).isFalse();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "Add_Numbers, add-numbers",
      "2fast, fast",
      "a--b, a-b",
      "-lead-, lead",
      "___, my-step",
      "café, caf",
      "é, my-step",
      "'', my-step",
  })
  void suggest(String name, String expected) {
    assertThat(Names.suggest(name)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Add_Numbers", "2fast", "___", "9", "a.b.c", "UPPER CASE", "x-", "--", "é"})
  void suggestionsAreAlwaysValid(String name) {
    String suggestion = Names.suggest(name);
    assertWithMessage("suggest(%s) = %s", name, suggestion).that(Names.isValid(suggestion)).isTrue();
  }

  @Test
  void longSuggestionsAreCutToAValidLength() {
    String suggestion = Names.suggest("a".repeat(62) + "-" + "b".repeat(10));
    assertThat(suggestion).isEqualTo("a".repeat(62));
    assertThat(Names.isValid(suggestion)).isTrue();
  }
}
