package kfp4jbench;

import dev.kfp4j.runtime.entrypoint.ComponentBody;
import dev.kfp4j.runtime.entrypoint.ComponentDescriptor;
import dev.kfp4j.runtime.entrypoint.ComponentIo;
import dev.kfp4j.runtime.entrypoint.ComponentMain;
import dev.kfp4j.runtime.value.Codec;
import dev.kfp4j.runtime.value.Codecs;
import dev.kfp4j.wire.ComponentDescriptorFile;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A measured experiment, not a product class: ONE entrypoint for every component, so that the processor
 * would generate no Java per component (bench/entrypoint.sh measures its start-up, bench/processor.sh the
 * compile it would save; docs/benchmarks-processor.md has both).
 *
 * <p>{@code java kfp4jbench.SharedEntrypoint OWNER#METHOD CONTEXT_JSON [--output-context FILE]}: reads the
 * component descriptor the processor already writes ({@code META-INF/kfp4j/components/OWNER.METHOD.component}:
 * the component's name and input names), finds the static method by name, picks each codec from the
 * method's generic parameter and return types ({@link Codecs#forType}) and calls the method reflectively
 * through the same {@link ComponentMain} a generated entrypoint uses. {@code OWNER#METHOD(IN1,IN2)} takes the
 * input names from the command line instead (what a spec could pass), so no resource is read. Prototype limits: JSON values only (no
 * artifacts), a single return value (no record outputs), no overloads.
 */
public final class SharedEntrypoint implements ComponentBody {

  private final Method method;
  private final List<String> inputs;
  private final Codec<?>[] codecs;
  private final Codec<?> result;

  private SharedEntrypoint(Method method, List<String> inputs) {
    this.method = method;
    this.inputs = inputs;
    this.codecs = new Codec<?>[inputs.size()];
    for (int i = 0; i < codecs.length; i++) {
      codecs[i] = Codecs.forType(method.getGenericParameterTypes()[i]);
    }
    this.result = method.getReturnType() == void.class ? null : Codecs.forType(method.getGenericReturnType());
  }

  public static void main(String[] args) throws IOException, ClassNotFoundException {
    String target = args[0];
    int hash = target.indexOf('#');
    int paren = target.indexOf('(');
    String ownerName = target.substring(0, hash);
    String methodName = target.substring(hash + 1, paren < 0 ? target.length() : paren);
    ClassLoader loader = SharedEntrypoint.class.getClassLoader();
    Class<?> owner = Class.forName(ownerName, false, loader);
    String name;
    List<String> inputs;
    if (paren >= 0) {
      // OWNER#METHOD(in1,in2): the input names on the command line, no descriptor to read.
      name = methodName;
      String names = target.substring(paren + 1, target.length() - 1);
      inputs = names.isEmpty() ? List.of() : List.of(names.split(","));
    } else {
      ComponentDescriptorFile file = descriptor(loader, ownerName, methodName);
      name = file.name();
      inputs = file.inputs();
    }
    Method method = null;
    for (Method candidate : owner.getDeclaredMethods()) {
      if (candidate.getName().equals(methodName) && Modifier.isStatic(candidate.getModifiers())) {
        method = candidate;
      }
    }
    if (method == null) {
      throw new IllegalArgumentException("no static method ".concat(target));
    }
    method.setAccessible(true);
    SharedEntrypoint body = new SharedEntrypoint(method, inputs);
    ComponentDescriptor component = new ComponentDescriptor(name, ownerName.concat(".").concat(methodName), inputs,
        body.result == null ? List.of() : List.of("Output"));
    int code = ComponentMain.run(component, Arrays.copyOfRange(args, 1, args.length), body);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** The descriptor the processor wrote ({@code META-INF/kfp4j/components/OWNER.METHOD.component}). */
  private static ComponentDescriptorFile descriptor(ClassLoader loader, String ownerName, String methodName)
      throws IOException {
    // Not ResourceLayout.descriptor: string concatenation there is an invokedynamic bootstrap at start-up.
    String path = "META-INF/kfp4j/components/".concat(ownerName).concat(".").concat(methodName).concat(".component");
    try (InputStream in = loader.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no component descriptor ".concat(path));
      }
      // No lambda (orElseThrow(() -> …)): an invokedynamic bootstrap costs every step's start-up.
      Optional<ComponentDescriptorFile> read = ComponentDescriptorFile.read(new String(in.readAllBytes(),
          StandardCharsets.UTF_8));
      if (read.isEmpty()) {
        throw new IllegalArgumentException("unreadable component descriptor ".concat(path));
      }
      return read.get();
    }
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void call(ComponentIo io) throws Exception {
    Object[] arguments = new Object[codecs.length];
    for (int i = 0; i < arguments.length; i++) {
      arguments[i] = io.input(inputs.get(i), codecs[i]);
    }
    Object value;
    try {
      value = method.invoke(null, arguments);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
    if (result != null) {
      io.output("Output", value, (Codec) result);
    }
  }
}
