package dev.kfp4j.maven;

import dev.kfp4j.wire.ResourceLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    if (hasGeneratedFiles(classes.resolve(ResourceLayout.ROOT))) {
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
        + "/META-INF/kfp4j/ holds no specs and there are no entrypoints.");
    if (reasons.isEmpty()) {
      message.append(" The compiler set-up looks right; rebuild with 'mvn clean compile' (an incremental compile may "
          + "have skipped the processor).");
    } else {
      message.append(" Fix:");
      reasons.forEach(reason -> message.append("\n  - ").append(reason));
    }
    return message.toString();
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
