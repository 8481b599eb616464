package dev.kfp4j.processor.pipeline;

import com.palantir.javapoet.ClassName;
import dev.kfp4j.processor.diagnostic.Diagnostics;
import dev.kfp4j.processor.model.ComponentModel;
import dev.kfp4j.processor.model.EntrypointMode;
import dev.kfp4j.processor.model.Launch;
import dev.kfp4j.processor.model.Names;
import dev.kfp4j.processor.model.Port;
import dev.kfp4j.processor.validation.ComponentFiles;
import dev.kfp4j.processor.validation.ComponentValidator;
import dev.kfp4j.processor.validation.ValueTypes;
import dev.kfp4j.wire.ComponentDescriptorFile;
import dev.kfp4j.wire.ResourceLayout;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.processing.Filer;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Components from a jar or an earlier compilation: validated quietly (their problems are not this
 * compilation's), with their parameter names from the descriptor the processor wrote when their
 * library was compiled (class files keep parameter names only with {@code -parameters}). Such a component runs
 * its generated entrypoint if its library has one, whatever this compilation's {@link EntrypointMode}; if not
 * (the library was compiled with {@code -Akfp4j.entrypoints=shared}), the shared entrypoint, when the descriptor
 * says all it needs.
 */
final class LibraryComponents {

  /**
   * What is known about a component in a compiled class.
   *
   * @param model its model, when it can be called
   * @param valid whether it passes kfp4j's component checks
   * @param missing when it cannot be called: what kfp4j would have written next to it (its entrypoint or descriptor)
   */
  record Lookup(Optional<ComponentModel> model, boolean valid, String missing) {}

  private final Filer filer;
  private final Elements elements;
  private final ValueTypes valueTypes;
  private final Map<ExecutableElement, Lookup> known = new HashMap<>();

  LibraryComponents(Filer filer, Elements elements, ValueTypes valueTypes) {
    this.filer = filer;
    this.elements = elements;
    this.valueTypes = valueTypes;
  }

  /** The component declared in a compiled class (or one this round did not process). */
  Lookup get(ExecutableElement method) {
    return known.computeIfAbsent(method, this::lookUp);
  }

  private Lookup lookUp(ExecutableElement method) {
    Optional<ComponentModel> model = new ComponentValidator(Diagnostics.quiet(), valueTypes, ComponentFiles.of(filer),
        EntrypointMode.GENERATED).validate(method);
    if (model.isEmpty()) {
      return new Lookup(Optional.empty(), false, Names.entrypoint(
          ClassName.get((TypeElement) method.getEnclosingElement()), method.getSimpleName().toString()).canonicalName());
    }
    ComponentModel component = model.get();
    String path = ResourceLayout.descriptor(component.owner().canonicalName(), component.methodName());
    Optional<ComponentDescriptorFile> descriptor = descriptor((TypeElement) method.getEnclosingElement(), path)
        .flatMap(ComponentDescriptorFile::read)
        .filter(read -> read.inputs().size() == component.inputs().size());
    boolean generated = component.isContainerStep()
        || elements.getTypeElement(component.entrypoint().canonicalName()) != null;
    if (!generated && descriptor.isEmpty()) {
      return new Lookup(Optional.empty(), true, component.entrypoint().canonicalName());
    }
    if (descriptor.isEmpty()) {
      return new Lookup(Optional.empty(), true, path);
    }
    List<Port> inputs = new ArrayList<>();
    for (int i = 0; i < component.inputs().size(); i++) {
      inputs.add(new Port(descriptor.get().inputs().get(i), component.inputs().get(i).type()));
    }
    ComponentModel named = new ComponentModel(descriptor.get().name(), component.description(), component.image(),
        component.cache(), component.retries(), component.owner(), component.methodName(), component.entrypoint(),
        component.launch(), inputs, component.returnType(), component.outputs(), component.recordOutputs(),
        component.container(), component.options());
    if (generated) {
      return new Lookup(Optional.of(named), true, null);
    }
    // No generated class (its library was compiled with -Akfp4j.entrypoints=shared): the shared entrypoint runs it
    // from its descriptor, if that says all it needs (an older processor's has no outputs and artifacts).
    if (!named.descriptor().equals(descriptor.get())) {
      return new Lookup(Optional.empty(), true, component.entrypoint().canonicalName());
    }
    return new Lookup(Optional.of(named.withLaunch(Launch.shared(component.owner(), component.methodName()))), true,
        null);
  }

  /**
   * The descriptor's text, found beside the owner's class file. javac's file manager cannot look up
   * {@code META-INF/…} in a jar directly (it indexes only folders named like Java packages), so this
   * finds the class file's jar or folder through the Filer and reads the descriptor from there.
   */
  private Optional<String> descriptor(TypeElement owner, String path) {
    String pkg = elements.getPackageOf(owner).getQualifiedName().toString();
    String binary = elements.getBinaryName(owner).toString();
    String classFile = (pkg.isEmpty() ? binary : binary.substring(pkg.length() + 1)) + ".class";
    String suffix = (pkg.isEmpty() ? "" : pkg.replace('.', '/') + "/") + classFile;
    try {
      FileObject found = filer.getResource(StandardLocation.CLASS_PATH, pkg, classFile);
      String uri = found.toUri().toString();
      if (!uri.endsWith(suffix)) {
        return Optional.empty();
      }
      URLConnection connection = URI.create(uri.substring(0, uri.length() - suffix.length()) + path).toURL()
          .openConnection();
      connection.setUseCaches(false); // a cached jar connection would keep the jar open after javac ends
      try (InputStream in = connection.getInputStream()) {
        return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty(); // not there: the library was not compiled with kfp4j
    }
  }
}
