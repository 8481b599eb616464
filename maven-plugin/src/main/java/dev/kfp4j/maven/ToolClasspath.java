package dev.kfp4j.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactDescriptorException;
import org.eclipse.aether.resolution.ArtifactDescriptorRequest;
import org.eclipse.aether.resolution.ArtifactDescriptorResult;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * The jars of the kfp4j command a goal runs: {@code kfp4j-cli} and its runtime dependencies, plus a cluster
 * client module for the cluster goals. Resolved when the goal runs (through the build's own repositories and,
 * inside a reactor, its modules), so a local run never fetches a cluster client. Versions are those kfp4j was
 * built and tested with: its own dependency management applies, as in its build.
 */
final class ToolClasspath {

  static final String GROUP = "dev.kfp4j";

  private ToolClasspath() {}

  /**
   * Resolves {@code kfp4j-cli} plus {@code modules} ({@code artifactId} of a kfp4j module, or {@code groupId:artifactId}
   * of a library kfp4j manages, e.g. an optional logging binding) at {@code version}.
   */
  static List<File> resolve(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories,
      String version, List<String> modules) throws MojoExecutionException {
    Artifact cli = new DefaultArtifact(GROUP, "kfp4j-cli", "jar", version);
    try {
      ArtifactDescriptorResult descriptor = system.readArtifactDescriptor(session,
          new ArtifactDescriptorRequest(cli, repositories, null));
      CollectRequest collect = new CollectRequest();
      collect.setRepositories(repositories);
      collect.setManagedDependencies(descriptor.getManagedDependencies());
      collect.addDependency(new Dependency(cli, "runtime"));
      for (String module : modules) {
        collect.addDependency(new Dependency(artifact(module, version, descriptor), "runtime"));
      }
      List<File> files = new ArrayList<>();
      for (ArtifactResult result : system.resolveDependencies(session, new DependencyRequest(collect, null))
          .getArtifactResults()) {
        files.add(result.getArtifact().getFile());
      }
      return files;
    } catch (ArtifactDescriptorException | DependencyResolutionException e) {
      throw new MojoExecutionException("could not resolve " + cli + (modules.isEmpty() ? "" : " with " + modules)
          + " (the kfp4j command this goal runs): " + e.getMessage() + ". Run 'mvn install' in the kfp4j repository, "
          + "or set -Dkfp4j.version to a published version.", e);
    }
  }

  private static Artifact artifact(String module, String version, ArtifactDescriptorResult descriptor)
      throws MojoExecutionException {
    if (!module.contains(":")) {
      return new DefaultArtifact(GROUP, module, "jar", version);
    }
    String[] parts = module.split(":");
    Optional<Artifact> managed = descriptor.getManagedDependencies().stream().map(Dependency::getArtifact)
        .filter(a -> a.getGroupId().equals(parts[0]) && a.getArtifactId().equals(parts[1])).findFirst();
    if (managed.isEmpty()) {
      throw new MojoExecutionException(module + " has no version in kfp4j " + version + "'s dependency management");
    }
    return managed.get();
  }
}
