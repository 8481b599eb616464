package dev.kfp4j.runtime.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The storage a step sees: every backend found on the classpath, chosen by URI scheme, behind a
 * check that refuses any address outside the configured roots.
 */
public final class Storage implements AutoCloseable {

  private final List<URI> roots;
  private final StorageSettings settings;
  /** The backends the service lookup found, by scheme; looked up on first need (see {@link #provider}). */
  private Map<String, ObjectStoreProvider> providers;
  private final Map<String, ObjectStore> open = new HashMap<>();
  private static final String S3_PROVIDER = "dev.kfp4j.runtime.storage.s3.S3ObjectStoreProvider";

  private Storage(List<URI> roots, StorageSettings settings) {
    this.roots = List.copyOf(roots);
    this.settings = settings;
  }

  /**
   * Storage limited to {@code roots}, with the backends registered through {@link ServiceLoader}.
   *
   * @throws AddressRefusedException if a root is not a valid address
   */
  public static Storage create(List<URI> roots, StorageSettings settings) throws AddressRefusedException {
    List<URI> checked = new ArrayList<>();
    for (URI root : roots) {
      checked.add(Addresses.check(root));
    }
    return new Storage(checked, settings);
  }

  /**
   * The provider of {@code scheme}. kfp4j's own backends are found by class name: the service lookup reads
   * every jar of the classpath (on a runner's or an image's long classpath, more than the rest of a step's
   * start-up), so it runs only for a scheme none of them serves.
   */
  private ObjectStoreProvider provider(String scheme) {
    switch (scheme) {
      case "file":
        return new FileObjectStore.Provider();
      case "http":
      case "https":
        return new HttpObjectStore.Provider();
      case "s3":
        try {
          // kfp4j-storage-s3, when it is on the classpath.
          return (ObjectStoreProvider) Class.forName(S3_PROVIDER, true, Storage.class.getClassLoader())
              .getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
          break; // not there (or not usable): the service lookup decides, and names what is available
        }
      default:
        break;
    }
    if (providers == null) {
      providers = new HashMap<>();
      for (ObjectStoreProvider provider : ServiceLoader.load(ObjectStoreProvider.class, Storage.class.getClassLoader())) {
        for (String name : provider.schemes()) {
          providers.putIfAbsent(name.toLowerCase(Locale.ROOT), provider);
        }
      }
    }
    return providers.get(scheme);
  }

  /** The roots every address must lie under. */
  public List<URI> roots() {
    return roots;
  }

  /** Opens an object for reading. */
  public InputStream read(URI address) throws IOException {
    return store(address).read(address);
  }

  /** Writes an object atomically (see {@link ObjectStore#write}). */
  public void write(URI address, ObjectWriter writer) throws IOException {
    store(address).write(address, writer);
  }

  /** Refuses {@code address} if it is outside the roots or its backend cannot write there (a read-only backend). */
  public void checkWritable(URI address) throws IOException {
    java.util.Optional<String> why = store(address).whyNotWritable(address);
    if (why.isPresent()) {
      throw new StorageException(address, why.get());
    }
  }

  /** The object's size in bytes, if its backend knows it cheaply (for describing a failure). */
  public java.util.OptionalLong size(URI address) {
    try {
      return store(address).size(address);
    } catch (IOException e) {
      return java.util.OptionalLong.empty();
    }
  }

  /** Whether an object exists. */
  public boolean exists(URI address) throws IOException {
    return store(address).exists(address);
  }

  /** Deletes an object if it exists. */
  public void delete(URI address) throws IOException {
    store(address).delete(address);
  }

  /**
   * Checks that {@code address} is well formed and under a root; returns it. For {@code file://}
   * the check is made again on the real paths (symbolic links resolved), so a link inside a root
   * that points outside it does not open a way out. (The check and the use are two steps: it guards
   * against links left in a run directory, not against a process racing to swap one in between.)
   */
  public URI permit(URI address) throws AddressRefusedException {
    Addresses.check(address);
    boolean linkedOut = false;
    for (URI root : roots) {
      if (Addresses.isUnder(address, root)) {
        if (!"file".equalsIgnoreCase(address.getScheme()) || isReallyUnder(address, root)) {
          return address;
        }
        linkedOut = true;
      }
    }
    throw new AddressRefusedException(address, (linkedOut ? "a symbolic link on its path leads " : "")
        + "outside the configured storage roots "
        + roots.stream().map(Addresses::redact).collect(Collectors.joining(", ", "[", "]"))
        + (linkedOut ? "" : "; add its root with --roots or KFP4J_STORAGE_ROOTS"));
  }

  private static boolean isReallyUnder(URI address, URI root) throws AddressRefusedException {
    Path realAddress;
    Path realRoot;
    try {
      realAddress = FileObjectStore.realPath(address);
      realRoot = FileObjectStore.realPath(root);
    } catch (AddressRefusedException e) {
      throw e;
    } catch (IOException e) {
      throw new AddressRefusedException(address, "cannot resolve its real path: " + e);
    }
    return realAddress.startsWith(realRoot) && !realAddress.equals(realRoot);
  }

  private ObjectStore store(URI address) throws IOException {
    permit(address);
    String scheme = address.getScheme().toLowerCase(Locale.ROOT);
    ObjectStore store = open.get(scheme);
    if (store == null) {
      ObjectStoreProvider provider = provider(scheme);
      if (provider == null) {
        throw new StorageException(address, "no storage backend for scheme '" + scheme
            + "' on the classpath (available: " + providers.keySet().stream().sorted().toList()
            + "); add the kfp4j module that provides it");
      }
      store = provider.create(settings);
      open.put(scheme, store);
    }
    return store;
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (ObjectStore store : open.values()) {
      try {
        store.close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    open.clear();
    if (first != null) {
      throw first;
    }
  }
}
