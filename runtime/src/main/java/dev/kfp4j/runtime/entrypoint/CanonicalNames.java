package dev.kfp4j.runtime.entrypoint;

import java.util.Optional;

/**
 * Classes as kfp4j's files name them: canonically ({@code com.acme.Outer.Inner}, as descriptors and messages do),
 * where a class loader wants the binary name ({@code com.acme.Outer$Inner}).
 */
public final class CanonicalNames {

  private CanonicalNames() {}

  /**
   * The class whose canonical name is {@code name}, loaded without initializing it: {@code name} itself, else with
   * its last dots turned into {@code $} one at a time ({@code a.b.Outer$Inner}, {@code a.b$Outer$Inner}, …); empty if
   * none loads. A {@link LinkageError} of a class that is there but cannot be loaded is thrown. Used on a step's
   * error path: no string concatenation with {@code +}.
   */
  public static Optional<Class<?>> load(String name, ClassLoader loader) {
    String candidate = name;
    while (true) {
      try {
        return Optional.of(Class.forName(candidate, false, loader));
      } catch (ClassNotFoundException e) {
        int dot = candidate.lastIndexOf('.');
        if (dot < 0) {
          return Optional.empty();
        }
        candidate = candidate.substring(0, dot).concat("$").concat(candidate.substring(dot + 1));
      }
    }
  }
}
