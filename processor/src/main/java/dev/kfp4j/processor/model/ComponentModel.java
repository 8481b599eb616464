package dev.kfp4j.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.kfp4j.wire.ComponentDescriptorFile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated {@code @Component} method: everything renderers need, no {@code Element}s.
 *
 * @param name the component name ({@code add})
 * @param description its description, may be empty
 * @param image its own image, empty to inherit
 * @param cache whether executions may be reused
 * @param retries how many times a failed execution is retried
 * @param owner the class declaring the method
 * @param methodName the Java method name
 * @param entrypoint the generated entrypoint class's name (written in the {@link EntrypointMode#GENERATED} mode; its
 *     name is claimed in both modes, so that a project compiles the same in both)
 * @param launch how the component's container starts it: its generated entrypoint or the shared one
 * @param inputs the parameters, in order
 * @param returnType the Java return type ({@code void} for none)
 * @param outputs the outputs: none, {@code Output}, or one per record component
 * @param recordOutputs whether the outputs are the components of a returned record
 * @param container what runs instead of a generated entrypoint, for a container step
 * @param options the component's own option annotations ({@code @Retry}, {@code @Resources}, …), with
 *     {@code cache} and {@code retries} folded in: the defaults of its calls
 */
public record ComponentModel(
    String name,
    String description,
    String image,
    boolean cache,
    int retries,
    ClassName owner,
    String methodName,
    ClassName entrypoint,
    Launch launch,
    List<Port> inputs,
    TypeName returnType,
    List<Port> outputs,
    boolean recordOutputs,
    Optional<ContainerSpec> container,
    TaskOptions options) {

  public ComponentModel {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /** Whether the step runs a container of its own instead of a generated entrypoint. */
  public boolean isContainerStep() {
    return container.isPresent();
  }

  /** Whether this compilation writes a class for it: a Java component started by its generated entrypoint. */
  public boolean runsGeneratedEntrypoint() {
    return !isContainerStep() && launch.isGenerated();
  }

  /** The same component, started by {@code other}. */
  public ComponentModel withLaunch(Launch other) {
    return new ComponentModel(name, description, image, cache, retries, owner, methodName, entrypoint, other, inputs,
        returnType, outputs, recordOutputs, container, options);
  }

  /** What the component's descriptor says: its names, outputs and artifacts (the shared entrypoint runs from it). */
  public ComponentDescriptorFile descriptor() {
    Map<String, String> artifacts = new LinkedHashMap<>();
    for (Port port : inputs) {
      if (port.type().isArtifact()) {
        artifacts.put(port.name(), port.type().artifactType());
      }
    }
    for (Port port : outputs) {
      if (port.type().isArtifact()) {
        artifacts.put(port.name(), port.type().artifactType());
      }
    }
    return new ComponentDescriptorFile(name, methodName, inputs.stream().map(Port::name).toList(),
        outputs.stream().map(Port::name).toList(), artifacts);
  }

  /** {@code com.example.Average.add}: how messages name the method. */
  public String qualifiedMethod() {
    return owner.canonicalName() + "." + methodName;
  }

  /** The input of that name. */
  public Optional<Port> input(String name) {
    return inputs.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** The output of that name. */
  public Optional<Port> output(String name) {
    return outputs.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
