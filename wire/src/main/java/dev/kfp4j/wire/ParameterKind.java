package dev.kfp4j.wire;

/**
 * How a value is typed in the specs: KFP's {@code ParameterType}, written into {@code pipeline.yaml} and the init
 * step's {@code --param NAME KIND VALUE}, and read back by the runners and clients to check parameter values.
 */
public enum ParameterKind {
  NUMBER_INTEGER("42"),
  NUMBER_DOUBLE("2.5"),
  BOOLEAN("true"),
  STRING("text"),
  LIST("[1,2,3]"),
  STRUCT("{\"key\":1}");

  private final String example;

  ParameterKind(String example) {
    this.example = example;
  }

  /** A value of this kind as a user types it (STRING as plain text, the others as JSON), for hints in messages. */
  public String example() {
    return example;
  }

  /** The kind named {@code name} as KFP spells it; an {@link IllegalArgumentException} naming the kinds otherwise. */
  public static ParameterKind of(String name) {
    for (ParameterKind kind : values()) {
      if (kind.name().equals(name)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown parameter kind '" + name + "'; expected one of "
        + java.util.Arrays.toString(values()));
  }
}
