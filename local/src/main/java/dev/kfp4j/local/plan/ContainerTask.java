package dev.kfp4j.local.plan;

import dev.kfp4j.wire.EnvironmentVariables;
import java.util.List;
import java.util.Map;

/**
 * A task that runs a container step's own program instead of a generated entrypoint, as the IR's
 * executor gives it.
 *
 * @param image the image
 * @param command the container command, with KFP placeholders (empty: the image's entrypoint)
 * @param args its arguments, with KFP placeholders
 * @param contextProtocol whether the program speaks kfp4j's context protocol (else KFP's plain one)
 * @param outputKinds each output's KFP parameter type ({@code NUMBER_INTEGER}, …), by name; an artifact's is
 *     {@link Planner#ARTIFACT_KIND_PREFIX} and its schema title
 * @param entrypoint whether the program is a generated Java entrypoint run in its image (the local runner's
 *     {@code --in-images}); it speaks the context protocol
 */
public record ContainerTask(String image, List<String> command, List<String> args, boolean contextProtocol,
    Map<String, String> outputKinds, boolean entrypoint) {

  /** The environment variable marking a context-protocol executor in the IR. */
  public static final String PROTOCOL_ENV = EnvironmentVariables.PROTOCOL;

  public ContainerTask {
    command = List.copyOf(command);
    args = List.copyOf(args);
    outputKinds = Map.copyOf(outputKinds);
  }

  /** A container step's own program (not a generated entrypoint). */
  public ContainerTask(String image, List<String> command, List<String> args, boolean contextProtocol,
      Map<String, String> outputKinds) {
    this(image, command, args, contextProtocol, outputKinds, false);
  }

  /** What identifies the code that runs, for the cache: the image and the command line. */
  public String identity() {
    return "container\n" + image + "\n" + String.join("\u0000", command) + "\n" + String.join("\u0000", args);
  }
}
