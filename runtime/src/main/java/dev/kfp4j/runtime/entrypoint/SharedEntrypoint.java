package dev.kfp4j.runtime.entrypoint;

import dev.kfp4j.runtime.storage.StorageSettings;
import dev.kfp4j.runtime.value.Codec;
import dev.kfp4j.runtime.value.Codecs;
import dev.kfp4j.wire.ComponentAddress;
import dev.kfp4j.wire.ComponentDescriptorFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One entrypoint for every component, for projects compiled with {@code -Akfp4j.entrypoints=shared}: the
 * processor then writes no Java per component (javac's cost of a kfp4j project stays close to plain javac's),
 * and a step's command names this class and the component's address instead of a generated class:
 * {@code java … dev.kfp4j.runtime.entrypoint.SharedEntrypoint com.acme.Average#add CONTEXT_JSON …}.
 *
 * <p>It reads the component's descriptor (written by the processor in both modes), finds the static method,
 * picks each codec from the method's generic types ({@link Codecs#forType}, the same codecs a generated
 * entrypoint names) and calls the method through {@link ComponentMain}, exactly as a generated
 * {@code execute(ComponentIo)} does: artifacts, a record's components as outputs, the same messages.
 * The checks of the method and its types happened at compile time; what is checked here is only that the
 * classpath holds what was compiled (the class, the method, a descriptor that matches it).
 *
 * Where no user frame is on the stack (a method that returned null instead of its record, a failed static
 * initializer) the error line names the user's code where a generated entrypoint's names its own class.
 *
 * <p>On every step's start-up path: no lambda, no string concatenation with {@code +}, no regular expression, no
 * service lookup, no annotation read unless two static overloads have the descriptor's arity (each costs an
 * invokedynamic bootstrap, a pattern compile, a jar scan or a proxy class in a JVM that lives a fraction of a
 * second); the descriptor is read from the class's own jar or folder, not through the class loader's lookup
 * (SharedEntrypointStartupTest checks the classes it loads against a generated entrypoint's). {@link TrainingMain}
 * runs this path, so a start-up archive holds what it loads.
 */
public final class SharedEntrypoint implements ComponentBody {

  private final ComponentDescriptor descriptor;
  private final Method method;
  private final Codec<?>[] inputCodecs;
  /** Per output: its codec, or null for an artifact. */
  private final Codec<?>[] outputCodecs;
  /** Per output of a record: its accessor; null when the method's value is the one output. */
  private final Method[] accessors;
  /** Per output artifact: its schema title. */
  private final String[] outputTitles;
  private final boolean[] inputArtifacts;

  private SharedEntrypoint(ComponentDescriptor descriptor, Method method, Codec<?>[] inputCodecs,
      boolean[] inputArtifacts, Codec<?>[] outputCodecs, Method[] accessors, String[] outputTitles) {
    this.descriptor = descriptor;
    this.method = method;
    this.inputCodecs = inputCodecs;
    this.inputArtifacts = inputArtifacts;
    this.outputCodecs = outputCodecs;
    this.accessors = accessors;
    this.outputTitles = outputTitles;
  }

  /** What {@code --help} prints, and what a usage error ends with. */
  static final String USAGE = "usage: java -cp CLASSPATH ".concat(ComponentAddress.SHARED_ENTRYPOINT)
      .concat(" OWNER#METHOD ARGS...: OWNER is the binary name of the class that declares the @Component method")
      .concat(" (com.acme.Average, com.acme.Outer$Inner), ARGS what the component's generated entrypoint takes (")
      .concat(EntrypointArgs.USAGE.substring("usage: <entrypoint> ".length())).concat(")");

  /**
   * Runs the component at {@code args[0]} ({@code com.acme.Outer$Inner#add}) with the rest of {@code args}, as
   * a generated entrypoint's {@code main} would, and exits with its exit code.
   */
  public static void main(String[] args) {
    int code = run(args, System.out, System.err, StorageSettings.fromEnvironment(),
        !System.getenv().getOrDefault(ComponentMain.STACK_TRACE_ENV, "").isEmpty());
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * {@link #main}, returning the exit code: {@link ExitCode#USAGE} with one {@code kfp4j: shared entrypoint: …}
   * line when {@code args[0]} is not an address or names nothing on the classpath, else what the component's run
   * returns ({@link ComponentMain#run(ComponentDescriptor, String[], ComponentBody, PrintStream, PrintStream,
   * StorageSettings, boolean)}: the same lines and exit codes as its generated entrypoint).
   */
  public static int run(String[] args, PrintStream out, PrintStream err, StorageSettings settings,
      boolean stackTrace) {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      out.println(USAGE);
      out.flush();
      return ExitCode.OK;
    }
    Optional<ComponentAddress> address = args.length == 0 ? Optional.empty() : ComponentAddress.parse(args[0]);
    if (address.isEmpty()) {
      return usage(err, "the first argument must be a component's address, OWNER#METHOD (com.acme.Average#add), "
          .concat("then the arguments of the component; got ")
          .concat(args.length == 0 ? "no arguments" : "'".concat(args[0]).concat("'")).concat("; ").concat(USAGE));
    }
    SharedEntrypoint entrypoint;
    try {
      entrypoint = load(SharedEntrypoint.class.getClassLoader(), address.get());
    } catch (IllegalArgumentException e) {
      return usage(err, e.getMessage());
    }
    return ComponentMain.run(entrypoint.descriptor, Arrays.copyOfRange(args, 1, args.length), entrypoint, out, err,
        settings, stackTrace);
  }

  private static int usage(PrintStream err, String message) {
    err.println("kfp4j: shared entrypoint: ".concat(message));
    err.flush();
    return ExitCode.USAGE;
  }

  /**
   * The component at {@code address}, from {@code loader}.
   *
   * @throws IllegalArgumentException naming the address and what is missing: the class, the static method,
   *     its descriptor, or a descriptor that no longer matches the method (a stale build)
   */
  public static SharedEntrypoint load(ClassLoader loader, ComponentAddress address) {
    String where = "component ".concat(address.text());
    Class<?> owner;
    try {
      owner = Class.forName(address.owner(), false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(where.concat(": class ").concat(address.owner())
          .concat(" is not on the classpath (").concat(String.valueOf(e)).concat(")")
          .concat(nestedHint(loader, address)));
    } catch (LinkageError e) {
      throw new IllegalArgumentException(where.concat(": class ").concat(address.owner())
          .concat(" cannot be loaded: ").concat(String.valueOf(e)));
    }
    List<Method> named = staticMethods(owner, where, address);
    ComponentDescriptorFile file = descriptorFile(loader, owner, address, where);
    return create(owner, choose(named, owner, file, where, address), file, where, address);
  }

  /**
   * The entrypoint of {@code method} as {@code file} describes it, without reading a descriptor from the classpath:
   * for {@link TrainingMain}'s built-in sample, which runs the shared path with a descriptor of its own.
   */
  static SharedEntrypoint of(Method method, ComponentDescriptorFile file) {
    ComponentAddress address = new ComponentAddress(method.getDeclaringClass().getName(), method.getName());
    return create(method.getDeclaringClass(), method, file, "component ".concat(address.text()), address);
  }

  private static SharedEntrypoint create(Class<?> owner, Method method, ComponentDescriptorFile file, String where,
      ComponentAddress address) {
    Type[] parameters;
    try {
      parameters = method.getGenericParameterTypes();
    } catch (LinkageError | RuntimeException e) { // a type the signature names is missing or malformed
      throw new IllegalArgumentException(where.concat(": cannot read the parameter types of ")
          .concat(method.toString()).concat(": ").concat(String.valueOf(e)));
    }
    if (file.inputs().size() != parameters.length) {
      throw stale(where, address, "it names ".concat(String.valueOf(file.inputs().size()))
          .concat(" inputs, the method has ").concat(String.valueOf(parameters.length)).concat(" parameters"));
    }
    boolean returns = method.getReturnType() != void.class;
    if (returns == file.outputs().isEmpty()) {
      throw stale(where, address, returns ? "it names no outputs, the method returns a value"
          : "it names outputs, the method returns nothing");
    }
    try {
      method.setAccessible(true);
    } catch (RuntimeException e) { // InaccessibleObjectException, SecurityException
      throw new IllegalArgumentException(where.concat(": cannot call ").concat(method.toString()).concat(": ")
          .concat(String.valueOf(e)).concat(" (open its package to kfp4j, or make the class and method public)"));
    }
    Codec<?>[] inputCodecs = new Codec<?>[parameters.length];
    boolean[] inputArtifacts = new boolean[parameters.length];
    for (int i = 0; i < parameters.length; i++) {
      String input = file.inputs().get(i);
      if (file.artifacts().containsKey(input)) {
        if (parameters[i] != Path.class) {
          throw stale(where, address, "input ".concat(input).concat(" is an artifact, the parameter is a ")
              .concat(parameters[i].getTypeName()));
        }
        inputArtifacts[i] = true;
      } else {
        inputCodecs[i] = codec(parameters[i], where, "input ".concat(input));
      }
    }
    List<String> outputs = file.outputs();
    Codec<?>[] outputCodecs = new Codec<?>[outputs.size()];
    String[] outputTitles = new String[outputs.size()];
    Method[] accessors = null;
    // As the processor decides: a returned record's components are the outputs, any other value is Output.
    if (method.getReturnType().isRecord()) {
      accessors = new Method[outputs.size()];
      Class<?> record = method.getReturnType();
      for (int i = 0; i < outputs.size(); i++) {
        RecordComponent component = recordComponent(record, outputs.get(i));
        if (component == null) {
          throw stale(where, address, "output ".concat(outputs.get(i)).concat(" is not a component of ")
              .concat(record.getName()));
        }
        accessors[i] = component.getAccessor();
        try {
          accessors[i].setAccessible(true);
        } catch (RuntimeException e) {
          throw new IllegalArgumentException(where.concat(": cannot read ").concat(accessors[i].toString())
              .concat(": ").concat(String.valueOf(e)));
        }
        outputKind(file, outputs.get(i), component.getGenericType(), outputCodecs, outputTitles, i, where, address);
      }
    } else if (returns) {
      if (outputs.size() != 1) {
        throw stale(where, address, "it names ".concat(String.valueOf(outputs.size()))
            .concat(" outputs, the method returns one value"));
      }
      outputKind(file, outputs.get(0), method.getGenericReturnType(), outputCodecs, outputTitles, 0, where, address);
    }
    List<String> artifacts = new ArrayList<>(file.artifacts().keySet());
    String ownerName = owner.getCanonicalName() != null ? owner.getCanonicalName() : owner.getName();
    ComponentDescriptor descriptor = new ComponentDescriptor(file.name(), ownerName.concat(".").concat(method.getName()),
        file.inputs(), outputs, artifacts);
    return new SharedEntrypoint(descriptor, method, inputCodecs, inputArtifacts, outputCodecs, accessors, outputTitles);
  }

  /**
   * The static method the address names. Overloads: the processor refuses two {@code @Component} methods of one name
   * in a class, but a plain static overload may sit next to one; then the one with as many parameters as the
   * descriptor has inputs, and of those the {@code @Component} one. (Annotations are only looked at then: reading
   * one builds a proxy class, which a step's start-up does not need.)
   */
  private static List<Method> staticMethods(Class<?> owner, String where, ComponentAddress address) {
    Method[] declared;
    try {
      declared = owner.getDeclaredMethods();
    } catch (LinkageError e) { // a type some method of the class names is not on the classpath
      throw new IllegalArgumentException(where.concat(": cannot read the methods of ").concat(owner.getName())
          .concat(": ").concat(String.valueOf(e)).concat(" (a class its methods name is missing from the classpath)"));
    }
    List<Method> named = new ArrayList<>();
    boolean instanceMethod = false;
    for (Method candidate : declared) {
      if (candidate.getName().equals(address.method()) && !candidate.isSynthetic() && !candidate.isBridge()) {
        if (Modifier.isStatic(candidate.getModifiers())) {
          named.add(candidate);
        } else {
          instanceMethod = true;
        }
      }
    }
    if (named.isEmpty()) {
      throw new IllegalArgumentException(where.concat(": ").concat(owner.getName())
          .concat(instanceMethod ? " has a method " : " has no static method ").concat(address.method())
          .concat(instanceMethod ? " but it is not static (a @Component method is static)" : "")
          .concat("; were the classes changed after the specs were written? rebuild the project"));
    }
    return named;
  }

  private static Method choose(List<Method> named, Class<?> owner, ComponentDescriptorFile file, String where,
      ComponentAddress address) {
    if (named.size() == 1) {
      return named.get(0);
    }
    List<Method> sameArity = new ArrayList<>();
    for (Method candidate : named) {
      if (candidate.getParameterCount() == file.inputs().size()) {
        sameArity.add(candidate);
      }
    }
    if (sameArity.size() == 1) {
      return sameArity.get(0);
    }
    Method component = null;
    for (Method candidate : sameArity) {
      if (candidate.isAnnotationPresent(dev.kfp4j.annotations.Component.class)) {
        if (component != null) {
          component = null;
          break;
        }
        component = candidate;
      }
    }
    if (component != null) {
      return component;
    }
    throw new IllegalArgumentException(where.concat(": ").concat(owner.getName()).concat(" has ")
        .concat(String.valueOf(named.size())).concat(" static methods named ").concat(address.method())
        .concat(" and none is the one @Component method with ").concat(String.valueOf(file.inputs().size()))
        .concat(" parameters its descriptor names; rename the others"));
  }

  /** A nested class spelled canonically ({@code com.acme.Outer.Inner}) is the likeliest slip: name the binary name. */
  private static String nestedHint(ClassLoader loader, ComponentAddress address) {
    Optional<Class<?>> nested;
    try {
      nested = CanonicalNames.load(address.owner(), loader);
    } catch (LinkageError e) {
      return ""; // a candidate that is there but cannot be loaded: no hint
    }
    if (nested.isEmpty() || nested.get().getName().equals(address.owner())) {
      return "";
    }
    return "; a nested class is named by its binary name: ".concat(nested.get().getName()).concat("#")
        .concat(address.method());
  }

  private static void outputKind(ComponentDescriptorFile file, String output, Type type, Codec<?>[] codecs,
      String[] titles, int i, String where, ComponentAddress address) {
    String title = file.artifacts().get(output);
    if (title != null) {
      if (type != Path.class) {
        throw stale(where, address, "output ".concat(output).concat(" is an artifact, its type is ")
            .concat(type.getTypeName()));
      }
      titles[i] = title;
    } else {
      codecs[i] = codec(type, where, "output ".concat(output));
    }
  }

  private static RecordComponent recordComponent(Class<?> record, String name) {
    for (RecordComponent component : record.getRecordComponents()) {
      if (component.getName().equals(name)) {
        return component;
      }
    }
    return null;
  }

  private static Codec<?> codec(Type type, String where, String what) {
    try {
      return Codecs.forType(type);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where.concat(": ").concat(what).concat(": ").concat(e.getMessage()));
    }
  }

  private static IllegalArgumentException stale(String where, ComponentAddress address, String why) {
    return new IllegalArgumentException(where.concat(": its descriptor ").concat(address.descriptorPath())
        .concat(" does not match the method (").concat(why).concat("); the classes and the descriptor come from ")
        .concat("different builds: rebuild the project"));
  }

  private static ComponentDescriptorFile descriptorFile(ClassLoader loader, Class<?> owner, ComponentAddress address,
      String where) {
    String path = address.descriptorPath();
    byte[] bytes;
    try {
      bytes = nextToClass(owner, path);
      if (bytes == null) {
        try (InputStream in = loader.getResourceAsStream(path)) {
          if (in == null) {
            throw new IllegalArgumentException(where.concat(": no component descriptor ").concat(path)
                .concat(" on the classpath (is the method a @Component of a project built with the kfp4j processor?)"));
          }
          bytes = in.readAllBytes();
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(where.concat(": cannot read ").concat(path).concat(": ")
          .concat(String.valueOf(e.getMessage())));
    }
    Optional<ComponentDescriptorFile> file = ComponentDescriptorFile.read(new String(bytes, StandardCharsets.UTF_8));
    if (file.isEmpty()) {
      throw new IllegalArgumentException(where.concat(": ").concat(path)
          .concat(" is not a component descriptor this kfp4j version reads; rebuild the project"));
    }
    if (!file.get().method().equals(address.method())) {
      throw stale(where, address, "it describes method ".concat(file.get().method()));
    }
    return file.get();
  }

  /**
   * The descriptor in the folder or jar the class came from (where the processor wrote both), or null if it is not
   * there: read directly, because a class loader's resource lookup asks the JDK's own modules first (a walk of the
   * runtime image) and reads a jar through a URL connection, both start-up cost for every step.
   */
  private static byte[] nextToClass(Class<?> owner, String path) throws IOException {
    CodeSource source = owner.getProtectionDomain().getCodeSource();
    URL location = source == null ? null : source.getLocation();
    if (location == null || !"file".equals(location.getProtocol())) {
      return null;
    }
    Path file;
    try {
      file = Path.of(location.toURI());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null; // not a plain file location: the class loader's lookup reads it
    }
    if (Files.isDirectory(file)) {
      Path descriptor = file.resolve(path);
      return Files.isRegularFile(descriptor) ? Files.readAllBytes(descriptor) : null;
    }
    // The class loader has this jar open already: ZipFile shares its central directory, no second read.
    try (ZipFile jar = new ZipFile(file.toFile())) {
      ZipEntry entry = jar.getEntry(path);
      if (entry == null) {
        return null;
      }
      try (InputStream in = jar.getInputStream(entry)) {
        return in.readAllBytes();
      }
    }
  }

  /** The component as {@link ComponentMain} sees it. */
  public ComponentDescriptor descriptor() {
    return descriptor;
  }

  /** The {@code @Component} method it calls. */
  public Method method() {
    return method;
  }

  /** Reads the inputs from {@code io}, calls the method, and hands its outputs to {@code io}. */
  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void call(ComponentIo io) throws Exception {
    List<String> inputs = descriptor.inputs();
    Object[] arguments = new Object[inputCodecs.length];
    for (int i = 0; i < arguments.length; i++) {
      arguments[i] = inputArtifacts[i] ? io.inputArtifact(inputs.get(i)) : io.input(inputs.get(i), inputCodecs[i]);
    }
    Object value;
    try {
      value = method.invoke(null, arguments);
    } catch (ExceptionInInitializerError e) {
      throw atUserFrame(e, initializerFrame(e));
    } catch (InvocationTargetException e) {
      throw thrownBy(e);
    }
    List<String> outputs = descriptor.outputs();
    if (outputs.isEmpty()) {
      return;
    }
    if (accessors == null) {
      output(io, 0, outputs.get(0), value);
      return;
    }
    if (value == null) {
      throw nullRecord();
    }
    for (int i = 0; i < accessors.length; i++) {
      Object component;
      try {
        component = accessors[i].invoke(value);
      } catch (InvocationTargetException e) {
        throw thrownBy(e);
      }
      output(io, i, outputs.get(i), component);
    }
  }

  /**
   * The generated entrypoint's message for a method that returned no record. Its stack trace starts at the method
   * that returned null (no line: the call has returned), so that the one error line names the user's method, as the
   * generated entrypoint's line names its own class in the user's package, rather than a frame of the runtime.
   */
  private NullPointerException nullRecord() {
    return atUserFrame(new NullPointerException(descriptor.method().concat(" returned null instead of a ")
        .concat(method.getReturnType().getCanonicalName())),
        new StackTraceElement(method.getDeclaringClass().getName(), method.getName(), null, -1));
  }

  /**
   * The frame of a failed static initializer of the method's class (where its cause was thrown in that class), so
   * that the error line names the user's code, not the reflective call that started the initialization (a generated
   * entrypoint's line names its own class, which is in the user's package).
   */
  private StackTraceElement initializerFrame(ExceptionInInitializerError e) {
    String owner = method.getDeclaringClass().getName();
    if (e.getCause() != null) {
      for (StackTraceElement frame : e.getCause().getStackTrace()) {
        if (frame.getClassName().equals(owner) || frame.getClassName().startsWith(owner.concat("$"))) {
          return frame;
        }
      }
    }
    return new StackTraceElement(owner, "<clinit>", null, -1);
  }

  /** {@code e} with {@code frame} on top of its stack trace: the frame its one error line names. */
  private static <T extends Throwable> T atUserFrame(T e, StackTraceElement frame) {
    StackTraceElement[] stack = e.getStackTrace();
    StackTraceElement[] withFrame = new StackTraceElement[stack.length + 1];
    withFrame[0] = frame;
    System.arraycopy(stack, 0, withFrame, 1, stack.length);
    e.setStackTrace(withFrame);
    return e;
  }

  /** What the user's code threw, rethrown as itself: an {@code Error} here, an exception returned. */
  private static Exception thrownBy(InvocationTargetException e) {
    Throwable cause = e.getCause();
    if (cause instanceof Error error) {
      throw error;
    }
    return cause instanceof Exception exception ? exception : e;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void output(ComponentIo io, int i, String name, Object value) {
    if (outputTitles[i] != null) {
      io.outputArtifact(name, (Path) value, outputTitles[i]);
    } else {
      io.output(name, value, (Codec) outputCodecs[i]);
    }
  }
}
