package dev.kfp4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kfp4j.local.exec.Classpath;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * kfp4j-cli without its optional client modules (what a project that depends on kfp4j-cli alone gets): the
 * local commands are there, {@code argo} and {@code kfp} are not, and nothing fails for want of the
 * Kubernetes client. The command is loaded from this test's classpath minus the two clients and fabric8.
 */
class LocalOnlyCliTest {

  @Test
  void withoutTheClientsOnlyTheLocalCommandsAreRegistered() throws Exception {
    List<URL> urls = new ArrayList<>();
    for (Path entry : Classpath.current().expanded()) {
      if (!isClusterClient(entry)) {
        urls.add(url(entry));
      }
    }
    try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      assertThrows(ClassNotFoundException.class, () -> loader.loadClass("dev.kfp4j.cluster.argo.ArgoWorkflows"));
      assertThrows(ClassNotFoundException.class, () -> loader.loadClass("dev.kfp4j.cluster.kfp.KfpClient"));
      assertThrows(ClassNotFoundException.class,
          () -> loader.loadClass("io.fabric8.kubernetes.client.KubernetesClient"));
      Class<?> main = loader.loadClass(Main.class.getName());
      assertNotSame(Main.class, main);
      Object commandLine = main.getMethod("commandLine").invoke(null);
      Map<?, ?> subcommands = (Map<?, ?>) commandLine.getClass().getMethod("getSubcommands").invoke(commandLine);
      Set<String> names = new TreeSet<>();
      subcommands.keySet().forEach(name -> names.add((String) name));
      // "hello" is this module's test plug-in.
      assertEquals(Set.of("hello", "list", "run", "runs", "show"), names);
    }
  }

  private static boolean isClusterClient(Path entry) {
    String path = entry.toString().replace('\\', '/');
    return path.contains("/cluster/argo/") || path.contains("/cluster/kfp-client/") || path.contains("kfp4j-argo")
        || path.contains("kfp4j-kfp-client") || path.contains("/io/fabric8/");
  }

  private static URL url(Path entry) {
    try {
      return entry.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }
}
