package dev.kfp4j.runtime.entrypoint;

import java.util.List;

/**
 * What a generated entrypoint tells the runtime about its component.
 *
 * @param name the component's name ({@code add})
 * @param method the user method it calls, for messages ({@code com.example.Average.add})
 * @param inputs the input names, in parameter order
 * @param outputs the output names ({@code Output} for a single return value; none for {@code void})
 */
public record ComponentDescriptor(String name, String method, List<String> inputs, List<String> outputs) {

  public ComponentDescriptor {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }
}
