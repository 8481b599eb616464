package dev.kfp4j.runtime.entrypoint;

import java.util.List;

/**
 * What a generated entrypoint tells the runtime about its component.
 *
 * @param name the component's name ({@code add})
 * @param method the user method it calls, for messages ({@code com.example.Average.add})
 * @param inputs the input names, in parameter order
 * @param outputs the output names ({@code Output} for a single return value; none for {@code void})
 * @param artifacts the names of the inputs and outputs that are artifacts (files), not JSON values
 */
public record ComponentDescriptor(String name, String method, List<String> inputs, List<String> outputs,
    List<String> artifacts) {

  public ComponentDescriptor {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    artifacts = List.copyOf(artifacts);
  }

  /** A component whose inputs and outputs are all JSON values. */
  public ComponentDescriptor(String name, String method, List<String> inputs, List<String> outputs) {
    this(name, method, inputs, outputs, List.of());
  }

  /** Whether input or output {@code name} is an artifact. */
  public boolean isArtifact(String name) {
    return artifacts.contains(name);
  }
}
