package dev.kfp4j.cli;

/**
 * Whether an optional client module is on the classpath: the cluster commands are registered only
 * when their client's classes load, so the local command never needs (or drags in) the Kubernetes client.
 */
public final class ClientModule {

  private ClientModule() {}

  /** True if every one of {@code classNames} can be loaded by {@code loader} (without initialising it). */
  public static boolean present(ClassLoader loader, String... classNames) {
    for (String name : classNames) {
      try {
        Class.forName(name, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        return false;
      }
    }
    return true;
  }
}
