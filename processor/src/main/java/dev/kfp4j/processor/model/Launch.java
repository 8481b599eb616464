package dev.kfp4j.processor.model;

import com.palantir.javapoet.ClassName;
import dev.kfp4j.wire.ComponentAddress;
import java.util.List;

/**
 * How a Java component's container starts it: the main class after {@code java … -cp CLASSPATH}, then the words
 * that come before the engine's own arguments ({@code --executor_input …} or the run context's).
 *
 * @param mainClass the class whose {@code main} runs the component
 * @param arguments what the command passes it first: none for a generated entrypoint, the component's address for
 *     the shared one
 */
public record Launch(String mainClass, List<String> arguments) {

  public Launch {
    arguments = List.copyOf(arguments);
  }

  /** The component's own generated class, {@code com.acme.Average_AddEntrypoint}. */
  public static Launch generated(ClassName entrypoint) {
    return new Launch(entrypoint.reflectionName(), List.of());
  }

  /**
   * The runtime's {@link ComponentAddress#SHARED_ENTRYPOINT} with the component's address,
   * {@code com.acme.Outer$Inner#add} (the binary name of the declaring class).
   */
  public static Launch shared(ClassName owner, String methodName) {
    return new Launch(ComponentAddress.SHARED_ENTRYPOINT,
        List.of(new ComponentAddress(owner.reflectionName(), methodName).text()));
  }

  /** Whether this runs a class generated for the component (which the compilation must then write). */
  public boolean isGenerated() {
    return !mainClass.equals(ComponentAddress.SHARED_ENTRYPOINT);
  }
}
