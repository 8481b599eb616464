package dev.kfp4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a {@link Component} a heavyweight step: it runs a given image and command instead of the
 * method's Java body. The method's signature still gives the step's typed inputs (its parameters)
 * and outputs (its return value, or the components of a returned record), so calls of it in a
 * {@link Pipeline} body are checked like any component call.
 *
 * <pre>{@code
 * @Component
 * @ContainerStep(image = "python:3.12-slim", command = {"python3", "/app/avg_steps.py", "add"},
 *     protocol = ContainerStep.Protocol.CONTEXT)
 * public static int add(List<Integer> numbers) {
 *   throw ContainerStep.Direct.notInJava();
 * }
 * }</pre>
 *
 * <p>With {@link Protocol#PLAIN} (KFP's container components) {@link #command()} and {@link #args()}
 * may hold placeholders: {@code {{inputs.NAME}}} is replaced by the value of input {@code NAME} as
 * text (a string as is, anything else as JSON) and {@code {{outputs.NAME}}} by the path of a file
 * the program writes output {@code NAME} to (the single output of a non-record method is named
 * {@value Component#OUTPUT}). With {@link Protocol#CONTEXT} the program speaks kfp4j's context
 * protocol ({@code docs/container-steps.md}) and placeholders are not allowed.
 *
 * <p>Calling the method in plain Java runs its body, which kfp4j does not change: write a Java
 * equivalent of the program there (useful in unit tests), or {@code throw ContainerStep.Direct.notInJava()}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ContainerStep {

  /** The image that runs the step ({@code python:3.12-slim}). */
  String image();

  /** The container's command (its entrypoint), e.g. {@code {"python3", "/app/avg_steps.py"}}. */
  String[] command();

  /** The command's arguments, after {@link #command()}. */
  String[] args() default {};

  /** How the program gets its inputs and gives back its outputs. */
  Protocol protocol() default Protocol.PLAIN;

  /** How a container step's program exchanges values with the pipeline. */
  enum Protocol {
    /**
     * kfp4j's context protocol (the classic Kubeflow "context string" pattern): the program is called
     * with {@code --contexts JSON --task NAME --inputs JSON --output-context FILE}, reads its inputs
     * from storage, writes its outputs to storage, and writes the updated context to {@code FILE}.
     */
    CONTEXT,
    /**
     * KFP's container-component protocol: inputs as command-line arguments through
     * {@code {{inputs.NAME}}}, outputs as files at the paths {@code {{outputs.NAME}}} stands for.
     */
    PLAIN
  }

  /** For the Java body of a container step that has no Java equivalent. */
  final class Direct {
    private Direct() {}

    /**
     * An exception saying that the calling container step runs only as a pipeline step; throw it
     * from the method body.
     */
    public static UnsupportedOperationException notInJava() {
      StackTraceElement caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
          .walk(frames -> frames.skip(1).findFirst().map(StackWalker.StackFrame::toStackTraceElement).orElse(null));
      String method = caller == null ? "this container step" : caller.getClassName() + "." + caller.getMethodName();
      return new UnsupportedOperationException(method + " is a container step: it runs its image only as a step of a"
          + " pipeline run (the local runner, Argo or Kubeflow Pipelines), not when called in plain Java; give the"
          + " method a Java body to call it directly");
    }
  }
}
