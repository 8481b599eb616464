package dev.kfp4j.wire;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a value is typed in the specs: KFP's {@code ParameterType}, written into {@code pipeline.yaml} and the init
 * step's {@code --param NAME KIND VALUE}, and read back by the runners and clients to check parameter values.
 */
public enum ParameterKind {
  NUMBER_INTEGER("42", "a whole number"),
  NUMBER_DOUBLE("2.5", "a number"),
  BOOLEAN("true", "true or false"),
  STRING("text", "text"),
  LIST("[1,2,3]", "a JSON list"),
  STRUCT("{\"key\":1}", "a JSON object");

  private final String example;
  private final String words;

  ParameterKind(String example, String words) {
    this.example = example;
    this.words = words;
  }

  /** What a value of this kind is, in words, for messages ({@code a whole number}, {@code a JSON list}). */
  public String words() {
    return words;
  }

  /** A value of this kind as a user types it (STRING as plain text, the others as JSON), for hints in messages. */
  public String example() {
    return example;
  }

  /** The kind named {@code name} as KFP spells it, if it is one. */
  public static Optional<ParameterKind> find(String name) {
    for (ParameterKind kind : values()) {
      if (kind.name().equals(name)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  /** The kind named {@code name} as KFP spells it; an {@link IllegalArgumentException} naming the kinds otherwise. */
  public static ParameterKind of(String name) {
    return find(name).orElseThrow(() -> new IllegalArgumentException("unknown parameter kind '" + name + "'; expected one of "
        + Arrays.toString(values())));
  }
}
