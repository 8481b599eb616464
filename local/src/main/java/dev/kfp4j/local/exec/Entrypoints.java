package dev.kfp4j.local.exec;

import dev.kfp4j.local.error.LocalRunException;
import dev.kfp4j.runtime.entrypoint.ComponentBody;
import dev.kfp4j.runtime.entrypoint.ComponentDescriptor;
import dev.kfp4j.runtime.entrypoint.ComponentIo;
import dev.kfp4j.runtime.entrypoint.SharedEntrypoint;
import dev.kfp4j.wire.ComponentAddress;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The entrypoints of a run, each looked up once: its component's descriptor, what runs it in-process, what a
 * task JVM's command line names, and its identity for caching. A spec names either a generated entrypoint
 * class ({@code com.acme.Average_AddEntrypoint}, whose {@code COMPONENT} and {@code execute(ComponentIo)} are
 * used) or, in a project compiled with {@code -Akfp4j.entrypoints=shared}, a component's address
 * ({@code com.acme.Average#add}, run by the runtime's {@link SharedEntrypoint}).
 */
public final class Entrypoints {

  private static final String SHARED_CLASS_FILE = ComponentAddress.SHARED_ENTRYPOINT.replace('.', '/') + ".class";

  private final ClassLoader loader;
  private final CodeDigests digests;
  private final Map<String, Entrypoint> byName = new ConcurrentHashMap<>();

  /** Entrypoints of tasks run in this JVM, through {@code loader}. */
  public Entrypoints(ClassLoader loader) {
    this(loader, null);
  }

  /**
   * @param loader the loader over the run's classpath
   * @param taskClasspath the classpath of task JVMs, or null when tasks run in this JVM: a shared entrypoint
   *     runs the runtime a task JVM finds there, which is part of its identity
   */
  public Entrypoints(ClassLoader loader, Classpath taskClasspath) {
    this.loader = loader;
    this.digests = new CodeDigests(loader, taskClasspath);
  }

  /**
   * One entrypoint.
   *
   * @param name as the spec names it: the generated class's name, or the component's address
   *     ({@code com.acme.Average#add})
   * @param main what a task JVM's command line names after its classpath: the generated class, or the shared
   *     entrypoint and the address
   * @param descriptor its component
   * @param body what runs the component once in this JVM ({@code execute(ComponentIo)}, or the shared
   *     entrypoint's {@link SharedEntrypoint#call})
   * @param owner the binary name of the class that declares the component method
   * @param identity a digest of the compiled code that runs: the entrypoint's jar (or class folder) and the
   *     component method's class's jar (or class folder); for a shared one the runtime's instead of a
   *     generated class's
   */
  public record Entrypoint(String name, List<String> main, ComponentDescriptor descriptor, ComponentBody body,
      String owner, String identity) {

    public Entrypoint {
      main = List.copyOf(main);
    }

    /** Whether the runtime's shared entrypoint runs it (no generated class). */
    public boolean shared() {
      return ComponentAddress.isAddress(name);
    }
  }

  /** The entrypoint a spec's command names: a generated class's name, or a component's address. */
  public Entrypoint get(String name) {
    return byName.computeIfAbsent(name, this::load);
  }

  private Entrypoint load(String name) {
    Optional<ComponentAddress> address = ComponentAddress.parse(name);
    return address.isPresent() ? shared(address.get()) : generated(name);
  }

  private Entrypoint generated(String className) {
    Class<?> type;
    try {
      type = Class.forName(className, true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new LocalRunException(LocalRunException.Kind.CLASSPATH, "entrypoint class " + className
          + " is not on the classpath (" + e + "); build the project that defines the pipeline, or pass --classpath");
    }
    ComponentDescriptor descriptor;
    MethodHandle execute;
    try {
      descriptor = (ComponentDescriptor) type.getField("COMPONENT").get(null);
      execute = MethodHandles.publicLookup().findStatic(type, "execute",
          MethodType.methodType(void.class, dev.kfp4j.runtime.entrypoint.ComponentIo.class));
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new LocalRunException(LocalRunException.Kind.CLASSPATH, "class " + className
          + " is not a kfp4j entrypoint of this kfp4j version (no COMPONENT / execute(ComponentIo)): " + e);
    }
    String owner = methodClass(descriptor.method(), className);
    String identity = CodeDigests.digest(className + "\n"
        + digests.entryHolding(classFile(className), classResource(className))
        + "\n" + owner + ":" + digests.entryHolding(loader.getResource(classResource(owner)), classResource(owner)));
    return new Entrypoint(className, List.of(className), descriptor, io -> invoke(execute, io), owner, identity);
  }

  /**
   * The component at {@code address}, run by the runtime's shared entrypoint. What is missing (its class, its
   * descriptor, the runtime's shared entrypoint) is named with the address and what to do. Its identity is the
   * digests of the classpath entries that hold the runtime's shared entrypoint, the component's class and its
   * descriptor, as the tasks find them: a changed component or runtime is not served from the cache.
   */
  private Entrypoint shared(ComponentAddress address) {
    String where = "component " + address.text() + " (run by the shared entrypoint)";
    String ownerFile = classResource(address.owner());
    URL owner = loader.getResource(ownerFile);
    if (owner == null) {
      throw new LocalRunException(LocalRunException.Kind.CLASSPATH, where + ": class " + address.owner()
          + " is not on the classpath; build the project that defines the pipeline, or pass --classpath");
    }
    if (loader.getResource(address.descriptorPath()) == null) {
      throw new LocalRunException(LocalRunException.Kind.CLASSPATH, where + ": no component descriptor "
          + address.descriptorPath() + " on the classpath (its class is " + owner + "); build the project that "
          + "defines the pipeline with the kfp4j processor, or pass --classpath");
    }
    if (loader.getResource(SHARED_CLASS_FILE) == null) {
      throw new LocalRunException(LocalRunException.Kind.CLASSPATH, where + ": the runtime's "
          + ComponentAddress.SHARED_ENTRYPOINT + " is not on the classpath; put a kfp4j-runtime of this kfp4j version "
          + "on it");
    }
    String identity = CodeDigests.digest(address.text()
        + "\n" + ComponentAddress.SHARED_ENTRYPOINT + ":" + digests.asTasksFind(SHARED_CLASS_FILE, where, "the runtime's "
            + ComponentAddress.SHARED_ENTRYPOINT + " (a kfp4j-runtime of this kfp4j version; older ones have none)")
        + "\n" + address.owner() + ":" + digests.asTasksFind(ownerFile, where, "class " + address.owner())
        + "\n" + address.descriptorPath() + ":" + digests.asTasksFind(address.descriptorPath(), where,
            "its descriptor " + address.descriptorPath()));
    SharedEntrypoint entrypoint;
    try {
      entrypoint = SharedEntrypoint.load(loader, address);
    } catch (IllegalArgumentException | LinkageError e) {
      throw new LocalRunException(LocalRunException.Kind.CLASSPATH, "shared entrypoint: " + e.getMessage());
    }
    return new Entrypoint(address.text(), List.of(ComponentAddress.SHARED_ENTRYPOINT, address.text()),
        entrypoint.descriptor(), entrypoint, address.owner(), identity);
  }

  private static void invoke(MethodHandle execute, ComponentIo io) throws Exception {
    try {
      execute.invokeExact(io);
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  private static String classResource(String binaryName) {
    return binaryName.replace('.', '/') + ".class";
  }

  /** The binary name of the class that declares {@code method} ({@code com.acme.Outer.Inner.add} may be {@code Outer$Inner}). */
  private String methodClass(String method, String entrypoint) {
    int dot = method.lastIndexOf('.');
    String owner = dot < 0 ? method : method.substring(0, dot);
    String binary = owner;
    while (true) {
      if (loader.getResource(classResource(binary)) != null) {
        return binary;
      }
      int last = binary.lastIndexOf('.');
      if (last < 0) {
        throw new LocalRunException(LocalRunException.Kind.CLASSPATH, "the class of component method " + method
            + " (entrypoint " + entrypoint + ") is not on the classpath");
      }
      binary = binary.substring(0, last) + "$" + binary.substring(last + 1);
    }
  }

  private URL classFile(String className) {
    URL url = loader.getResource(classResource(className));
    if (url == null) {
      throw new LocalRunException(LocalRunException.Kind.CLASSPATH, "class file of " + className + " not found");
    }
    return url;
  }

}
