package dev.kfp4j.wire;

import java.util.List;
import java.util.Optional;

/**
 * How a container command names a component to the shared entrypoint: {@code com.acme.Outer$Inner#add}, the
 * binary name of the class that declares the {@code @Component} method, {@code #}, and the method's name.
 * A spec that runs a component without a generated class ends its command with
 * {@code … -cp CLASSPATH dev.kfp4j.runtime.entrypoint.SharedEntrypoint com.acme.Average#add}; runners take
 * the last word of such a command as the component's address.
 *
 * <p>Used on every step's start-up: no lambda, regular expression or string concatenation with {@code +}.
 *
 * @param owner the binary name of the declaring class ({@code com.acme.Outer$Inner})
 * @param method the method's name
 */
public record ComponentAddress(String owner, String method) {

  /** The runtime's main class that runs any component from its descriptor. */
  public static final String SHARED_ENTRYPOINT = "dev.kfp4j.runtime.entrypoint.SharedEntrypoint";

  /** {@code com.acme.Outer$Inner#add}. */
  public String text() {
    return owner.concat("#").concat(method);
  }

  /** {@code com.acme.Outer.Inner}: the declaring class's canonical name, as descriptor paths spell it. */
  public String canonicalOwner() {
    return owner.replace('$', '.');
  }

  /** {@code META-INF/kfp4j/components/com.acme.Outer.Inner.add.component}: {@link ResourceLayout#descriptor}. */
  public String descriptorPath() {
    return ResourceLayout.DESCRIPTORS.concat(canonicalOwner()).concat(".").concat(method)
        .concat(ResourceLayout.DESCRIPTOR_SUFFIX);
  }

  /**
   * The simple name of the class the processor generates for a component (without {@code -Akfp4j.entrypoints=shared}):
   * the declaring class's simple names ({@code Outer}, {@code Inner}) and the method, joined by {@code _}, with
   * {@code Entrypoint}: {@code Outer_Inner_AddEntrypoint}. In the declaring class's package.
   */
  public static String generatedEntrypointName(List<String> classes, String method) {
    return String.join("_", classes).concat("_").concat(String.valueOf(Character.toUpperCase(method.charAt(0))))
        .concat(method.substring(1)).concat("Entrypoint");
  }

  /** Whether {@code text} has the form of an address (one {@code #} between two non-empty parts, no space). */
  public static boolean isAddress(String text) {
    return parse(text).isPresent();
  }

  /** The address {@code text} spells, or empty if it is not one (a generated entrypoint's class name, say). */
  public static Optional<ComponentAddress> parse(String text) {
    int hash = text.indexOf('#');
    if (hash <= 0 || hash == text.length() - 1 || text.indexOf('#', hash + 1) >= 0 || text.indexOf(' ') >= 0
        || text.indexOf('/') >= 0) {
      return Optional.empty();
    }
    return Optional.of(new ComponentAddress(text.substring(0, hash), text.substring(hash + 1)));
  }
}
