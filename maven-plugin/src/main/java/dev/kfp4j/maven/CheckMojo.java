package dev.kfp4j.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Fails the build when the project's classes carry {@code @Component} or {@code @Pipeline} but the kfp4j processor
 * wrote nothing (no {@code META-INF/kfp4j/} in the classes): the processor did not run, e.g. because of an old
 * maven-compiler-plugin or a missing {@code annotationProcessorPaths}. Runs after compilation by default.
 *
 * <p>It also removes the empty folders an earlier compilation left under {@code META-INF/kfp4j/}: when a pipeline
 * is renamed, the compiler plugin deletes the files it generated for the old name but not their folders, which would
 * otherwise end up in the jar.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true)
public class CheckMojo extends AbstractKfp4jMojo {

  static final String TAG = "[kfp4j:ProcessorDidNotRun]";

  @Override
  void run() throws MojoExecutionException, MojoFailureException {
    Path classes = outputDirectory();
    List<String> annotated;
    try {
      annotated = AnnotatedClasses.in(classes);
    } catch (IOException e) {
      throw new MojoExecutionException("could not read the compiled classes in " + classes + ": " + e.getMessage(), e);
    }
    if (annotated.isEmpty()) {
      getLog().debug("kfp4j: no @Component or @Pipeline methods in " + classes);
      return;
    }
    Path generated = classes.resolve("META-INF").resolve("kfp4j");
    try {
      for (Path removed : removeEmptyFolders(generated)) {
        getLog().debug("kfp4j: removed the empty folder " + removed + " (left by an earlier compilation)");
      }
    } catch (IOException e) {
      throw new MojoExecutionException("could not clean up " + generated + ": " + e.getMessage(), e);
    }
    if (hasGeneratedFiles(generated)) {
      getLog().debug("kfp4j: the processor ran for " + annotated);
      return;
    }
    Plugin compiler = project.getBuild().getPluginsAsMap().get("org.apache.maven.plugins:maven-compiler-plugin");
    boolean processorIsDependency = project.getArtifacts().stream()
        .anyMatch(a -> ProcessorSetup.PROCESSOR.equals(a.getArtifactId()))
        || project.getDependencies().stream().anyMatch(d -> ProcessorSetup.PROCESSOR.equals(d.getArtifactId()));
    throw new MojoFailureException(message(annotated, project.getBasedir().toPath().relativize(classes),
        ProcessorSetup.reasons(compiler, processorIsDependency)));
  }

  static String message(List<String> annotated, Path classes, List<String> reasons) {
    String classNames = annotated.size() <= 3 ? String.join(", ", annotated)
        : String.join(", ", annotated.subList(0, 3)) + " and " + (annotated.size() - 3) + " more";
    StringBuilder message = new StringBuilder(TAG + " " + classNames + (annotated.size() == 1 ? " has" : " have")
        + " @Component/@Pipeline methods, but the kfp4j annotation processor did not run: " + classes
        + "/META-INF/kfp4j/ holds no specs and no component descriptors, and no entrypoint classes were generated.");
    if (reasons.isEmpty()) {
      message.append(" The compiler set-up looks right; rebuild with 'mvn clean compile' (an incremental compile may "
          + "have skipped the processor).");
    } else {
      message.append(" Fix:");
      reasons.forEach(reason -> message.append("\n  - ").append(reason));
    }
    return message.toString();
  }

  /** Removes every folder under {@code root} (not {@code root} itself) that holds no file, deepest first. */
  static List<Path> removeEmptyFolders(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<Path> folders;
    try (Stream<Path> paths = Files.walk(root)) {
      folders = paths.filter(path -> !path.equals(root) && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS))
          .sorted(Comparator.comparingInt(Path::getNameCount).reversed().thenComparing(Comparator.naturalOrder()))
          .toList();
    }
    List<Path> removed = new ArrayList<>();
    for (Path folder : folders) {
      boolean empty;
      try (Stream<Path> entries = Files.list(folder)) {
        empty = entries.findAny().isEmpty();
      }
      if (empty) {
        Files.delete(folder);
        removed.add(folder);
      }
    }
    return removed;
  }

  private static boolean hasGeneratedFiles(Path directory) {
    if (!Files.isDirectory(directory)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      return files.anyMatch(Files::isRegularFile);
    } catch (IOException e) {
      return false;
    }
  }
}
