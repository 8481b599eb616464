package dev.kfp4j.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.Locale;
import java.util.Optional;

/** How this compilation's Java components are started: the processor option {@code -Akfp4j.entrypoints}. */
public enum EntrypointMode {
  /** A generated entrypoint class per {@code @Component} ({@code Average_AddEntrypoint}): the default. */
  GENERATED,
  /** No generated class: the runtime's shared entrypoint runs each component from its descriptor. */
  SHARED;

  /** {@code generated}: how the option spells it. */
  public String optionValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode the option's value names, or empty if it names none. */
  public static Optional<EntrypointMode> ofOptionValue(String value) {
    for (EntrypointMode mode : values()) {
      if (mode.optionValue().equals(value)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }

  /** How a component method of {@code owner} is started in this mode. */
  public Launch launch(ClassName owner, String methodName) {
    return this == SHARED ? Launch.shared(owner, methodName) : Launch.generated(Names.entrypoint(owner, methodName));
  }
}
